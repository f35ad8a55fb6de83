package org.graphrec.recommend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graphrec.config.Suggestions;
import org.graphrec.config.UserException;

/**
 * One query of the analysts' Cypher library ({@code cypher/<area>/<name>.cypher}), with what its header says:
 * a title (what it answers), its parameters (name, type, default, meaning) and an example parameter map.
 *
 * <p>Header format (every line a {@code //} comment before the query):
 * <pre>
 * // Top-K items for a user …            ← title: the first line
 * // more description …
 * // Parameters:
 * //   $userId (string): the user's id
 * //   $k (integer, default 10): how many items
 * // Example: {userId: 'u1', k: 5}
 * </pre>
 * Types: {@code string}, {@code integer}, {@code float}, {@code boolean}, {@code list}; defaults and the
 * example are Cypher literals.
 *
 * @param name        library name without extension, e.g. {@code recommend/for-user}
 * @param title       first header line
 * @param description the whole header text before "Parameters:"
 * @param parameters  declared parameters in header order
 * @param example     the example parameters (empty map when the query takes none)
 * @param cypher      the query text (header included; Neo4j ignores comments)
 */
public record LibraryQuery(String name, String title, String description, List<Parameter> parameters,
                           Map<String, Object> example, String cypher) {

    private static final Pattern PARAMETER = Pattern.compile(
            "^\\$(\\w+)\\s*\\(\\s*([\\w<>]+)\\s*(?:,\\s*default\\s+(.+?))?\\)\\s*:\\s*(.*)$");
    static final List<String> TYPES = List.of("string", "integer", "float", "boolean", "list");

    /**
     * One declared parameter.
     *
     * @param name         without the {@code $}
     * @param type         one of {@link #TYPES}
     * @param hasDefault   whether the header gives a default
     * @param defaultValue the default (may be null even when {@code hasDefault})
     * @param help         what it means
     */
    public record Parameter(String name, String type, boolean hasDefault, Object defaultValue, String help) {

        /** Converts a command-line value ({@code --param name=value}) to this parameter's type. */
        public Object convert(String value, String queryName) {
            if (value.equalsIgnoreCase("null")) {
                return null;
            }
            try {
                return switch (type) {
                    case "integer" -> Long.parseLong(value.trim());
                    case "float" -> Double.parseDouble(value.trim());
                    case "boolean" -> {
                        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                            throw new NumberFormatException();
                        }
                        yield Boolean.parseBoolean(value);
                    }
                    case "list" -> {
                        // "[a, b]" (a Cypher list, as `search --print-vector` prints one) or "a,b"
                        String items = value.strip();
                        if (items.startsWith("[") && items.endsWith("]")) {
                            items = items.substring(1, items.length() - 1).strip();
                        }
                        yield items.isEmpty() ? List.of() : List.of(items.split("\\s*,\\s*"));
                    }
                    default -> value;
                };
            } catch (NumberFormatException e) {
                throw new UserException(queryName + ": --param " + name + " expects " + article(type) + " " + type
                        + ", found '" + value + "'");
            }
        }

        private static String article(String type) {
            return "aeiou".indexOf(type.charAt(0)) >= 0 ? "an" : "a";
        }
    }

    /** Parses a library file; {@code source} names it in error messages. */
    public static LibraryQuery parse(String name, String text, String source) {
        List<String> header = new ArrayList<>();
        String[] lines = text.split("\\R");
        int body = 0;
        while (body < lines.length && (lines[body].strip().startsWith("//") || lines[body].isBlank())) {
            if (lines[body].strip().startsWith("//")) {
                header.add(lines[body].strip().substring(2).strip());
            }
            body++;
        }
        if (header.isEmpty() || header.get(0).isBlank()) {
            throw new IllegalStateException(source + ":1: expected a header comment saying what the query answers");
        }
        StringBuilder description = new StringBuilder();
        List<Parameter> parameters = new ArrayList<>();
        Map<String, Object> example = null;
        boolean inParameters = false;
        for (int i = 0; i < header.size(); i++) {
            String line = header.get(i);
            int lineNo = i + 1;
            if (line.toLowerCase(Locale.ROOT).startsWith("example:")) {
                String literal = line.substring("example:".length()).strip();
                try {
                    Object value = CypherLiteral.parse(literal);
                    if (!(value instanceof Map<?, ?>)) {
                        throw new IllegalArgumentException("expected a map {name: value, …}");
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> map = (Map<String, Object>) value;
                    example = new LinkedHashMap<>(map);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(source + ":" + lineNo + ": example: " + e.getMessage());
                }
                inParameters = false;
            } else if (line.equalsIgnoreCase("parameters:")) {
                inParameters = true;
            } else if (line.equalsIgnoreCase("parameters: none")) {
                inParameters = false;
            } else if (inParameters && line.startsWith("$")) {
                Matcher m = PARAMETER.matcher(line);
                if (!m.matches()) {
                    throw new IllegalStateException(source + ":" + lineNo + ": expected '$name (type[, default "
                            + "value]): meaning', found '" + line + "'");
                }
                String type = m.group(2).toLowerCase(Locale.ROOT);
                if (!TYPES.contains(type)) {
                    throw new IllegalStateException(source + ":" + lineNo + ": unknown type '" + type + "'"
                            + Suggestions.didYouMean(type, TYPES));
                }
                Object defaultValue = null;
                if (m.group(3) != null) {
                    try {
                        defaultValue = CypherLiteral.parse(m.group(3));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalStateException(source + ":" + lineNo + ": default of $" + m.group(1) + ": "
                                + e.getMessage());
                    }
                }
                parameters.add(new Parameter(m.group(1), type, m.group(3) != null, defaultValue, m.group(4)));
            } else if (!inParameters) {
                if (example == null) {
                    description.append(description.isEmpty() ? "" : "\n").append(line);
                }
            }
        }
        if (example == null) {
            throw new IllegalStateException(source + ": the header has no 'Example: {…}' line (write {} for a "
                    + "query without parameters)");
        }
        for (String key : example.keySet()) {
            if (parameters.stream().noneMatch(p -> p.name().equals(key))) {
                throw new IllegalStateException(source + ": example names $" + key + ", which is not declared under "
                        + "Parameters:");
            }
        }
        return new LibraryQuery(name, header.get(0), description.toString().strip(), List.copyOf(parameters),
                java.util.Collections.unmodifiableMap(example), text);
    }

    /** The declared parameter called {@code name}, or a user error with a suggestion. */
    public Parameter parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() ->
                new UserException("cypher " + this.name + " has no parameter '" + name + "'"
                        + Suggestions.didYouMean(name, parameters.stream().map(Parameter::name).toList())
                        + (parameters.isEmpty() ? " (it takes none)" : "")));
    }

    /**
     * The full parameter map for a run: {@code given} values (already typed) over the declared defaults; a
     * parameter with neither is a user error that shows the example.
     */
    public Map<String, Object> bind(Map<String, Object> given) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : given.keySet()) {
            parameter(key);
        }
        for (Parameter p : parameters) {
            if (given.containsKey(p.name())) {
                out.put(p.name(), given.get(p.name()));
            } else if (p.hasDefault()) {
                out.put(p.name(), p.defaultValue());
            } else {
                throw new UserException("cypher " + name + " needs --param " + p.name() + "=… (" + p.help()
                        + "); example: " + exampleArguments());
            }
        }
        return out;
    }

    /** The example as a command line, e.g. {@code cypher recommend/for-user --param userId=u1 k=5}. */
    public String exampleArguments() {
        StringBuilder out = new StringBuilder("cypher ").append(name);
        if (!example.isEmpty()) {
            out.append(" --param");
        }
        example.forEach((k, v) -> out.append(' ').append(k).append('=').append(
                v instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                        : String.valueOf(v)));
        return out.toString();
    }
}
