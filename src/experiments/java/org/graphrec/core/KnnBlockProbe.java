package org.graphrec.core;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.graphrec.progress.ProgressTracker;
import org.junit.jupiter.api.Test;

/**
 * ExactKnn's wall time by rows per GEMM block on seeded Gaussian vectors ({@code -Dgraphrec.items}, d 64, k 10),
 * interleaved over the block sizes so that load drifts alike; also checks the lists are the same for every size.
 */
class KnnBlockProbe {

    @Test
    void blocks() {
        assumeTrue(Boolean.getBoolean("graphrec.bench"), "benchmark: run with -Dgraphrec.bench=true");
        int n = Integer.getInteger("graphrec.items", 50_000);
        int d = 64;
        SplittableRandom random = new SplittableRandom(42);
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        boolean[] present = new boolean[n];
        Arrays.fill(present, true);
        ModalityMatrix m = new ModalityMatrix("image", "image", d, v, present);
        int[] sizes = {1024, 256, 64};
        int[] reference = null;
        for (int rep = 0; rep < 2; rep++) {
            StringBuilder line = new StringBuilder();
            for (int rows : sizes) {
                long t = System.nanoTime();
                Csr c = new ExactKnn(10, rows, false, Parallel.shared(), ProgressTracker.none()).compute(m);
                line.append(String.format(Locale.ROOT, "  %d rows %.2f s", rows, (System.nanoTime() - t) / 1e9));
                if (reference == null) {
                    reference = c.targets();
                } else if (!Arrays.equals(reference, c.targets())) {
                    line.append(" (DIFFERENT LISTS)");
                }
            }
            System.out.println(n + " items:" + line);
        }
    }
}
