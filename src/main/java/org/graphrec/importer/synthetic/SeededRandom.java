package org.graphrec.importer.synthetic;

import java.util.SplittableRandom;

/** The generator's random streams and the few draws built on them (permutations, Gaussian unit vectors). */
final class SeededRandom {

    private SeededRandom() {
    }

    /** An independent random stream for (seed, purpose, index), so output does not depend on production order. */
    static SplittableRandom random(long seed, long purpose, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + purpose * 0xBF58476D1CE4E5B9L + (index + 1) * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }

    static int[] permutation(SplittableRandom r, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return shuffle(r, a);
    }

    static int[] shuffle(SplittableRandom r, int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    static void gaussianUnit(SplittableRandom r, float[] out, int offset, int length) {
        double norm = 0;
        for (int k = 0; k < length; k++) {
            double v = r.nextGaussian();
            out[offset + k] = (float) v;
            norm += v * v;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int k = 0; k < length; k++) {
            out[offset + k] *= scale;
        }
    }
}
