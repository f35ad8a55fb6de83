package org.graphrec.importer.synthetic;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code generate} wrote.
 *
 * @param directory    the output directory
 * @param files        every file written, in writing order
 * @param users        users in the whole catalogue
 * @param items        items in the whole catalogue
 * @param brands       brands (each used by at least one item)
 * @param categories   categories
 * @param clusters     latent taste clusters
 * @param interactions interactions in the whole catalogue
 * @param coldItems    items without any interaction
 * @param unbrandedItems items without a brand
 * @param bundles      per directory counts: the base first, then one per daily increment (only the base when
 *                     there are no increments)
 * @param seconds      wall-clock time
 */
public record SyntheticResult(Path directory, List<Path> files, int users, int items, int brands, int categories,
        int clusters, long interactions, int coldItems, int unbrandedItems, List<Part> bundles, double seconds) {

    /** Counts of one written directory (the base catalogue or one daily increment). */
    public record Part(Path directory, int users, int items, long interactions) {
    }

    /** Interactions written per second. */
    public double interactionsPerSecond() {
        return interactions / Math.max(seconds, 1e-9);
    }
}
