package org.graphrec.propagation;

import org.graphrec.core.Require;

/**
 * Parameters of {@link ModalityKnn}.
 *
 * @param k         neighbours per item (≥ 1)
 * @param blockRows items whose similarities are computed in one matrix product (memory: blockRows × items floats)
 */
public record KnnParameters(int k, int blockRows) {

    public KnnParameters {
        Require.atLeast("k", k, 1);
        Require.atLeast("blockRows", blockRows, 1);
    }

    public static KnnParameters of(int k) {
        return new KnnParameters(k, 1024);
    }

    /** Bytes needed for items of {@code dimension}: normalised copy, one similarity block, the result. */
    public long memoryEstimate(int items, int dimension) {
        return 4L * items * dimension + 4L * Math.min(blockRows, items) * items + 8L * items * k + 4L * items;
    }
}
