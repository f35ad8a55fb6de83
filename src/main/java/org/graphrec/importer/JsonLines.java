package org.graphrec.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.graphrec.config.Json;

/**
 * Helpers for one-object-per-line JSON files (Amazon review data, JSONL item files). Read leniently
 * ({@link Json#lenientReader()}): the 2014 Amazon metadata is written as Python literals (single quotes).
 */
final class JsonLines {

    private JsonLines() {
    }

    /** Parses one line; throws {@link Fields.Invalid} with a short reason when it is not a JSON object. */
    static JsonNode parse(String line) throws Fields.Invalid {
        try {
            JsonNode node = Json.lenientReader().readTree(line);
            if (node == null || !node.isObject()) {
                throw new Fields.Invalid("expected a JSON object on the line");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Fields.Invalid("malformed JSON: " + e.getOriginalMessage());
        }
    }

    /** The value at {@code path} (field names separated by '.', e.g. {@code details.Publisher:}), or null. */
    static JsonNode at(JsonNode object, String path) {
        if (path == null) {
            return null;
        }
        JsonNode direct = object.get(path);
        if (direct != null || path.indexOf('.') < 0) {
            return direct;
        }
        JsonNode node = object;
        for (String part : path.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return node;
    }

    /** Text of a scalar, or a list of strings joined by a space (descriptions); null when missing or empty. */
    static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode e : node) {
                String t = text(e);
                if (t != null && !t.isBlank()) {
                    parts.add(t.strip());
                }
            }
            return parts.isEmpty() ? null : String.join(" ", parts);
        }
        if (node.isContainerNode()) {
            return null;
        }
        String t = node.asText();
        return t.isBlank() ? null : t.strip();
    }

    /** Strings of a list (flattening nested lists, as in the 2014 {@code categories}), or a separated string. */
    static List<String> list(JsonNode node, String separator) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            for (JsonNode e : node) {
                out.addAll(list(e, null));
            }
        } else if (node.isValueNode()) {
            String t = node.asText();
            if (separator == null) {
                out.add(t);
            } else {
                for (String part : t.split(java.util.regex.Pattern.quote(separator))) {
                    out.add(part);
                }
            }
        }
        return out;
    }

}
