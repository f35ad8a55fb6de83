package org.graphrec.shell;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with a header row and left-aligned, padded columns: readable in terminals and in logs. */
public final class TextTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(String... header) {
        this.header = List.of(header);
    }

    public TextTable row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell == null ? "" : String.valueOf(cell));
        }
        rows.add(row);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public String render() {
        int columns = header.size();
        int[] width = new int[columns];
        for (int c = 0; c < columns; c++) {
            width[c] = header.get(c).length();
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], c < row.size() ? row.get(c).length() : 0);
            }
        }
        StringBuilder out = new StringBuilder();
        appendRow(out, header, width);
        for (int c = 0; c < columns; c++) {
            out.append("-".repeat(width[c])).append(c + 1 < columns ? "  " : "\n");
        }
        for (List<String> row : rows) {
            appendRow(out, row, width);
        }
        return out.toString();
    }

    private static void appendRow(StringBuilder out, List<String> row, int[] width) {
        for (int c = 0; c < width.length; c++) {
            String cell = c < row.size() ? row.get(c) : "";
            out.append(cell);
            if (c + 1 < width.length) {
                out.append(" ".repeat(width[c] - cell.length() + 2));
            }
        }
        out.append('\n');
    }

    @Override
    public String toString() {
        return render();
    }
}
