package org.graphrec.eval;

/** Precision@K = relevant items in the top K / K. */
public record Precision(int k) implements UserMetric {

    @Override
    public String name() {
        return "precision@" + k;
    }

    @Override
    public int cutoff() {
        return k;
    }

    @Override
    public double value(int[] ranking, int[] relevant) {
        return (double) UserMetric.hits(ranking, k, relevant) / k;
    }
}
