package org.graphrec.procedures;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.graphrec.experiments.ExperimentOptions;
import org.graphrec.experiments.LayerTimer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Java part of {@code graphrec.recommend} alone — the scan and the top-k selection of {@link ItemMatrix} over
 * random rows — so a serving row can be split into "the plugin's arithmetic" and "everything around it" (not a
 * test: no assertions). {@code mvn -Pexperiments -o test -Dtest=ItemMatrixScanProbe -Dgraphrec.rows=300000
 * -Dgraphrec.dim=64}.
 */
class ItemMatrixScanProbe {

    @Test
    void probe() {
        ExperimentOptions options = ExperimentOptions.of("ItemMatrixScanProbe", "rows", "dim", "samples");
        Assumptions.assumeTrue(options.has("rows"), "probe: run with -Dgraphrec.rows=N");
        int rows = options.integer("rows", 300_000, 1, 10_000_000);
        int dim = options.integer("dim", 64, 1, 4096);
        int samples = options.integer("samples", 1000, 1, 1_000_000);
        Random random = new Random(7);
        float[] values = new float[rows * dim];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        List<String> ids = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            ids.add(String.format(Locale.ROOT, "i%07d", r));
        }
        ItemMatrix m = new ItemMatrix("v", dim, ids, ids, values);
        // every call's query and 10 excluded rows drawn beforehand, so the layers time the plugin's code only
        float[][] queries = new float[2 * samples][dim];
        int[][] excludedRows = new int[2 * samples][10];
        for (int c = 0; c < 2 * samples; c++) {
            for (int j = 0; j < dim; j++) {
                queries[c][j] = (float) random.nextGaussian();
            }
            for (int s = 0; s < 10; s++) {
                excludedRows[c][s] = random.nextInt(rows);
            }
        }
        BitSet excluded = new BitSet(rows);
        double[][] scores = new double[1][]; // call c's scores, from the first layer to the second
        System.out.printf(Locale.ROOT, "%,d × %d%n%s", rows, dim, new LayerTimer()
                .layer("scan (scores of every row)", c -> scores[0] = m.scores(queries[c], true, null))
                .layer("top-15 selection", c -> {
                    excluded.clear();
                    for (int r : excludedRows[c]) {
                        excluded.set(r);
                    }
                    m.best(scores[0], 15, null, r -> !excluded.get(r));
                })
                .run(samples, samples));
    }
}
