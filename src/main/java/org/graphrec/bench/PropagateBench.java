package org.graphrec.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graphrec.eval.EvaluationParameters;
import org.graphrec.propagation.EvaluationService;
import org.graphrec.graph.GraphConnection;
import org.graphrec.core.InteractionGraph.Split;
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

    /** How to run with GDS (recorded beside {@link GdsProcedures#SKIPPED}). */
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
     * @param gds      run the Neo4j GDS peer when GDS is on the classpath
     */
    public record Parameters(BenchDataset dataset, Path work, List<Mode> modes, int warmup, int repeats,
                             boolean gds) {
        public Parameters {
            if (warmup < 0 || repeats < 1 || modes.isEmpty()) {
                throw new org.graphrec.config.UserException("--warmup must be >= 0, --repeats >= 1, one mode at least");
            }
            modes = List.copyOf(modes);
        }

        /** With the GDS peer (when on the classpath). */
        public Parameters(BenchDataset dataset, Path work, List<Mode> modes, int warmup, int repeats) {
            this(dataset, work, modes, warmup, repeats, true);
        }
    }

    private final ProgressTracker progress;

    public PropagateBench(ProgressTracker progress) {
        this.progress = progress;
    }

    /** True when GDS classes are on the classpath. */
    public static boolean gdsAvailable() {
        return GdsProcedures.onClasspath();
    }

    public BenchResult run(Parameters p) {
        Machine machine = Machine.current();
        List<Measurement> measurements = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, Double> ratios = new LinkedHashMap<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        try (GraphConnection graph = BenchGraph.freshStore(p.work(), "store-propagate-")) {
            BenchGraph.load(graph, p.dataset(), p.work(), progress);
            for (Mode mode : p.modes()) {
                List<PropagationSummary> summaries = new ArrayList<>();
                Repeater.Runs runs = Repeater.repeat("bench propagate: " + mode.label(), p.warmup(), p.repeats(),
                        progress, i -> {
                            PropagationSummary s = new PropagationService(graph, ProgressTracker.none())
                                    .run(BenchGraph.defaults(mode, true));
                            Map<String, Double> values = new LinkedHashMap<>(s.timings());
                            values.put("pipeline", s.timings().get("total")
                                    - s.timings().getOrDefault("evaluate", 0.0));
                            values.put("peakHeap", (double) s.peakHeap());
                            values.put("peakLiveHeap", (double) s.peakLiveHeap());
                            values.put("memoryEstimate", (double) s.memoryEstimate());
                            summaries.add(s);
                            return values;
                        });
                PropagationSummary last = summaries.get(summaries.size() - 1);
                for (String stage : last.timings().keySet()) {
                    measurements.add(runs.measure(stage, mode.label() + " " + stage + " time", "s"));
                }
                measurements.add(runs.measure("pipeline", mode.label() + " total without evaluate time", "s"));
                measurements.add(runs.measure("peakHeap", mode.label() + " peak heap", "bytes"));
                measurements.add(runs.measure("peakLiveHeap", mode.label() + " peak live heap", "bytes"));
                measurements.add(runs.measure("memoryEstimate", mode.label() + " memory estimate", "bytes"));
                last.validation().forEach((metric, value) -> {
                    if (value != null && !value.isNaN() && metric.contains("@")) {
                        measurements.add(Measurement.single(mode.label() + " valid " + metric, "fraction", value));
                    }
                });
                testMetrics(graph, mode, last).forEach((metric, value) -> measurements.add(Measurement.single(
                        mode.label() + " test " + metric, "fraction", value)));
                if (mode == Mode.AUTO) {
                    String chosen = chosenCandidate(graph, last.runId());
                    parameters.put("auto chose", chosen);
                    notes.add("auto published the candidate '" + chosen + "' (best validation Recall@20 of its "
                            + "candidates in the last measured run; every candidate's numbers are on its "
                            + "PropagationRun, parameters.candidates).");
                }
            }
            if (!p.gds()) {
                notes.add("GDS peer not run (--gds false).");
                parameters.put("gds", "not requested");
            } else if (!gdsAvailable()) {
                progress.log(GdsProcedures.SKIPPED);
                notes.add(GdsProcedures.SKIPPED);
                notes.add(GDS_HINT);
                parameters.put("gds", "skipped: build with -Pbench");
            } else {
                GdsComparison.Outcome gds = new GdsComparison(graph, progress).run(p.warmup(), p.repeats(), 10);
                measurements.addAll(gds.measurements());
                ratios.putAll(gds.ratios());
                notes.addAll(gds.notes());
                parameters.putAll(gds.parameters());
            }
        }
        Measurement cf = measurements.stream().filter(m -> m.name().equals("closed-form total time")).findFirst()
                .orElse(null);
        for (Mode mode : p.modes()) {
            Measurement total = measurements.stream().filter(m -> m.name().equals(mode.label() + " total time"))
                    .findFirst().orElse(null);
            if (cf != null && total != null && mode != Mode.CLOSED_FORM && total.median() > 0) {
                ratios.put("total time closed-form ÷ " + mode.label() + " (median)", cf.median() / total.median());
            }
        }
        ratio(ratios, measurements, GdsComparison.METHOD + " total time", "closed-form total without evaluate time",
                "time gds-fastrp (project + fastRP.write) ÷ closed-form (load + kNN + propagate + write) (median)");
        notes.add("validation metrics come from the last measured run of each mode (the runs are deterministic: "
                + "seed 42); test metrics: `evaluate --split test` of the embeddings that run wrote (item-kNN: "
                + "evaluated in-process).");
        parameters.put("warmup", p.warmup());
        parameters.put("repeats", p.repeats());
        parameters.put("modes", p.modes().stream().map(Mode::label).toList());
        parameters.put("closedForm", "d=64, k=10, modality/brand/category weight 0.3, seed 42");
        return new BenchResult("propagate", p.dataset().name(), machine, parameters, measurements, ratios,
                List.of(), notes);
    }

    /** The candidate an auto run published, as recorded on its {@code PropagationRun} ("unknown" if missing). */
    static String chosenCandidate(GraphConnection graph, String runId) {
        String json = graph.read(tx -> tx.run("MATCH (r:PropagationRun {id: $id}) RETURN r.parameters AS p",
                java.util.Map.of("id", runId)).list(r -> r.get("p").asString(null))).stream()
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        if (json == null) {
            return "unknown";
        }
        try {
            return org.graphrec.config.Json.mapper().readTree(json).path("chosen").asText("unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** Test-split metrics of a mode's last run: its stored embeddings evaluated like `evaluate --split test`. */
    private Map<String, Double> testMetrics(GraphConnection graph, Mode mode, PropagationSummary last) {
        Map<String, Double> out = new LinkedHashMap<>();
        Map<String, Double> values;
        if (last.test() != null) {
            values = last.test();
        } else if (last.runId() != null) {
            values = new EvaluationService(graph, ProgressTracker.none())
                    .evaluate(EvaluationParameters.of(Split.TEST, 10, 20)).result().metrics();
        } else {
            return out;
        }
        for (String metric : GdsComparison.METRICS) {
            Double v = values.get(metric);
            if (v != null && !v.isNaN()) {
                out.put(metric, v);
            }
        }
        return out;
    }

    private static void ratio(Map<String, Double> ratios, List<Measurement> measurements, String numerator,
                              String denominator, String name) {
        Measurement a = measurements.stream().filter(m -> m.name().equals(numerator)).findFirst().orElse(null);
        Measurement b = measurements.stream().filter(m -> m.name().equals(denominator)).findFirst().orElse(null);
        if (a != null && b != null && b.median() > 0) {
            ratios.put(name, a.median() / b.median());
        }
    }
}
