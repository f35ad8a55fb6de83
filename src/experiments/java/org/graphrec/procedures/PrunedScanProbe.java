package org.graphrec.procedures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.graphrec.experiments.ExperimentOptions;
import org.graphrec.experiments.LayerTimer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The full scan against the {@link PrunedScan} on real vectors dumped from a store ({@code VectorDumpProbe}'s
 * files: NAME.items and fused.users, float32 with a rows/dimension header): time per top-15 request and whether
 * the two answers are the same (not a test: it prints, it asserts nothing); requests the pruned scan leaves to
 * the full scan go through the {@link QuantizedScan} as in service. {@code mvn -Pexperiments -o test
 * -Dtest=PrunedScanProbe -Dgraphrec.vectors=DIR [-Dgraphrec.samples=500]
 * [-Dgraphrec.names=fused,imageEmbedding,textEmbedding] [-Dgraphrec.widths=DOT,COSINE (first stages, instead of
 * calibrated)]}.
 */
class PrunedScanProbe {

    @Test
    void probe() throws IOException {
        ExperimentOptions options = ExperimentOptions.of("PrunedScanProbe", "vectors", "samples", "names", "widths");
        Assumptions.assumeTrue(options.has("vectors"), "probe: run with -Dgraphrec.vectors=DIR");
        Path dir = Path.of(options.text("vectors", null));
        int samples = options.integer("samples", 500, 1, 100_000);
        var files = DumpedVectors.files(dir, options.text("names", "fused,imageEmbedding,textEmbedding"));
        for (String name : files.keySet()) {
            DumpedVectors dumped = DumpedVectors.read(files.get(name));
            float[][] items = dumped.rows();
            int rows = items.length;
            int d = dumped.dimension();
            float[] values = dumped.values();
            List<String> ids = dumped.ids();
            long start = System.nanoTime();
            ItemMatrix m = new ItemMatrix(name, d, ids, ids, values, !options.has("widths")
                    ? ItemMatrix.CALIBRATED : java.util.Arrays.stream(options.text("widths", "").split(","))
                    .mapToInt(Integer::parseInt).toArray());
            System.out.printf(Locale.ROOT, "%s: %,d × %d, staged copy built in %d ms; first stage: dot %d, cosine "
                    + "%d coordinates (0 = full scan)%n", name, rows, d, (System.nanoTime() - start) / 1_000_000,
                    width(m, true), width(m, false));
            Random random = new Random(11);
            List<float[]> dotQueries = new ArrayList<>();
            if (name.equals("fused") && Files.exists(dir.resolve("fused.users"))) {
                for (float[] u : DumpedVectors.matrix(dir.resolve("fused.users"))) {
                    dotQueries.add(u);
                }
            }
            List<float[]> cosineQueries = new ArrayList<>();
            for (int c = 0; c < 2 * samples; c++) {
                cosineQueries.add(items[random.nextInt(rows)]);
            }
            int[] differ = new int[2];
            List<List<ItemMatrix.Hit>> full = new ArrayList<>(List.of(List.of(), List.of()));
            // layers run call by call in order, so each pruned call compares with the full scan just before it
            LayerTimer timer = new LayerTimer()
                    .layer("cosine, full scan", c -> full.set(0, m.bestByScan(cosineQueries.get(c), 15, false, null,
                            r -> true)))
                    .layer("cosine, pruned", c -> {
                        if (!m.best(cosineQueries.get(c), 15, false, null, r -> true).equals(full.get(0))) {
                            differ[0]++;
                        }
                    });
            if (!dotQueries.isEmpty()) {
                timer.layer("dot (users), full scan", c -> full.set(1, m.bestByScan(dotQueries.get(c
                                % dotQueries.size()), 15, true, null, r -> true)))
                        .layer("dot (users), pruned", c -> {
                            if (!m.best(dotQueries.get(c % dotQueries.size()), 15, true, null, r -> true)
                                    .equals(full.get(1))) {
                                differ[1]++;
                            }
                        });
            }
            System.out.println(timer.run(samples, samples));
            for (boolean dot : new boolean[] {true, false}) {
                List<float[]> queries = dot ? dotQueries : cosineQueries;
                boolean staged = width(m, dot) > 0;
                if (queries.isEmpty() || !staged && m.quantizedScan() == null) {
                    continue;
                }
                int[] left = queries.stream().mapToInt(q -> staged ? m.prunedScan().firstStageSurvivors(q, 18, dot)
                        : m.quantizedScan().scoredRows(q, 18, dot)).sorted().toArray();
                System.out.printf(Locale.ROOT, "%s: rows %s (top-18), p50 %d, p95 %d, p99 %d, "
                        + "max %d of %,d%n", dot ? "dot" : "cosine", staged ? "left after the first stage" : "scored exactly by the quantized scan",
                        left[left.length / 2],
                        left[(int) (left.length * 0.95)], left[(int) (left.length * 0.99)], left[left.length - 1], rows);
            }
            System.out.printf(Locale.ROOT, "answers that differ: cosine %d, dot %d (of %d calls each)%n%n", differ[0], differ[1], 2 * samples);
        }
    }

    private static int width(ItemMatrix m, boolean dot) {
        return m.prunedScan() == null ? 0 : m.prunedScan().firstStageWidth(dot);
    }
}
