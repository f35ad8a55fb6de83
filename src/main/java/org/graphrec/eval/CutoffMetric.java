package org.graphrec.eval;

/** The label and cutoff K that every metric states once, in its constructor. */
abstract class CutoffMetric implements Metric {

    private final String label;
    private final int cutoff;

    CutoffMetric(String label, int cutoff) {
        this.label = label;
        this.cutoff = cutoff;
    }

    @Override
    public final String label() {
        return label;
    }

    @Override
    public final int cutoff() {
        return cutoff;
    }
}
