package org.graphrec.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one configured Jackson mapper of graphrec, for every package: pretty documents ({@code --json} output,
 * benchmark results), compact one-line values (run logs, JSON stored as a property) and a lenient reader for
 * foreign JSON-lines data. Jackson's defaults otherwise; no modules are registered, so the output does not depend
 * on what happens to be on the class path.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();
    /**
     * Lenient enough for the 2014 Amazon metadata, written as Python literals (single quotes, unusual escapes,
     * NaN, raw control characters).
     */
    private static final ObjectReader LENIENT = MAPPER.reader().withFeatures(
            JsonReadFeature.ALLOW_SINGLE_QUOTES,
            JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER,
            JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS,
            JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS);

    private Json() {
    }

    /** The shared mapper (strict reading, compact writing). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writer of indented documents. */
    public static ObjectWriter prettyWriter() {
        return PRETTY;
    }

    /** Reader that accepts the non-standard JSON of foreign data files (see the field's note). */
    public static ObjectReader lenientReader() {
        return LENIENT;
    }

    /** {@code value} as one indented JSON document (records, maps, lists). */
    public static String write(Object value) {
        return serialise(PRETTY, value);
    }

    /** {@code value} as compact JSON on one line. */
    public static String line(Object value) {
        return serialise(MAPPER.writer(), value);
    }

    private static String serialise(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
