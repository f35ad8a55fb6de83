package org.graphrec.bench;

import org.graphrec.progress.PeakHeap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graphrec.graph.GraphConnection;
import org.graphrec.importer.ImportResult;
import org.graphrec.propagation.PropagateParameters.Mode;
import org.graphrec.propagation.PropagationService;
import org.graphrec.propagation.PropagationSummary;
import org.graphrec.progress.ProgressTracker;

/**
 * {@code bench scale}: synthetic catalogues of growing size (default 10k, 100k, 1M, 10M interactions); for each,
 * the time and peak heap of generate, import and every propagation stage (closed-form), with the memory estimate
 * printed before the run beside the measured peak. Sizes whose estimate does not fit in the heap are skipped and
 * reported. Each size runs {@code repeats} times from scratch (new catalogue directory, new store; the catalogue
 * itself is the same, seed 42), and every number is reported as median with min/max and quartiles.
 */
public final class ScaleBench {

    /** Default sizes, interactions. */
    public static final List<Long> DEFAULT_SIZES = List.of(10_000L, 100_000L, 1_000_000L, 10_000_000L);

    /**
     * Parameters.
     *
     * @param sizes    interactions per catalogue
     * @param work     directory for data and stores
     * @param maxHeap  heap the estimate must fit in, bytes
     * @param maxSeconds time budget of the whole run, seconds (0 = none): a size whose time, extrapolated linearly
     *                   from the previous size, would end the run after the budget is skipped and reported
     * @param repeats  measured runs per size
     */
    public record Parameters(List<Long> sizes, Path work, long maxHeap, long maxSeconds, int repeats) {
        public Parameters {
            if (sizes.isEmpty()) {
                throw new org.graphrec.config.UserException("--sizes: at least one size expected");
            }
            if (maxSeconds < 0) {
                throw new org.graphrec.config.UserException("--max-minutes: expected 0 (no limit) or more, found "
                        + maxSeconds / 60);
            }
            if (repeats < 1) {
                throw new org.graphrec.config.UserException("--repeats: expected 1 or more, found " + repeats);
            }
            sizes = List.copyOf(sizes);
        }

        /** One run per size, without a time budget. */
        public Parameters(List<Long> sizes, Path work, long maxHeap) {
            this(sizes, work, maxHeap, 0, 1);
        }
    }

    private final ProgressTracker progress;

    public ScaleBench(ProgressTracker progress) {
        this.progress = progress;
    }

    /**
     * Rough upper estimate of the heap one size needs, bytes: the generator's own estimate, the importer's
     * in-memory catalogue (~250 bytes per interaction, ~1 KiB per item plus its vectors) and the propagation
     * working set (~100 bytes per interaction, d=64 floats ×8 per user and item).
     */
    public static long estimateBytes(long interactions) {
        var p = BenchDataset.syntheticParameters(interactions, 42);
        long generator = new org.graphrec.importer.synthetic.SyntheticGenerator(p).estimateMemoryBytes();
        long vectors = (long) p.items() * (p.textDim() + p.imageDim()) * 8L;
        long catalogue = 250L * interactions + 1024L * p.items() + vectors;
        long propagation = 100L * interactions + 64L * 4 * 8 * ((long) p.users() + p.items());
        return Math.max(generator, catalogue + propagation);
    }

