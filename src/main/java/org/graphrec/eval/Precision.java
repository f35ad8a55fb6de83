package org.graphrec.eval;

/** Precision@K = relevant items in the top K / K. */
public final class Precision extends CutoffMetric implements UserMetric {

    public Precision(int cutoff) {
        super("precision", cutoff);
    }

    @Override
    public double value(int[] ranking, int[] relevant) {
        return (double) UserMetric.hits(ranking, cutoff(), relevant) / cutoff();
    }
}
