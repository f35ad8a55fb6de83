package org.graphrec.recommend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the constant Cypher literals used in query-library headers (defaults and examples): {@code null},
 * booleans, integers, floats, 'single' or "double" quoted strings, lists and maps. Nothing else: a header
 * example is data, never an expression to evaluate.
 */
final class CypherLiteral {

    private final String text;
    private int pos;

    private CypherLiteral(String text) {
        this.text = text;
    }

    /** The value of {@code text}; throws {@link IllegalArgumentException} naming the position of a mistake. */
    static Object parse(String text) {
        CypherLiteral parser = new CypherLiteral(text);
        Object value = parser.value();
        parser.skipSpace();
        if (parser.pos != text.length()) {
            throw parser.error("end of literal");
        }
        return value;
    }

    private Object value() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("a value");
        }
        char c = text.charAt(pos);
        if (c == '{') {
            return map();
        }
        if (c == '[') {
            return list();
        }
        if (c == '\'' || c == '"') {
            return string(c);
        }
        if (c == '-' || c == '+' || Character.isDigit(c) || c == '.') {
            return number();
        }
        String word = word();
        return switch (word.toLowerCase(java.util.Locale.ROOT)) {
            case "null" -> null;
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw error("null, true, false, a number, a string, a list or a map");
        };
    }

    private Map<String, Object> map() {
        Map<String, Object> map = new LinkedHashMap<>();
        elements('}', () -> {
            skipSpace();
            String key = peek() == '`' ? quotedKey() : word();
            if (key.isEmpty()) {
                throw error("a key");
            }
            skipSpace();
            expect(':');
            map.put(key, value());
        });
        return map;
    }

    private List<Object> list() {
        List<Object> list = new ArrayList<>();
        elements(']', () -> list.add(value()));
        return list;
    }

    /** Reads comma-separated elements with {@code element} from the opening bracket at the cursor to {@code close}. */
    private void elements(char close, Runnable element) {
        pos++;
        skipSpace();
        if (peek() == close) {
            pos++;
            return;
        }
        while (true) {
            element.run();
            skipSpace();
            if (peek() == ',') {
                pos++;
                continue;
            }
            expect(close);
            return;
        }
    }

    private String string(char quote) {
        StringBuilder out = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\\' && pos < text.length()) {
                char e = text.charAt(pos++);
                out.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> e;
                });
            } else if (c == quote) {
                return out.toString();
            } else {
                out.append(c);
            }
        }
        throw error("closing " + quote);
    }

    private Object number() {
        int start = pos;
        if (peek() == '-' || peek() == '+') {
            pos++;
        }
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || ".eE-+".indexOf(text.charAt(pos)) >= 0)) {
            if ((text.charAt(pos) == '-' || text.charAt(pos) == '+')
                    && Character.toLowerCase(text.charAt(pos - 1)) != 'e') {
                break;
            }
            pos++;
        }
        String n = text.substring(start, pos);
        try {
            if (n.contains(".") || n.contains("e") || n.contains("E")) {
                return Double.parseDouble(n);
            }
            return Long.parseLong(n);
        } catch (NumberFormatException e) {
            pos = start;
            throw error("a number");
        }
    }

    private String word() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private String quotedKey() {
        int end = text.indexOf('`', pos + 1);
        if (end < 0) {
            throw error("closing `");
        }
        String key = text.substring(pos + 1, end);
        pos = end + 1;
        return key;
    }

    private void expect(char c) {
        skipSpace();
        if (peek() != c) {
            throw error("'" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String expected) {
        String found = pos < text.length() ? "'" + text.substring(pos, Math.min(text.length(), pos + 12)) + "'"
                : "the end";
        return new IllegalArgumentException("expected " + expected + " at column " + (pos + 1) + ", found " + found);
    }
}
