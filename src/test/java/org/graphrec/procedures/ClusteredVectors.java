package org.graphrec.procedures;

import java.util.Random;

/** Seeded test vectors with cluster structure: rows scattered around random Gaussian centres. */
public final class ClusteredVectors {

    private ClusteredVectors() {
    }

    /** {@code rows} × {@code d} values (row-major) around {@code centres} seeded centres, Gaussian noise {@code noise}. */
    public static float[] of(int rows, int d, int centres, double noise, long seed) {
        Random random = new Random(seed);
        float[][] c = new float[centres][d];
        for (float[] centre : c) {
            for (int j = 0; j < d; j++) {
                centre[j] = (float) random.nextGaussian();
            }
        }
        float[] v = new float[rows * d];
        for (int r = 0; r < rows; r++) {
            float[] centre = c[random.nextInt(centres)];
            for (int j = 0; j < d; j++) {
                v[r * d + j] = (float) (centre[j] + noise * random.nextGaussian());
            }
        }
        return v;
    }
}
