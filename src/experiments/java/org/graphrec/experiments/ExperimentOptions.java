package org.graphrec.experiments;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.graphrec.config.Suggestions;

/**
 * The validated {@code -Dgraphrec.<key>} settings of one experiment harness. Every harness names the keys it reads;
 * a {@code graphrec.*} property that the harness does not know is refused with a "did you mean" (a misspelt key
 * would otherwise be ignored and the run would silently use the default), and every value is checked against its
 * type and range when read, naming the key, what was expected and what was found.
 */
public final class ExperimentOptions {

    private static final String PREFIX = "graphrec.";
    /** Set by the build for every run, not by the user. */
    private static final Set<String> INFRASTRUCTURE = Set.of("project.root");

    private final String harness;
    private final Set<String> keys;

    private ExperimentOptions(String harness, Set<String> keys) {
        this.harness = harness;
        this.keys = keys;
    }

    /** Options of {@code harness}, which reads {@code keys} (without the {@code graphrec.} prefix). */
    public static ExperimentOptions of(String harness, String... keys) {
        Set<String> known = new TreeSet<>(Arrays.asList(keys));
        for (String name : System.getProperties().stringPropertyNames()) {
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            String key = name.substring(PREFIX.length());
            if (!known.contains(key) && !INFRASTRUCTURE.contains(key)) {
                throw new IllegalArgumentException(harness + ": unknown option -D" + name
                        + Suggestions.didYouMean(key, known) + " (it reads " + known + ")");
            }
        }
        return new ExperimentOptions(harness, known);
    }

    /** Whether the key is set. */
    public boolean has(String key) {
        return raw(key) != null;
    }

    /** A true/false flag; unset = false. */
    public boolean flag(String key) {
        return choice(key, "false", "true", "false").equals("true");
    }

    /** The text value, or {@code fallback}. */
    public String text(String key, String fallback) {
        String value = raw(key);
        return value == null ? fallback : value;
    }

    /** An integer in {@code [min, max]}, or {@code fallback} when unset. */
    public int integer(String key, int fallback, int min, int max) {
        return (int) number(key, fallback, min, max, true);
    }

    /** A long in {@code [min, max]}, or {@code fallback} when unset. */
    public long whole(String key, long fallback, long min, long max) {
        String value = raw(key);
        if (value == null) {
            return fallback;
        }
        try {
            long v = Long.parseLong(value.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw invalid(key, String.format(Locale.ROOT, "a whole number in [%d, %d]", min, max), value);
    }

    /** A real number in {@code [min, max]}, or {@code fallback} when unset. */
    public double real(String key, double fallback, double min, double max) {
        return number(key, fallback, min, max, false);
    }

    /** A comma-separated list of integers, each in {@code [min, max]}, or {@code fallback} when unset. */
    public int[] integers(String key, int[] fallback, int min, int max) {
        String value = raw(key);
        if (value == null) {
            return fallback;
        }
        try {
            int[] values = Arrays.stream(value.split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
            if (values.length > 0 && Arrays.stream(values).allMatch(v -> v >= min && v <= max)) {
                return values;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw invalid(key, "comma-separated integers in [" + min + ", " + max + "]", value);
    }

    /** A comma-separated list of real numbers, each in {@code [min, max]}, or {@code fallback} when unset. */
    public List<Double> reals(String key, List<Double> fallback, double min, double max) {
        String value = raw(key);
        if (value == null) {
            return fallback;
        }
        try {
            List<Double> values = Arrays.stream(value.split(",")).map(String::strip).map(Double::parseDouble)
                    .toList();
            if (!values.isEmpty() && values.stream().allMatch(v -> v >= min && v <= max)) {
                return values;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw invalid(key, "comma-separated numbers in [" + min + ", " + max + "]", value);
    }

    /** One of {@code allowed}, or {@code fallback} when unset. */
    public String choice(String key, String fallback, String... allowed) {
        String value = raw(key);
        if (value == null) {
            return fallback;
        }
        if (Arrays.asList(allowed).contains(value)) {
            return value;
        }
        throw invalid(key, "one of " + Arrays.toString(allowed), value);
    }

    private double number(String key, double fallback, double min, double max, boolean whole) {
        String value = raw(key);
        if (value == null) {
            return fallback;
        }
        try {
            double v = whole ? Integer.parseInt(value.strip()) : Double.parseDouble(value.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw invalid(key, (whole ? "an integer" : "a number") + " in [" + fmt(min) + ", " + fmt(max) + "]",
                value);
    }

    private String raw(String key) {
        if (!keys.contains(key)) {
            throw new IllegalStateException(harness + " reads -D" + PREFIX + key + " but does not declare it");
        }
        return System.getProperty(PREFIX + key);
    }

    private IllegalArgumentException invalid(String key, String expected, String found) {
        return new IllegalArgumentException(harness + ": -D" + PREFIX + key + ": expected " + expected + ", found '"
                + found + "'");
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