    public BenchResult run(Parameters p) {
        Machine machine = Machine.current();
        List<Measurement> measurements = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long smallest = p.sizes().stream().mapToLong(Long::longValue).min().orElseThrow();
        if (estimateBytes(smallest) <= p.maxHeap() * 0.8) {
            // unmeasured warm-up pass (JIT, class loading, store start-up) so the first size is not inflated
            warmUp(smallest, p.work());
            notes.add(String.format(java.util.Locale.ROOT, "an unmeasured warm-up pass on %,d interactions ran "
                    + "first (JIT, class loading)", smallest));
        }
        long runStart = System.nanoTime();
        long previousSize = 0;
        double previousSeconds = 0;
        for (long size : p.sizes()) {
            long estimate = estimateBytes(size);
            progress.log(String.format(java.util.Locale.ROOT, "bench scale: %,d interactions, memory estimate "
                    + "%,d MiB (heap %,d MiB)", size, estimate >> 20, p.maxHeap() >> 20));
            if (estimate > p.maxHeap() * 0.8) {
                notes.add(String.format(java.util.Locale.ROOT, "%,d interactions skipped: estimated %,d MiB does not "
                        + "fit in 80 %% of the %,d MiB heap", size, estimate >> 20, p.maxHeap() >> 20));
                continue;
            }
            double elapsed = Repeater.secondsSince(runStart);
            double predicted = previousSize == 0 ? 0 : previousSeconds * size / previousSize;
            if (p.maxSeconds() > 0 && previousSize > 0 && elapsed + predicted > p.maxSeconds()) {
                String note = String.format(java.util.Locale.ROOT, "%,d interactions skipped: about %,.0f min "
                        + "predicted (linear from %,d interactions in %,.0f s) does not fit in the %,d min budget "
                        + "(%,.0f min used)", size, predicted / 60, previousSize, previousSeconds,
                        p.maxSeconds() / 60, elapsed / 60);
                progress.log("bench scale: " + note);
                notes.add(note);
                continue;
            }
            long sizeStart = System.nanoTime();
            Runs runs = new Runs(size);
            runs.add("memory estimate", "bytes", estimate);
            for (int repeat = 1; repeat <= p.repeats(); repeat++) {
                progress.log(String.format(java.util.Locale.ROOT, "bench scale: %,d interactions, run %d of %d",
                        size, repeat, p.repeats()));
                measureOnce(size, p.work().resolve("run-" + repeat), runs);
            }
            runs.addTo(measurements);
            previousSize = size;
            previousSeconds = Repeater.secondsSince(sizeStart);
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("sizes", p.sizes());
        parameters.put("maxHeapBytes", p.maxHeap());
        parameters.put("mode", "closed-form, d=64, k=10, seed 42");
        parameters.put("repeats", p.repeats());
        parameters.put("maxMinutes", p.maxSeconds() / 60);
        BenchResult result = new BenchResult("scale", "synthetic " + p.sizes(), machine, parameters, measurements,
                Map.of(), List.of(), notes);
        return result;
    }

    /** One generate + import + propagate pass of {@code size} interactions in a fresh directory and store. */
    private void measureOnce(long size, Path work, Runs runs) {
        long runStart = System.nanoTime();
        PeakHeap.reset();
        long t = System.nanoTime();
        BenchDataset data = BenchDataset.synthetic(size, 42, work.resolve("data"), progress);
        runs.time("generate", Repeater.secondsSince(t));
        runs.add("generate peak heap", "bytes", PeakHeap.bytes());
        try (GraphConnection graph = BenchGraph.freshStore(work, "store-scale-")) {
            PeakHeap.reset();
            ImportResult imported = BenchGraph.load(graph, data, work, progress);
            runs.time("import", imported.seconds());
            runs.add("import peak heap", "bytes", PeakHeap.bytes());
            runs.add("import peak live heap", "bytes", PeakHeap.liveBytes());
            runs.add("import interactions/s", "interactions/s", size / imported.seconds());
            PropagationSummary s = new PropagationService(graph, progress)
                    .run(BenchGraph.defaults(Mode.CLOSED_FORM, true));
            s.timings().forEach((stage, seconds) -> runs.time("propagate " + stage, seconds));
            runs.add("propagate memory estimate", "bytes", s.memoryEstimate());
            runs.add("propagate peak heap", "bytes", s.peakHeap());
            runs.add("propagate peak live heap", "bytes", s.peakLiveHeap());
        }
        runs.add("wall (generate + start store + import + propagate)", "s", Repeater.secondsSince(runStart));
        runs.add("load average after", "load",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        BenchRunner.delete(work);
    }

    /** The values of one size's repeated runs, by measurement name (in first-seen order). */
    private static final class Runs {
        private final long size;
        private final Map<String, String> units = new LinkedHashMap<>();
        private final Map<String, List<Double>> values = new LinkedHashMap<>();

        Runs(long size) {
            this.size = size;
        }

        void add(String name, String unit, double value) {
            units.putIfAbsent(name, unit);
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }

        void time(String stage, double seconds) {
            add(stage + " time", "s", seconds);
        }

        void addTo(List<Measurement> measurements) {
            values.forEach((name, list) -> measurements.add(Measurement.of(size + " interactions " + name,
                    units.get(name), list)));
        }
    }

    private void warmUp(long size, Path work) {
        // another seed: the measured pass must generate its catalogue itself, not find the warm-up's
        BenchDataset data = BenchDataset.synthetic(size, 43, work.resolve("data"), ProgressTracker.none());
        try (GraphConnection graph = BenchGraph.freshStore(work, "store-warmup-")) {
            BenchGraph.load(graph, data, work, ProgressTracker.none());
            new PropagationService(graph, ProgressTracker.none()).run(BenchGraph.defaults(Mode.CLOSED_FORM, true));
        }
    }

    /** The time-vs-size series of a result: stage → [sizes, seconds]. */
    public static Map<String, double[][]> series(BenchResult r) {
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        for (Measurement m : r.measurements()) {
            int at = m.name().indexOf(" interactions ");
            if (at > 0 && "s".equals(m.unit()) && m.name().endsWith(" time")) {
                long size = Long.parseLong(m.name().substring(0, at));
                String stage = m.name().substring(at + " interactions ".length(), m.name().length() - " time".length());
                points.computeIfAbsent(stage, k -> new ArrayList<>()).add(new double[] {size, m.median()});
            }
        }
        Map<String, double[][]> out = new LinkedHashMap<>();
        points.forEach((stage, list) -> out.put(stage, new double[][] {
                list.stream().mapToDouble(x -> x[0]).toArray(), list.stream().mapToDouble(x -> x[1]).toArray()}));
        return out;
    }
}
