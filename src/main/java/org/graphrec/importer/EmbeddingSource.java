package org.graphrec.importer;

/**
 * The vectors of one modality (text, image, audio, …) for a catalogue's items, read from a file; validated by
 * the reader (dimension, NaN/Inf, row count) so that {@link #forEach} only yields good rows.
 */
public interface EmbeddingSource {

    /** The modality name, lower case letters (e.g. {@code image}). */
    String modality();

    /** The Item property holding the vectors, {@code <modality>Embedding}. */
    default String property() {
        return modality() + "Embedding";
    }

    /** Vector length. */
    int dimension();

    /** The file the vectors come from, as shown to the user. */
    String file();

    /** How many vectors {@link #forEach} yields. */
    long vectors();

    /** Calls {@code consumer} with (item index, vector) for every valid row; the array may be reused. */
    void forEach(VectorConsumer consumer);

    /** Receives one vector. */
    @FunctionalInterface
    interface VectorConsumer {
        void accept(int item, float[] vector);
    }
}
