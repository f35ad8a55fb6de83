package org.graphrec.recommend;

import org.graphrec.experiments.ExperimentOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.graphrec.graph.GraphConnection;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.testing.TestGraphs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving latency benchmark on a synthetic graph of a few thousand items (not a test: no assertions on time).
 * Run with {@code mvn -o test -Dtest=ServeLatencyBench -Dgraphrec.bench=true}; writes
 * {@code target/serve-latency.md}. Sizes: {@code -Dbench.users}, {@code -Dbench.items}, {@code -Dbench.dim}.
 */
class ServeLatencyBench {

    @TempDir
    Path dir;

    @Test
    void measureServeLatency() throws Exception {
        ExperimentOptions options = ExperimentOptions.of("ServeLatencyBench", "bench", "users", "items", "dim",
                "warmup", "samples");
        Assumptions.assumeTrue(options.flag("bench"), "benchmark: run with -Dgraphrec.bench=true");
        int users = options.integer("users", 5000, 1, 10_000_000);
        int items = options.integer("items", 3000, 1, 10_000_000);
        int dim = options.integer("dim", 64, 1, 4096);
        try (GraphConnection graph = TestGraphs.openEmbedded(dir.resolve("db"))) {
            long t0 = System.nanoTime();
            ServingFixtures.synthetic(graph, users, 50, items, 20, dim, 42L);
            double buildSeconds = (System.nanoTime() - t0) / 1e9;
            var result = ServeLatency.measure(graph, new ServeLatency.Parameters(
                    options.integer("warmup", 200, 0, 1_000_000),
                    options.integer("samples", 1000, 1, 1_000_000), 10, 1L),
                    ProgressTracker.none());
            double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            String report = String.format(Locale.ROOT, "machine: %d cores, load average %.1f at the end%n",
                    Runtime.getRuntime().availableProcessors(), load) + String.format(Locale.ROOT, "synthetic graph: %,d users, %,d items, d = %d, 20 interactions "
                    + "per user, text 16-d + image 24-d, fused SIMILAR top-10 (built in %.0f s)%n%n", users, items, dim,
                    buildSeconds) + result.markdown() + String.format(Locale.ROOT,
                    "%nrecommend (service) vs exact full scan: recall@10 = %.4f, identical lists = %.1f%%; "
                    + "recommend/for-user-index: recall@10 = %.4f, identical lists = %.1f%%%n",
                    result.recallAtK(), 100 * result.exactLists(), result.indexRecallAtK(),
                    100 * result.indexExactLists());
            Files.writeString(Path.of("target", "serve-latency.md"), report);
            System.out.println(report);
        }
    }
}
