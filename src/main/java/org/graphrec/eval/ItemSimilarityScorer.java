package org.graphrec.eval;

import java.util.Arrays;
import org.graphrec.core.Csr;

/**
 * Scores as a sparse item-to-item model: score(u, j) = Σ_{i ∈ train(u)} S[i, j], for neighbourhood models (item-kNN)
 * that have no fixed-dimension embedding.
 */
public final class ItemSimilarityScorer implements Scorer {

    private final Csr train;
    private final Csr similarity;

    public ItemSimilarityScorer(Csr train, Csr similarity) {
        this.train = train;
        this.similarity = similarity;
    }

    @Override
    public int items() {
        return similarity.columns();
    }

    @Override
    public void score(int[] users, int from, int to, float[] out) {
        int n = items();
        Arrays.fill(out, 0, (to - from) * n, 0f);
        for (int r = 0; r < to - from; r++) {
            int u = users[from + r];
            for (int p = train.offsets()[u]; p < train.offsets()[u + 1]; p++) {
                int i = train.targets()[p];
                for (int q = similarity.offsets()[i]; q < similarity.offsets()[i + 1]; q++) {
                    out[r * n + similarity.targets()[q]] += similarity.weight(q);
                }
            }
        }
    }
}
