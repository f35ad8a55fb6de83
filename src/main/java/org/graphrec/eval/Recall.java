package org.graphrec.eval;

/** Recall@K = relevant items in the top K / all relevant items of the user (MMRec's definition). */
public final class Recall extends CutoffMetric implements UserMetric {

    public Recall(int cutoff) {
        super("recall", cutoff);
    }

    @Override
    public double value(int[] ranking, int[] relevant) {
        return (double) UserMetric.hits(ranking, cutoff(), relevant) / relevant.length;
    }
}
