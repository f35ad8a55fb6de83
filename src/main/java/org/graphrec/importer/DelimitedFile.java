package org.graphrec.importer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.graphrec.config.UserException;

/**
 * A CSV or TSV file read record by record with a header: RFC 4180 quoting (when enabled), records spanning
 * lines inside quotes, blank lines skipped. Lines that are not valid UTF-8 or not well-formed CSV go to the
 * {@link Rejects}; the caller sees only well-formed rows.
 */
public final class DelimitedFile implements AutoCloseable {

    /** A well-formed record: where it starts, its raw text and its fields. */
    public record Row(SourceLine line, List<String> fields) {
        public String field(int index) {
            return index < fields.size() ? fields.get(index) : null;
        }
    }

    private final TextLines lines;
    private final String name;
    private final char separator;
    private final boolean quotes;
    private final Rejects rejects;
    private List<String> header;
    private long rows;

    private DelimitedFile(Path file, String name, char separator, boolean quotes, Rejects rejects) {
        this.lines = TextLines.open(file);
        this.name = name;
        this.separator = separator;
        this.quotes = quotes;
        this.rejects = rejects;
    }

    /**
     * Opens {@code file} and reads its header.
     *
     * @param name      the file name shown in messages
     * @param quotes    true for RFC 4180 quoting; false splits on every separator (MMRec files)
     * @throws UserException when the file is empty or its first line is not a valid header
     */
    public static DelimitedFile open(Path file, String name, char separator, boolean quotes, Rejects rejects) {
        DelimitedFile csv = new DelimitedFile(file, name, separator, quotes, rejects);
        try {
            Row first = csv.nextRecord(true);
            if (first == null) {
                throw new UserException(name + ":1: empty file: expected a header line");
            }
            csv.header = first.fields().stream().map(String::strip).toList();
            return csv;
        } catch (RuntimeException e) {
            csv.close();
            throw e;
        }
    }

    public List<String> header() {
        return header;
    }

    /**
     * The index of {@code column} in the header.
     *
     * @throws UserException naming the file, the manifest key and the columns found
     */
    public int column(String column, String key) {
        int index = header.indexOf(column);
        if (index < 0) {
            throw new UserException(name + ":1: no column '" + column + "'" + (key == null ? "" : " (" + key + ")")
                    + "; the header has " + header + org.graphrec.config.Suggestions.didYouMean(column, header));
        }
        return index;
    }

    /** The index of {@code column}, or -1 when the header lacks it. */
    public int optionalColumn(String column) {
        return column == null ? -1 : header.indexOf(column);
    }

    /** Data rows read so far (after the header). */
    public long rows() {
        return rows;
    }

    /** The next well-formed data row, or null at the end of the file. */
    public Row next() {
        Row row = nextRecord(false);
        if (row != null) {
            rows++;
        }
        return row;
    }

    private Row nextRecord(boolean isHeader) {
        while (true) {
            TextLines.Line line = lines.next();
            if (line == null) {
                return null;
            }
            if (!line.isValid()) {
                if (isHeader) {
                    throw new UserException(name + ":" + line.number() + ": invalid UTF-8 in the header line");
                }
                rejects.add(name + ":" + line.number(), "invalid UTF-8", line.invalidUtf8());
                continue;
            }
            String text = line.text();
            if (text.isBlank()) {
                continue;
            }
            long start = line.number();
            if (quotes) {
                while (Csv.isOpen(text)) {
                    TextLines.Line more = lines.next();
                    if (more == null) {
                        break;
                    }
                    if (!more.isValid()) {
                        rejects.add(name + ":" + more.number(), "invalid UTF-8", more.invalidUtf8());
                        text = null;
                        break;
                    }
                    text = text + "\n" + more.text();
                }
                if (text == null) {
                    continue;
                }
            }
            SourceLine source = new SourceLine(name, start, text);
            List<String> fields;
            if (quotes) {
                try {
                    fields = Csv.split(text, separator);
                } catch (Csv.MalformedRecord e) {
                    if (isHeader) {
                        throw new UserException(source.where() + ": malformed header: " + e.getMessage());
                    }
                    rejects.add(source, "malformed CSV: " + e.getMessage());
                    continue;
                }
            } else {
                fields = splitPlain(text, separator);
            }
            return new Row(source, fields);
        }
    }

    private static List<String> splitPlain(String text, char separator) {
        List<String> fields = new ArrayList<>(4);
        int from = 0;
        while (true) {
            int end = text.indexOf(separator, from);
            if (end < 0) {
                fields.add(text.substring(from));
                return fields;
            }
            fields.add(text.substring(from, end));
            from = end + 1;
        }
    }

    /** Parses a separator as written in a manifest: one character, or {@code \t} / {@code tab}. */
    public static char separator(String text, String key) {
        if (text == null || text.isEmpty()) {
            return ',';
        }
        if (text.equals("\\t") || text.equalsIgnoreCase("tab") || text.equals("\t")) {
            return '\t';
        }
        if (text.length() != 1) {
            throw new UserException(key + " must be one character (or \\t), found '" + text + "'");
        }
        return text.charAt(0);
    }

    @Override
    public void close() {
        lines.close();
    }

    @Override
    public String toString() {
        return name + " " + Arrays.toString(header == null ? new Object[0] : header.toArray());
    }
}
