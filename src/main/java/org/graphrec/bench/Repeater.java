package org.graphrec.bench;

import org.graphrec.progress.PeakHeap;

import java.util.ArrayList;
import java.util.List;
import org.graphrec.progress.ProgressTracker;

/**
 * Runs a piece of work {@code warmup} times unmeasured, then {@code repeats} times measured, and tracks the peak
 * heap over the measured runs. The work returns whatever it measured itself (e.g. an import's write time), so one
 * run can report several quantities.
 */
public final class Repeater {

    /** One run's quantities, name → value; units are given when summarising. */
    public interface Work {
        java.util.Map<String, Double> run(int runIndex);
    }

    private Repeater() {
    }

    /**
     * The outcome of the repeated runs.
     *
     * @param runs         one map of quantities per measured run
     * @param peakHeapBytes peak heap (sum of heap pools' peaks) over the measured runs, bytes
     */
    public record Runs(List<java.util.Map<String, Double>> runs, long peakHeapBytes) {

        /** The quantity {@code key} over all runs, summarised with {@code unit}. */
        public Measurement measure(String key, String name, String unit) {
            List<Double> values = new ArrayList<>();
            for (var run : runs) {
                Double v = run.get(key);
                if (v != null) {
                    values.add(v);
                }
            }
            return Measurement.of(name, unit, values);
        }
    }

    /** Warms up, then measures. */
    public static Runs repeat(String label, int warmup, int repeats, ProgressTracker progress, Work work) {
        if (warmup < 0 || repeats < 1) {
            throw new IllegalArgumentException("warmup >= 0 and repeats >= 1 expected");
        }
        progress.begin(label, warmup + repeats);
        for (int i = 0; i < warmup; i++) {
            work.run(-1 - i);
            progress.advance(1);
        }
        PeakHeap.reset(); // from a collected heap
        List<java.util.Map<String, Double>> runs = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            runs.add(work.run(i));
            progress.advance(1);
        }
        long peak = PeakHeap.bytes();
        progress.end();
        return new Runs(List.copyOf(runs), peak);
    }

    /** Seconds since {@code startNanos}. */
    public static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
