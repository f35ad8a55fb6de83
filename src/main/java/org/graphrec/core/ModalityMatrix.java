package org.graphrec.core;

/**
 * One modality's item vectors, row-major {@code float[items × dimension]}; rows of items without a vector are zero
 * and {@code present[i]} is false for them.
 *
 * @param name      the modality name ({@code image}, {@code text}, …)
 * @param property  the Item property the vectors come from ({@code imageEmbedding})
 * @param dimension vector length
 * @param vectors   row-major vectors
 * @param present   which items have a vector
 */
public record ModalityMatrix(String name, String property, int dimension, float[] vectors, boolean[] present) {

    public ModalityMatrix {
        if (vectors.length != (long) present.length * dimension) {
            throw new IllegalArgumentException("modality " + name + ": " + vectors.length + " values for "
                    + present.length + " items of dimension " + dimension);
        }
    }

    public int items() {
        return present.length;
    }

    /** Number of items that have a vector. */
    public int presentCount() {
        int n = 0;
        for (boolean p : present) {
            if (p) {
                n++;
            }
        }
        return n;
    }
}
