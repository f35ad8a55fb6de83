package org.graphrec.eval;

/** Recall@K = relevant items in the top K / all relevant items of the user (MMRec's definition). */
public record Recall(int cutoff) implements UserMetric {

    @Override
    public String label() {
        return "recall";
    }

    @Override
    public double value(int[] ranking, int[] relevant) {
        return (double) UserMetric.hits(ranking, cutoff, relevant) / relevant.length;
    }
}
