package org.graphrec.versions;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.graphrec.graph.GraphConnection;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.testing.TestGraphs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIMILAR write throughput, before and after the kNN graph was versioned, on a synthetic catalogue of 8,000 items
 * with k = 10 (80,000 relationships per modality, as {@code generate --items 8000} and {@code propagate} give):
 * the old write (one row per relationship, both ends looked up by id, 10,000 rows per transaction) and
 * {@link SimilarGraph#write} (one row per source item, 10,000 relationships per transaction), alternated so both
 * see the same machine load. A benchmark, not a test: runs only with {@code -Dgraphrec.bench=true}, prints its
 * numbers, asserts nothing about time.
 * <pre>mvn -o test -Dtest=SimilarWriteBenchmark -Dgraphrec.bench=true</pre>
 */
class SimilarWriteBenchmark {

    @TempDir
    Path store;

    @Test
    void oldAndNewSimilarWrites() {
        assumeTrue(Boolean.getBoolean("graphrec.bench"), "a benchmark: run with -Dgraphrec.bench=true");
        int items = 8_000;
        int k = 10;
        try (GraphConnection graph = TestGraphs.openEmbedded(store.resolve("db"))) {
            graph.write(tx -> tx.run("UNWIND range(0, $n - 1) AS i CREATE (:Item {id: 'i' + i})",
                    Map.of("n", items)).consume());
            Random random = new Random(7);
            int[] offsets = new int[items + 1];
            int[] targets = new int[items * k];
            float[] scores = new float[items * k];
            for (int i = 0; i < items; i++) {
                offsets[i + 1] = (i + 1) * k;
                for (int j = 0; j < k; j++) {
                    targets[i * k + j] = random.nextInt(items);
                    scores[i * k + j] = 1f - j / 20f;
                }
            }
            SimilarGraph similar = new SimilarGraph(graph, ProgressTracker.none());
            for (int round = 1; round <= 3; round++) {
                long t = System.nanoTime();
                long n = oldWrite(graph, "old" + round, offsets, targets, scores);
                double oldRate = n / ((System.nanoTime() - t) / 1e9);
                t = System.nanoTime();
                long m = similar.write(round, "new" + round, offsets, targets, scores, i -> "i" + i);
                double newRate = m / ((System.nanoTime() - t) / 1e9);
                System.out.printf(Locale.ROOT, "round %d: old write %,d rel in %,.0f rel/s; versioned write %,d rel "
                        + "in %,.0f rel/s (load %s)%n", round, n, oldRate, m, newRate, load());
            }
        }
    }

    /** The write of ModalityKnn before versioning (without its delete of the previous edges). */
    private static long oldWrite(GraphConnection graph, String modality, int[] offsets, int[] targets,
                                 float[] scores) {
        long written = 0;
        List<Map<String, Object>> rows = new ArrayList<>();
        int n = offsets.length - 1;
        for (int i = 0; i < n; i++) {
            for (int p = offsets[i]; p < offsets[i + 1]; p++) {
                rows.add(Map.of("a", "i" + i, "b", "i" + targets[p], "score", (double) scores[p],
                        "rank", p - offsets[i] + 1));
            }
            if (rows.size() >= 10_000 || (i == n - 1 && !rows.isEmpty())) {
                List<Map<String, Object>> batch = List.copyOf(rows);
                rows.clear();
                written += graph.write(tx -> tx.run("UNWIND $rows AS row "
                        + "MATCH (a:Item {id: row.a}), (b:Item {id: row.b}) "
                        + "CREATE (a)-[:SIMILAR {modality: $m, score: row.score, rank: row.rank}]->(b) "
                        + "RETURN count(*) AS c", Map.of("rows", batch, "m", modality)).single().get("c").asLong());
            }
        }
        return written;
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
