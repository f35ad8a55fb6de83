package org.graphrec.importer;

import java.util.Locale;
import org.graphrec.config.Suggestions;
import org.graphrec.config.UserException;

/**
 * How interactions get their train/valid/test split.
 * <ul>
 *   <li>{@link #KEEP}: keep the split given in the input (MMRec x_label, a bundle's split column); when the input
 *   has none, assign {@link #RANDOM}.</li>
 *   <li>{@link #RANDOM}: per user, a seeded shuffle, then 10 % test, 10 % valid, the rest train (see
 *   {@link SplitAssigner} for users with few interactions).</li>
 *   <li>{@link #TEMPORAL}: per user, leave-last-out by timestamp: the latest interaction is test, the one
 *   before valid, the rest train.</li>
 * </ul>
 */
public enum SplitPolicy {
    KEEP, RANDOM, TEMPORAL;

    /** Parses {@code keep|random|temporal} (case-insensitive). */
    public static SplitPolicy parse(String text) {
        if (text == null || text.isBlank()) {
            return KEEP;
        }
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserException("--split must be keep, random or temporal, found '" + text + "'"
                    + Suggestions.didYouMean(text, java.util.List.of("keep", "random", "temporal")));
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
