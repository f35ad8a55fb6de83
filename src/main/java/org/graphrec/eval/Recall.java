package org.graphrec.eval;

/** Recall@K = relevant items in the top K / all relevant items of the user (MMRec's definition). */
public record Recall(int k) implements UserMetric {

    @Override
    public String name() {
        return "recall@" + k;
    }

    @Override
    public int cutoff() {
        return k;
    }

    @Override
    public double value(int[] ranking, int[] relevant) {
        return (double) UserMetric.hits(ranking, k, relevant) / relevant.length;
    }
}
