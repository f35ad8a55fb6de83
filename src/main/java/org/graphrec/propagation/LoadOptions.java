package org.graphrec.propagation;

import java.util.List;

/**
 * What {@link GraphLoader} reads besides users, items and interactions.
 *
 * @param modalities modality names to load (null = every {@code (:Modality)} in the graph, empty = none)
 * @param brands     read {@code MADE_BY} memberships
 * @param categories read {@code IN_CATEGORY} memberships
 */
public record LoadOptions(List<String> modalities, boolean brands, boolean categories) {

    /** The interactions alone: no modality vectors, brands or categories. */
    public static LoadOptions interactionsOnly() {
        return new LoadOptions(List.of(), false, false);
    }

    public static LoadOptions everything() {
        return new LoadOptions(null, true, true);
    }
}
