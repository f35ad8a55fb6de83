package org.graphrec.eval;

import java.util.Arrays;

/**
 * Recall@K restricted to cold-start items (items without train interactions): cold relevant items in the top K /
 * cold relevant items of the user, over the same full ranking. NaN (left out of the average) for users without a
 * cold relevant item.
 */
public final class ColdStartRecall extends CutoffMetric implements UserMetric {

    private final boolean[] cold;

    /** {@code cold[i]} marks item {@code i} as cold start. */
    public ColdStartRecall(int k, boolean[] cold) {
        super("coldRecall", k);
        this.cold = cold;
    }

    @Override
    public double value(int[] ranking, int[] relevant) {
        int coldRelevant = 0;
        for (int item : relevant) {
            if (cold[item]) {
                coldRelevant++;
            }
        }
        if (coldRelevant == 0) {
            return Double.NaN;
        }
        int hits = 0;
        for (int p = 0; p < Math.min(cutoff(), ranking.length); p++) {
            if (cold[ranking[p]] && Arrays.binarySearch(relevant, ranking[p]) >= 0) {
                hits++;
            }
        }
        return (double) hits / coldRelevant;
    }
}
