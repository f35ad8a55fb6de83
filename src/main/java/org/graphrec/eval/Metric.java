package org.graphrec.eval;

/** What every metric has: a label and the cutoff K of the ranking it reads; its name is {@code label@K}. */
public interface Metric {

    /** The metric's label without the cutoff, e.g. {@code recall}. */
    String label();

    /** The cutoff this metric reads from the ranking. */
    int cutoff();

    /** The name used in tables and JSON, e.g. {@code recall@20}. */
    default String name() {
        return label() + "@" + cutoff();
    }
}
