package org.graphrec.procedures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.graphrec.experiments.ExperimentOptions;
import org.graphrec.experiments.LayerTimer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The exact coded scan against the {@link ClusteredScan} (the approximate route of {@code graphrec.similar}) on real
 * vectors dumped from a store ({@code VectorDumpProbe}'s NAME.items files): time per request (k items, the query
 * item left out, as {@code similar} asks) interleaved call by call, and the approximate answers' recall@k against
 * the exact ones on items other than the calibration's (not a test: it prints, it asserts nothing).
 * {@code mvn -Pexperiments -o test -Dtest=ClusteredScanProbe -Dgraphrec.vectors=DIR [-Dgraphrec.samples=1000]
 * [-Dgraphrec.k=10] [-Dgraphrec.names=fused,imageEmbedding,textEmbedding]}.
 */
class ClusteredScanProbe {

    @Test
    void probe() throws IOException {
        ExperimentOptions options = ExperimentOptions.of("ClusteredScanProbe", "vectors", "samples", "names", "k");
        Assumptions.assumeTrue(options.has("vectors"), "probe: run with -Dgraphrec.vectors=DIR");
        Path dir = Path.of(options.text("vectors", null));
        int samples = options.integer("samples", 1000, 1, 100_000);
        int k = options.integer("k", 10, 1, 1000);
        var files = DumpedVectors.files(dir, options.text("names", "fused,imageEmbedding,textEmbedding"));
        for (String name : files.keySet()) {
            DumpedVectors dumped = DumpedVectors.read(files.get(name));
            float[][] items = dumped.rows();
            int rows = items.length;
            int d = dumped.dimension();
            long start = System.nanoTime();
            ItemMatrix m = new ItemMatrix(name, d, dumped.ids(), dumped.ids(), dumped.values());
            System.out.printf(Locale.ROOT, "%s: %,d × %d, staged copy built in %d ms; %s%n", name, rows, d,
                    (System.nanoTime() - start) / 1_000_000, m.clusteredScan());
            if (m.clusteredScan() == null) {
                continue;
            }
            Random random = new Random(11);
            int[] queries = new int[2 * samples];
            for (int c = 0; c < queries.length; c++) {
                queries[c] = random.nextInt(rows);
            }
            double[] recall = new double[1];
            int[] identical = new int[1];
            List<List<ItemMatrix.Hit>> exact = new ArrayList<>(List.of(List.of()));
            LayerTimer timer = new LayerTimer()
                    .layer("cosine, exact coded scan", c -> exact.set(0, m.best(items[queries[c]], k, false, null,
                            r -> r != queries[c])))
                    .layer("cosine, inverted file", c -> {
                        List<ItemMatrix.Hit> approximate = m.approximateBest(items[queries[c]], k,
                                r -> r != queries[c]);
                        Set<Integer> truth = new HashSet<>();
                        exact.get(0).forEach(h -> truth.add(h.row()));
                        long found = approximate.stream().filter(h -> truth.contains(h.row())).count();
                        recall[0] += truth.isEmpty() ? 1 : found / (double) truth.size();
                        identical[0] += approximate.equals(exact.get(0)) ? 1 : 0;
                    })
                    .layer("cosine, inverted file, one thread", c -> {
                        long before = QuantizedScan.splitTerms;
                        QuantizedScan.splitTerms = Long.MAX_VALUE;
                        try {
                            m.approximateBest(items[queries[c]], k, r -> r != queries[c]);
                        } finally {
                            QuantizedScan.splitTerms = before;
                        }
                    });
            System.out.println(timer.run(samples, samples));
            System.out.printf(Locale.ROOT, "recall@%d of the inverted file vs exact: %.4f; identical lists %.3f "
                    + "(%d calls)%n%n", k, recall[0] / (2 * samples), identical[0] / (2.0 * samples), 2 * samples);
        }
    }
}
