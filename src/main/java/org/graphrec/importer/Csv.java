package org.graphrec.importer;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 field splitting: fields separated by one character, optionally enclosed in double quotes, a quote
 * inside a quoted field written as two quotes, separators and line breaks allowed inside quotes.
 */
public final class Csv {

    private Csv() {
    }

    /** Thrown for a record that is not well-formed CSV (the message says what is wrong). */
    public static final class MalformedRecord extends Exception {
        MalformedRecord(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * True when {@code text} ends inside an open quoted field, i.e. the record continues on the next line.
     */
    public static boolean isOpen(String text) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '"') {
                quoted = !quoted;
            }
        }
        return quoted;
    }

    /** Splits a complete record into its fields. */
    public static List<String> split(String record, char separator) throws MalformedRecord {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = record.length();
        while (true) {
            field.setLength(0);
            if (i < n && record.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new MalformedRecord("unterminated quoted field " + (fields.size() + 1));
                    }
                    char c = record.charAt(i++);
                    if (c == '"') {
                        if (i < n && record.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < n && record.charAt(i) != separator) {
                    throw new MalformedRecord("text after the closing quote of field " + (fields.size() + 1));
                }
            } else {
                int end = record.indexOf(separator, i);
                if (end < 0) {
                    end = n;
                }
                String plain = record.substring(i, end);
                if (plain.indexOf('"') >= 0) {
                    throw new MalformedRecord("stray quote in unquoted field " + (fields.size() + 1));
                }
                field.append(plain);
                i = end;
            }
            fields.add(field.toString());
            if (i >= n) {
                return fields;
            }
            i++; // separator
        }
    }
}
