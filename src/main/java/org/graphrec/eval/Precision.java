package org.graphrec.eval;

/** Precision@K = relevant items in the top K / K. */
public record Precision(int cutoff) implements UserMetric {

    @Override
    public String label() {
        return "precision";
    }

    @Override
    public double value(int[] ranking, int[] relevant) {
        return (double) UserMetric.hits(ranking, cutoff, relevant) / cutoff;
    }
}
