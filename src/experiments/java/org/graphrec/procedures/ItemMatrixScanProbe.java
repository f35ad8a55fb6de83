package org.graphrec.procedures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.graphrec.experiments.ExperimentOptions;
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
        long[] scan = new long[samples];
        long[] best = new long[samples];
        for (int c = -samples; c < samples; c++) {
            float[] q = new float[dim];
            for (int j = 0; j < dim; j++) {
                q[j] = (float) random.nextGaussian();
            }
            BitSet excluded = new BitSet(rows);
            for (int s = 0; s < 10; s++) {
                excluded.set(random.nextInt(rows));
            }
            long t0 = System.nanoTime();
            double[] scores = m.scores(q, true, null);
            long t1 = System.nanoTime();
            m.best(scores, 15, null, r -> !excluded.get(r));
            long t2 = System.nanoTime();
            if (c >= 0) {
                scan[c] = t1 - t0;
                best[c] = t2 - t1;
            }
        }
        Arrays.sort(scan);
        Arrays.sort(best);
        System.out.printf(Locale.ROOT, "%,d × %d: scan p50 %.2f p99 %.2f ms; top-15 selection p50 %.2f p99 %.2f ms%n",
                rows, dim, scan[samples / 2] / 1e6, scan[samples * 99 / 100] / 1e6, best[samples / 2] / 1e6,
                best[samples * 99 / 100] / 1e6);
    }
}
