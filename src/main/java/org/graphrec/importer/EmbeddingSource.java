package org.graphrec.importer;

/**
 * The vectors of one modality (text, image, audio, …) for a catalogue's items, read from a file; validated by
 * the reader (dimension, NaN/Inf, row count) so that {@link #forEach} only yields good rows.
 */
public abstract class EmbeddingSource {

    private final String modality;
    private final String file;
    private final int dimension;

    protected EmbeddingSource(String modality, String file, int dimension) {
        this.modality = modality;
        this.file = file;
        this.dimension = dimension;
    }

    /** The modality name, lower case letters (e.g. {@code image}). */
    public final String modality() {
        return modality;
    }

    /** The Item property holding the vectors, {@code <modality>Embedding}. */
    public final String property() {
        return modality + "Embedding";
    }

    /** Vector length. */
    public final int dimension() {
        return dimension;
    }

    /** The file the vectors come from, as shown to the user. */
    public final String file() {
        return file;
    }

    /** How many vectors {@link #forEach} yields. */
    public abstract long vectors();

    /** Calls {@code consumer} with (item index, vector) for every valid row; the array may be reused. */
    public abstract void forEach(VectorConsumer consumer);

    /** Receives one vector. */
    @FunctionalInterface
    public interface VectorConsumer {
        void accept(int item, float[] vector);
    }
}
