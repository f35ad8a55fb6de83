package org.graphrec.importer.synthetic;

/** Reusable buffers for one user's interactions (no per-interaction objects). */
final class History {
    int count;
    int[] items = new int[16];
    long[] times = new long[16];
    byte[] ratings = new byte[16];
    byte[] splits = new byte[16];
    final int[] clusters = new int[3];
    final double[] clusterWeights = new double[3];
    int clusterCount;
    final float[] taste;
    float tasteNorm;
    final IntSet seen = new IntSet();

    History(int latentDim) {
        taste = new float[latentDim];
    }

    void reset(int n) {
        if (items.length < n) {
            int size = Math.max(n, items.length * 2);
            items = new int[size];
            times = new long[size];
            ratings = new byte[size];
            splits = new byte[size];
        }
        count = 0;
        seen.clear(n);
    }
}
