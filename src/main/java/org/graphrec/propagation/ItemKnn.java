package org.graphrec.propagation;
import org.graphrec.core.Csr;
import org.graphrec.core.CooccurrenceKnn;
import org.graphrec.core.Parallel;
import org.graphrec.core.InteractionGraph;

import org.graphrec.progress.ProgressTracker;

/**
 * Item-based collaborative filtering (Sarwar et al. 2001) on the core's {@link CooccurrenceKnn}: cosine similarity of items over their train users with
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

    /** Items × items, each row the k most similar items (rank order) with their shrunk cosine. */
    public Csr similarities(InteractionGraph g) {
        return new CooccurrenceKnn(k, shrink, CooccurrenceKnn.Self.EXCLUDED, Parallel.shared(), progress)
                .compute(g.trainByItem(), g.train());
    }
}
