package org.graphrec.core;

/**
 * User and item embeddings whose dot product is the model's score (the fused-embedding contract of
 * {@code cypher/README.md}). Row-major {@code float[users × d]} and {@code float[items × d]}, indexed like the
 * {@link InteractionGraph} they were computed from.
 */
public record FactorModel(int dimension, int users, int items, float[] userVectors, float[] itemVectors) {

    public FactorModel {
        if (userVectors.length != (long) users * dimension || itemVectors.length != (long) items * dimension) {
            throw new IllegalArgumentException("embedding arrays do not match " + users + "/" + items + " × "
                    + dimension);
        }
    }

    /** The score of {@code item} for {@code user}: the dot product of their embeddings. */
    public double score(int user, int item) {
        double s = 0;
        for (int k = 0; k < dimension; k++) {
            s += (double) userVectors[user * dimension + k] * itemVectors[item * dimension + k];
        }
        return s;
    }

    /** The largest item-embedding norm (the M of the MIPS transform); 0 when all items are zero. */
    public double maxItemNorm() {
        double max = 0;
        for (int i = 0; i < items; i++) {
            max = Math.max(max, itemNorm(i));
        }
        return max;
    }

    public double itemNorm(int item) {
        double s = 0;
        for (int k = 0; k < dimension; k++) {
            double x = itemVectors[item * dimension + k];
            s += x * x;
        }
        return Math.sqrt(s);
    }

    public long bytes() {
        return 4L * (userVectors.length + itemVectors.length);
    }
}
