package org.graphrec.propagation;

import org.graphrec.progress.ProgressTracker;

/**
 * Item-based collaborative filtering (Sarwar et al. 2001): cosine similarity of items over their train users with
 * shrinkage, sim(i, j) = |U_i ∩ U_j| / (sqrt(|U_i| |U_j|) + shrink) (shrink damps pairs seen only once), keeping each item's k most similar items; a user's score of j is
 * Σ_{i ∈ train(u)} sim(i, j). The model has no fixed-dimension embedding, so it is evaluated in-process
 * ({@code org.graphrec.eval.ItemSimilarityScorer}). Cost O(Σ_u |train(u)|²) time, O(items · k) memory.
 */
public final class ItemKnn {

    private final int k;
    private final double shrink;
    private final ProgressTracker progress;

    public ItemKnn(int k, ProgressTracker progress) {
        this(k, 0, progress);
    }

    public ItemKnn(int k, double shrink, ProgressTracker progress) {
        if (shrink < 0) {
            throw new IllegalArgumentException("shrink may not be negative, got " + shrink);
        }
        this.shrink = shrink;
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        this.k = k;
        this.progress = progress;
    }

    /** Items × items, each row the k most similar items (rank order) with their cosine. */
    public Csr similarities(InteractionGraph g) {
        int n = g.items();
        Csr byItem = g.trainByItem();
        Csr train = g.train();
        int[][] rows = new int[n][];
        float[][] sims = new float[n][];
        ThreadLocal<float[]> accumulators = ThreadLocal.withInitial(() -> new float[n]);
        ThreadLocal<int[]> touchedLists = ThreadLocal.withInitial(() -> new int[n]);
        progress.begin("item-kNN similarities (k=" + k + ", shrink=" + shrink + ")", n);
        try {
            Parallel.forRange(n, 64, i -> {
                float[] acc = accumulators.get();
                int[] touched = touchedLists.get();
                int count = 0;
                for (int p = byItem.offsets()[i]; p < byItem.offsets()[i + 1]; p++) {
                    int u = byItem.targets()[p];
                    for (int q = train.offsets()[u]; q < train.offsets()[u + 1]; q++) {
                        int j = train.targets()[q];
                        if (j != i) {
                            if (acc[j] == 0) {
                                touched[count++] = j;
                            }
                            acc[j] += 1;
                        }
                    }
                }
                float[] scores = new float[count];
                double di = byItem.degree(i);
                for (int t = 0; t < count; t++) {
                    int j = touched[t];
                    scores[t] = (float) (acc[j] / (Math.sqrt(di * byItem.degree(j)) + shrink));
                    acc[j] = 0;
                }
                int[] order = TopK.select(scores, 0, count, k, new int[0], 0, 0);
                rows[i] = new int[order.length];
                sims[i] = new float[order.length];
                for (int r = 0; r < order.length; r++) {
                    rows[i][r] = touched[order[r]];
                    sims[i][r] = scores[order[r]];
                }
                if (i % 1024 == 0) {
                    progress.advance(1024);
                }
            });
        } finally {
            progress.end();
        }
        int[] offsets = new int[n + 1];
        for (int i = 0; i < n; i++) {
            offsets[i + 1] = offsets[i] + rows[i].length;
        }
        int[] targets = new int[offsets[n]];
        float[] weights = new float[offsets[n]];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, targets, offsets[i], rows[i].length);
            System.arraycopy(sims[i], 0, weights, offsets[i], sims[i].length);
        }
        return new Csr(n, n, offsets, targets, weights);
    }
}
