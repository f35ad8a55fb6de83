package org.graphrec.propagation.trained;

/**
 * Keeps the {@code k} largest scores seen, ties to the lower index (the order a stable full sort would give).
 * Reusable: {@link #reset()} between rows.
 */
final class TopK {

    private final int k;
    final int[] ids;
    final float[] scores;
    int size;

    TopK(int k) {
        this.k = k;
        this.ids = new int[k];
        this.scores = new float[k];
    }

    void reset() {
        size = 0;
    }

    /** Offers candidates in increasing id order. */
    void offer(int id, float score) {
        if (size == k && !(score > scores[k - 1])) {
            return;
        }
        int pos = size < k ? size++ : k - 1;
        while (pos > 0 && score > scores[pos - 1]) {
            scores[pos] = scores[pos - 1];
            ids[pos] = ids[pos - 1];
            pos--;
        }
        scores[pos] = score;
        ids[pos] = id;
    }
}
