package org.graphrec.importer;

import java.util.Locale;

/** The evaluation split of an interaction, stored as {@code INTERACTED.split}. */
public enum Split {
    TRAIN, VALID, TEST;

    /** The value stored in the graph: {@code train}, {@code valid} or {@code test}. */
    public String graphValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code train|valid|test} (also {@code validation}), or the MMRec labels {@code 0|1|2};
     * null when the text is none of these.
     */
    public static Split parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "0", "train" -> TRAIN;
            case "1", "valid", "validation", "val" -> VALID;
            case "2", "test" -> TEST;
            default -> null;
        };
    }
}
