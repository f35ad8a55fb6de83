package org.graphrec.importer;

import java.util.Locale;
import org.graphrec.config.Suggestions;
import org.graphrec.config.UserException;

/**
 * Whether {@code import} writes through Neo4j's bulk import engine ({@code --bulk}).
 * <ul>
 *   <li>{@link #AUTO}: bulk when the target is the embedded store and it holds no node yet, transactions
 *   otherwise (the {@code import} command's default).</li>
 *   <li>{@link #ON}: bulk, and a one-line error when the target is a server ({@code --uri}) or a store that
 *   already holds nodes (the engine writes whole stores: increments go through transactions).</li>
 *   <li>{@link #OFF}: transactions always (the default of the Java API, {@link ImportRequest#of}).</li>
 * </ul>
 */
public enum BulkMode {
    AUTO, ON, OFF;

    /** Parses {@code auto|on|off} (case-insensitive); blank is {@link #AUTO}. */
    public static BulkMode parse(String text) {
        if (text == null || text.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserException("--bulk must be auto, on or off, found '" + text + "'"
                    + Suggestions.didYouMean(text, java.util.List.of("auto", "on", "off")));
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
