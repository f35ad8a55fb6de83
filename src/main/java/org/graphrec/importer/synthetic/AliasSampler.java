package org.graphrec.importer.synthetic;

import java.util.SplittableRandom;

/**
 * Draws index {@code i} with probability {@code weights[i] / sum(weights)} in O(1) (Walker's alias method, built
 * with Vose's O(n) construction). Construction is deterministic: the same weights give the same tables.
 */
final class AliasSampler {

    private final double[] keep;
    private final int[] alias;

    /** @param weights non-negative, at least one positive */
    AliasSampler(double[] weights) {
        int n = weights.length;
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights must be finite and non-negative");
            }
            sum += w;
        }
        if (n == 0 || sum <= 0) {
            throw new IllegalArgumentException("need at least one positive weight");
        }
        keep = new double[n];
        alias = new int[n];
        double[] scaled = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int smallCount = 0;
        int largeCount = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = weights[i] * n / sum;
            if (scaled[i] < 1) {
                small[smallCount++] = i;
            } else {
                large[largeCount++] = i;
            }
        }
        while (smallCount > 0 && largeCount > 0) {
            int s = small[--smallCount];
            int l = large[--largeCount];
            keep[s] = scaled[s];
            alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1;
            if (scaled[l] < 1) {
                small[smallCount++] = l;
            } else {
                large[largeCount++] = l;
            }
        }
        while (largeCount > 0) {
            int l = large[--largeCount];
            keep[l] = 1;
            alias[l] = l;
        }
        while (smallCount > 0) {
            int s = small[--smallCount];
            keep[s] = 1;
            alias[s] = s;
        }
    }

    int size() {
        return keep.length;
    }

    int sample(SplittableRandom random) {
        int i = random.nextInt(keep.length);
        return random.nextDouble() < keep[i] ? i : alias[i];
    }
}
