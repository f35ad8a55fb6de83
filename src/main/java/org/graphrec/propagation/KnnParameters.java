package org.graphrec.propagation;

import org.graphrec.core.ExactKnn;
import org.graphrec.core.Require;

/**
 * Parameters of {@link ModalityKnn}.
 *
 * @param k         neighbours per item (≥ 1)
 * @param blockRows items whose similarities are computed in one matrix product (memory: blockRows × items floats)
 * @param method    exact, approx or auto ({@link KnnMethod})
 * @param seed      seed of the approximate path (HNSW levels, the recall sample)
 */
public record KnnParameters(int k, int blockRows, KnnMethod method, long seed) {

    public KnnParameters {
        Require.atLeast("k", k, 1);
        Require.atLeast("blockRows", blockRows, 1);
        if (method == null) {
            throw new IllegalArgumentException("method is required");
        }
    }

    /** {@code auto} with seed 42. */
    public KnnParameters(int k, int blockRows) {
        this(k, blockRows, KnnMethod.AUTO, 42);
    }

    public static KnnParameters of(int k) {
        return new KnnParameters(k, 1024);
    }

    /** With {@code method} and {@code seed}, default block rows. */
    public static KnnParameters of(int k, KnnMethod method, long seed) {
        return new KnnParameters(k, 1024, method, seed);
    }

    /** Bytes needed for items of {@code dimension}: normalised copy, one similarity block, the result. */
    public long memoryEstimate(int items, int dimension) {
        if (method.resolve(items) == KnnMethod.APPROX) {
            // vectors (copy per row), graph (≈ 2M + M ints per node on the bottom levels), the result
            return 8L * items * dimension + 4L * items * 3 * 16 + 8L * items * k + 4L * items;
        }
        return ExactKnn.memoryEstimate(items, dimension, k, blockRows);
    }
}
