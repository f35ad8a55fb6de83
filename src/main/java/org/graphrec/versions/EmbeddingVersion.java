package org.graphrec.versions;

/**
 * One version of the fused embeddings, i.e. one {@code (:PropagationRun)} that wrote vectors. The property and
 * index names are derived from the version number alone, so that a reader holding the number (read in one step
 * from the {@code (:PublishedVersion)} pointer) can never combine vectors of two versions.
 *
 * @param version   the version number, 1, 2, … in order of allocation
 * @param runId     the PropagationRun's id
 * @param state     {@link State} of the version
 * @param mode      the propagation mode that produced it
 * @param dimension fused dimension d
 * @param mipsNorm  M of the MIPS-to-cosine transform (largest item norm)
 * @param reason    why a version is failed or rejected (null otherwise)
 */
public record EmbeddingVersion(long version, String runId, State state, String mode, int dimension,
                               double mipsNorm, String reason) {

    /** Life cycle of a version. */
    public enum State {
        /** Vectors being written; a version left in this state by a dead job becomes {@link #FAILED}. */
        WRITING,
        /** Written and indexed, not visible to readers (awaiting the quality gate, or {@code --no-publish}). */
        STAGED,
        /** The one version readers see. */
        PUBLISHED,
        /** Published before, kept for rollback until pruned. */
        RETIRED,
        /** Refused by the quality gate. */
        REJECTED,
        /** Vectors and indexes deleted; the PropagationRun node stays as history. */
        REMOVED,
        /** Its job died while writing or staging it; vectors, indexes and kNN graph deleted, reason recorded. */
        FAILED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static State parse(String label) {
            return label == null ? REMOVED : valueOf(label.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** User and Item property holding the fused vector. */
    public String embeddingProperty() {
        return embeddingProperty(version);
    }

    /** Item property holding the MIPS-to-cosine vector (d + 1). */
    public String mipsProperty() {
        return mipsProperty(version);
    }

    /** Cosine vector index over {@link #embeddingProperty()} of items. */
    public String itemIndex() {
        return itemIndex(version);
    }

    /** Cosine vector index over {@link #mipsProperty()} (its order is the dot product's). */
    public String mipsIndex() {
        return mipsIndex(version);
    }

    public static String embeddingProperty(long version) {
        return "embedding_v" + version;
    }

    public static String mipsProperty(long version) {
        return "embeddingMips_v" + version;
    }

    public static String itemIndex(long version) {
        return "item_embedding_v" + version;
    }

    public static String mipsIndex(long version) {
        return "item_embedding_mips_v" + version;
    }
}
