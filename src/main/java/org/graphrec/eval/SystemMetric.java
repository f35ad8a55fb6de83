package org.graphrec.eval;

/**
 * A metric over all recommendation lists together (coverage, concentration, novelty), computed as a parallel
 * reduction: each worker adds lists to its own {@link #fresh()} copy, then the copies are {@link #combine}d.
 */
public interface SystemMetric extends Metric {

    /** Adds one user's ranking (best first). */
    void add(int[] ranking);

    /** Folds another accumulator of the same metric into this one. */
    void combine(SystemMetric other);

    /** An empty accumulator of the same metric. */
    SystemMetric fresh();

    /** The metric over everything added; NaN when nothing was added. */
    double result();
}
