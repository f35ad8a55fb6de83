package org.graphrec.recommend;

import org.graphrec.experiments.ExperimentOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.graphrec.graph.GraphConnection;
import org.graphrec.testing.TestGraphs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Latency of {@code neighbours --user/--item} alone (not a test: no assertions on time), on the synthetic graph of
 * {@link ServeLatencyBench} kept in {@code target/neighbourhood-bench-db} between runs so iterations are quick.
 * Run with {@code mvn -o test -Dtest=NeighbourhoodBench -Dgraphrec.bench=true}; prints p50/p95/p99 and writes
 * the answers to {@code target/neighbourhood-bench-answers.txt} (compare two runs with diff).
 */
class NeighbourhoodBench {

    @Test
    void measureNeighbourhoodLatency() throws Exception {
        ExperimentOptions options = ExperimentOptions.of("NeighbourhoodBench", "bench", "warmup", "samples");
        Assumptions.assumeTrue(options.flag("bench"), "benchmark: run with -Dgraphrec.bench=true");
        Path db = Path.of("target", "neighbourhood-bench-db");
        boolean build = !Files.exists(db.resolve("built"));
        int warmup = options.integer("warmup", 50, 0, 1_000_000);
        int samples = options.integer("samples", 300, 1, 1_000_000);
        try (GraphConnection graph = TestGraphs.openEmbedded(db)) {
            if (build) {
                ServingFixtures.synthetic(graph, 5000, 50, 3000, 20, 64, 42L);
                Files.writeString(db.resolve("built"), "yes");
            }
            List<String> users = graph.read(tx -> tx.run("MATCH (u:User) RETURN u.id AS id ORDER BY id")
                    .list(r -> r.get("id").asString()));
            List<String> items = graph.read(tx -> tx.run("MATCH (i:Item) RETURN i.id AS id ORDER BY id")
                    .list(r -> r.get("id").asString()));
            NeighbourhoodRecommender n = new NeighbourhoodRecommender(graph);
            NeighbourhoodParameters p = NeighbourhoodParameters.defaults(10);
            StringBuilder answers = new StringBuilder();
            StringBuilder report = new StringBuilder();
            for (String kind : List.of("user", "item")) {
                List<String> ids = kind.equals("user") ? users : items;
                for (int i = 0; i < warmup; i++) {
                    call(n, kind, ids.get((i * 7919) % ids.size()), p);
                }
                double[] ms = new double[samples];
                int nodes = 0;
                int edges = 0;
                for (int i = 0; i < samples; i++) {
                    String id = ids.get(((i + warmup) * 7919) % ids.size());
                    long t0 = System.nanoTime();
                    var r = call(n, kind, id, p);
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                    nodes += r.nodes();
                    edges += r.edges();
                    answers.append(kind).append(' ').append(id).append(" nodes=").append(r.nodes())
                            .append(" edges=").append(r.edges()).append(" capped=").append(r.capped());
                    for (var item : r.items()) {
                        answers.append(String.format(Locale.ROOT, " %s:%.9f", item.itemId(), item.score()));
                    }
                    answers.append('\n');
                }
                Arrays.sort(ms);
                report.append(String.format(Locale.ROOT,
                        "neighbours --%s: %d calls, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms, mean nodes %d, "
                                + "mean edges %d%n", kind, samples, ms[samples / 2], ms[(int) (samples * 0.95)],
                        ms[(int) (samples * 0.99)], ms[samples - 1], nodes / samples, edges / samples));
            }
            double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            report.append(String.format(Locale.ROOT, "load average %.1f%n", load));
            Files.writeString(Path.of("target", "neighbourhood-bench-answers.txt"), answers);
            System.out.println(report);
        }
    }

    private static NeighbourhoodRecommender.Result call(NeighbourhoodRecommender n, String kind, String id,
                                                        NeighbourhoodParameters p) {
        return kind.equals("user") ? n.forUser(id, p) : n.forItem(id, p);
    }
}
