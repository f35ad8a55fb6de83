package org.graphrec.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graphrec.graph.GraphConnection;
import org.graphrec.propagation.PropagateParameters.Mode;
import org.graphrec.propagation.PropagationService;
import org.graphrec.propagation.PropagationSummary;
import org.graphrec.progress.ProgressTracker;

/**
 * {@code bench propagate}: wall time per stage (load, kNN, propagate, evaluate, write) and peak heap of each
 * propagation mode on the same imported graph, warm-up + repeats, plus each mode's validation accuracy. When Neo4j
 * Graph Data Science is on the classpath ({@code mvn -Pbench}) it is reported as available; when it is not, the
 * result says so and how to get it.
 */
public final class PropagateBench {

    /** A GDS class whose presence means GDS is on the classpath. */
    static final String GDS_PROBE = "org.neo4j.gds.embeddings.fastrp.FastRPWriteProc";
    /** How to run with GDS. */
    public static final String GDS_HINT = "Neo4j Graph Data Science 2.13.9 is not on the classpath: the GDS "
            + "comparison (gds.fastRP, gds.knn) needs the `bench` Maven profile, e.g. "
            + "`mvn -Pbench -DskipTests package` then `shell/graphrec bench propagate`.";

    /**
     * Parameters.
     *
     * @param dataset  what to propagate over
     * @param work     directory for the store
     * @param modes    the modes to run
     * @param warmup   unmeasured runs per mode
     * @param repeats  measured runs per mode
     */
    public record Parameters(BenchDataset dataset, Path work, List<Mode> modes, int warmup, int repeats) {
        public Parameters {
            if (warmup < 0 || repeats < 1 || modes.isEmpty()) {
                throw new org.graphrec.config.UserException("--warmup must be >= 0, --repeats >= 1, one mode at least");
            }
            modes = List.copyOf(modes);
        }
    }

    private final ProgressTracker progress;

    public PropagateBench(ProgressTracker progress) {
        this.progress = progress;
    }

    /** True when GDS classes are on the classpath. */
    public static boolean gdsAvailable() {
        try {
            Class.forName(GDS_PROBE, false, PropagateBench.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    public BenchResult run(Parameters p) {
        Machine machine = Machine.current();
        List<Measurement> measurements = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (GraphConnection graph = BenchGraph.freshStore(p.work(), "store-propagate-")) {
            BenchGraph.load(graph, p.dataset(), p.work(), progress);
            for (Mode mode : p.modes()) {
                List<PropagationSummary> summaries = new ArrayList<>();
                Repeater.Runs runs = Repeater.repeat("bench propagate: " + mode.label(), p.warmup(), p.repeats(),
                        progress, i -> {
                            PropagationSummary s = new PropagationService(graph, ProgressTracker.none())
                                    .run(BenchGraph.defaults(mode, true));
                            Map<String, Double> values = new LinkedHashMap<>(s.timings());
                            values.put("peakHeap", (double) s.peakHeap());
                            values.put("memoryEstimate", (double) s.memoryEstimate());
                            summaries.add(s);
                            return values;
                        });
                PropagationSummary last = summaries.get(summaries.size() - 1);
                for (String stage : last.timings().keySet()) {
                    measurements.add(runs.measure(stage, mode.label() + " " + stage + " time", "s"));
                }
                measurements.add(runs.measure("peakHeap", mode.label() + " peak heap", "bytes"));
                measurements.add(runs.measure("memoryEstimate", mode.label() + " memory estimate", "bytes"));
                last.validation().forEach((metric, value) -> {
                    if (value != null && !value.isNaN() && metric.contains("@")) {
                        measurements.add(Measurement.single(mode.label() + " valid " + metric, "fraction", value));
                    }
                });
            }
        }
        Map<String, Double> ratios = new LinkedHashMap<>();
        Measurement cf = measurements.stream().filter(m -> m.name().equals("closed-form total time")).findFirst()
                .orElse(null);
        for (Mode mode : p.modes()) {
            Measurement total = measurements.stream().filter(m -> m.name().equals(mode.label() + " total time"))
                    .findFirst().orElse(null);
            if (cf != null && total != null && mode != Mode.CLOSED_FORM && total.median() > 0) {
                ratios.put("total time closed-form ÷ " + mode.label() + " (median)", cf.median() / total.median());
            }
        }
        if (!gdsAvailable()) {
            notes.add(GDS_HINT);
        } else {
            notes.add("GDS is on the classpath; the gds.fastRP / gds.knn comparison is not implemented yet.");
        }
        notes.add("validation metrics come from the last measured run of each mode (the runs are deterministic: "
                + "seed 42).");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("warmup", p.warmup());
        parameters.put("repeats", p.repeats());
        parameters.put("modes", p.modes().stream().map(Mode::label).toList());
        parameters.put("closedForm", "d=64, k=10, modality/brand/category weight 0.3, seed 42");
        return new BenchResult("propagate", p.dataset().name(), machine, parameters, measurements, ratios,
                List.of(), notes);
    }
}
