package org.graphrec.importer.synthetic;

/** RFC 4180 quoting for one CSV cell. */
final class CsvCells {

    private CsvCells() {
    }

    /** Appends {@code value} to {@code line}, in double quotes (inner quotes doubled) when it needs them. */
    static StringBuilder append(StringBuilder line, String value) {
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            return line.append(value);
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                line.append('"');
            }
            line.append(c);
        }
        return line.append('"');
    }
}
