package org.graphrec.experiments;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.graphrec.config.ConnectionSettings;
import org.graphrec.core.FactorModel;
import org.graphrec.core.InteractionGraph;
import org.graphrec.graph.GraphConnection;
import org.graphrec.graph.SchemaBootstrap;
import org.graphrec.importer.BulkMode;
import org.graphrec.importer.CatalogImporter;
import org.graphrec.importer.ImportRequest;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.propagation.EmbeddingStore;
import org.graphrec.propagation.GraphLoader;
import org.graphrec.propagation.LoadOptions;
import org.graphrec.versions.SimilarGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write paths before and after in one process, on one catalogue: for each of the driver path (parameterised
 * Cypher over Bolt, what a server gets) and the embedded store's in-process path (core API), a fresh store gets
 * a transactional import of the bundle, then an embedding write-back (64-d seeded random user and item vectors,
 * the version's vector indexes included) and a SIMILAR write (k = 10 seeded random neighbours per item). Every
 * stage prints its wall time and the process CPU time it used (all threads: the writer, Bolt workers, GC), so
 * that rows per CPU-second compare the paths even on a loaded machine. A benchmark, not a test: runs only with
 * {@code -Dgraphrec.bench=true}, asserts nothing about time.
 * <pre>shell/graphrec generate --users 39387 --items 23033 --brands 1000 --interactions 278677 --seed 7 --out DIR
 * mvn -B -Pexperiments test -Dtest=WritePathBenchmark -Dgraphrec.bench=true -Dgraphrec.bundle=DIR/bundle.properties
 *     [-Dgraphrec.paths=driver,inprocess]</pre>
 */
class WritePathBenchmark {

    @TempDir
    Path work;

    @Test
    void writePaths() {
        ExperimentOptions options = ExperimentOptions.of("WritePathBenchmark", "bench", "bundle", "paths");
        assumeTrue(options.flag("bench"), "benchmark: run with -Dgraphrec.bench=true");
        Path bundle = Path.of(options.text("bundle", "target/bench-work/clothing-size/bundle.properties"));
        assumeTrue(Files.isRegularFile(bundle), bundle + " is absent");
        for (String path : options.text("paths", "driver,inprocess").split(",")) {
            try (GraphConnection graph = GraphConnection.open(new ConnectionSettings(work.resolve(path), null, null,
                    null, null, 0, ConnectionSettings.DEFAULT_PAGE_CACHE_MIB))) {
                graph.useDriverForWrites(path.equals("driver"));
                SchemaBootstrap.apply(graph);
                StageTimer timer = new StageTimer(path);
                new CatalogImporter().importPath(graph, ImportRequest.of(bundle).withBulk(BulkMode.OFF)
                        .withRejects(0, work.resolve(path + "-rejects.tsv")), timer);
                InteractionGraph g = new GraphLoader(graph, ProgressTracker.none()).load(LoadOptions.everything());
                int d = 64;
                FactorModel model = new FactorModel(d, g.users(), g.items(), random(g.users() * d, 1),
                        random(g.items() * d, 2));
                var written = new EmbeddingStore(graph, timer).write(g, model, "benchmark", Map.of(), Map.of(),
                        Map.of(), Map.of());
                int k = 10;
                int[] offsets = new int[g.items() + 1];
                int[] targets = new int[g.items() * k];
                float[] scores = new float[g.items() * k];
                SplittableRandom random = new SplittableRandom(3);
                for (int i = 0; i < g.items(); i++) {
                    offsets[i + 1] = offsets[i] + k;
                    for (int p = 0; p < k; p++) {
                        targets[i * k + p] = random.nextInt(g.items());
                        scores[i * k + p] = 1f - p / 20f;
                    }
                }
                new SimilarGraph(graph, timer).write(written.version(), "benchmark", offsets, targets, scores,
                        g::itemId);
            }
        }
    }

    private static float[] random(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) random.nextGaussian();
        }
        return out;
    }

    /** Prints each top-level task's units, wall time and process CPU time when it ends. */
    private static final class StageTimer implements ProgressTracker {
        private final String path;
        private final Deque<long[]> open = new ArrayDeque<>();
        private final Deque<String> names = new ArrayDeque<>();
        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        StageTimer(String path) {
            this.path = path;
        }

        @Override
        public synchronized void begin(String task, long total) {
            names.push(task);
            open.push(new long[] {System.nanoTime(), os.getProcessCpuTime(), 0});
        }

        @Override
        public synchronized void advance(long units) {
            if (!open.isEmpty()) {
                open.peek()[2] += units;
            }
        }

        @Override
        public synchronized void end() {
            long[] t = open.pop();
            String task = names.pop();
            double wall = (System.nanoTime() - t[0]) / 1e9;
            double cpu = (os.getProcessCpuTime() - t[1]) / 1e9;
            System.out.printf(Locale.ROOT, "BENCH %-9s %-45s %,9d units  wall %7.2f s %,9.0f/s  CPU %7.2f s "
                    + "%,9.0f/CPU-s  load %.1f%n", path, task, t[2], wall, t[2] / Math.max(wall, 1e-9), cpu,
                    t[2] / Math.max(cpu, 1e-9), os.getSystemLoadAverage());
        }

        @Override
        public void log(String message) {
            System.out.println("BENCH " + path + " " + message);
        }
    }
}
