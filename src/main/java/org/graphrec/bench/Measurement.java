package org.graphrec.bench;

import java.util.Arrays;
import java.util.List;

/**
 * One measured quantity over repeated runs: median and spread (min, max, interquartile range), with its unit.
 *
 * @param name   what was measured, e.g. {@code graphrec import wall time}
 * @param unit   unit of every value, e.g. {@code s}, {@code interactions/s}, {@code ms}, {@code bytes}
 * @param median median of {@code values}
 * @param min    smallest value
 * @param max    largest value
 * @param q1     first quartile (linear interpolation)
 * @param q3     third quartile (linear interpolation)
 * @param values every measured value, in run order (warm-up runs excluded)
 */
public record Measurement(String name, String unit, double median, double min, double max, double q1, double q3,
                          List<Double> values) {

    /** Summarises {@code values} (at least one). */
    public static Measurement of(String name, String unit, List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values for " + name);
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Measurement(name, unit, quantile(sorted, 0.5), sorted[0], sorted[sorted.length - 1],
                quantile(sorted, 0.25), quantile(sorted, 0.75), List.copyOf(values));
    }

    /** A single value (no repeats), e.g. a count or an estimate. */
    public static Measurement single(String name, String unit, double value) {
        return of(name, unit, List.of(value));
    }

    /** Quantile {@code q} of sorted values by linear interpolation between closest ranks. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /** Number of measured runs. */
    public int runs() {
        return values.size();
    }

    @Override
    public String toString() {
        return name + " " + median + " " + unit + " " + Arrays.toString(new double[] {min, max});
    }
}
