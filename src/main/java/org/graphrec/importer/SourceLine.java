package org.graphrec.importer;

/**
 * One line (or record) of an input file: where it is and its text.
 *
 * @param file   the file's name as shown to the user
 * @param number 1-based line number (for .npy files: the 0-based row, see {@link #where()})
 * @param text   the raw text (null for binary rows)
 */
public record SourceLine(String file, long number, String text) {

    /** {@code file:line}. */
    public String where() {
        return file + ":" + number;
    }
}
