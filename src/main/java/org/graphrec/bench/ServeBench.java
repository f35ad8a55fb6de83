package org.graphrec.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graphrec.graph.GraphConnection;
import org.graphrec.propagation.PropagateParameters.Mode;
import org.graphrec.propagation.PropagationService;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.recommend.ServeLatency;
import org.graphrec.search.SearchLatency;

/**
 * {@code bench serve}: imports the dataset into a fresh store, propagates (closed-form, defaults), then measures the
 * warm p50/p95/p99 latency of recommend, similar and neighbours and of their Cypher-library equivalents with
 * {@link ServeLatency}, and of search with {@link SearchLatency} (when the text vectors came from MiniLM).
 */
public final class ServeBench {

    /**
     * Parameters.
     *
     * @param dataset  what to serve from
     * @param work     directory for the store
     * @param warmup   unmeasured calls per operation
     * @param samples  measured calls per operation (at least 5)
     * @param k        list length
     */
    public record Parameters(BenchDataset dataset, Path work, int warmup, int samples, int k) {
        public Parameters {
            if (warmup < 0 || samples < 5 || k < 1) {
                throw new org.graphrec.config.UserException("--warmup must be >= 0, --samples >= 5, --k >= 1");
            }
        }
    }

    private final ProgressTracker progress;

    public ServeBench(ProgressTracker progress) {
        this.progress = progress;
    }

    public BenchResult run(Parameters p) {
        Machine machine = Machine.current();
        ServeLatency.Result r;
        try (GraphConnection graph = BenchGraph.freshStore(p.work(), "store-serve-")) {
            BenchGraph.load(graph, p.dataset(), p.work(), progress);
            new PropagationService(graph, progress).run(BenchGraph.defaults(Mode.CLOSED_FORM, true));
            ServeLatency.Parameters sp = new ServeLatency.Parameters(p.warmup(), p.samples(), p.k(), 42);
            r = ServeLatency.measure(graph, sp, progress);
            r = r.withRows(SearchLatency.measure(graph, sp, progress));
        }
        return result(p.dataset().name(), machine, r, new ServeLatency.Parameters(p.warmup(), p.samples(), p.k(), 42),
                "closed-form, d=64, k=10 (propagate defaults)");
    }

    /**
     * The results file of a measurement made elsewhere (e.g. {@code bench serve --out DIR} on the session's own
     * graph): {@code model} says what was propagated.
     */
    public static BenchResult result(String dataset, Machine machine, ServeLatency.Result r,
                                     ServeLatency.Parameters p, String model) {
        List<Measurement> measurements = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (ServeLatency.Row row : r.rows()) {
            if (row.calls() == 0) {
                notes.add(row.operation() + ": nothing to sample");
                continue;
            }
            measurements.add(Measurement.single(row.operation() + " p50", "ms", row.p50()));
            measurements.add(Measurement.single(row.operation() + " p95", "ms", row.p95()));
            measurements.add(Measurement.single(row.operation() + " p99", "ms", row.p99()));
            measurements.add(Measurement.single(row.operation() + " max", "ms", row.max()));
        }
        measurements.add(Measurement.single("users with a fused embedding", "users", r.users()));
        measurements.add(Measurement.single("items with a fused embedding", "items", r.items()));
        if (!Double.isNaN(r.recallAtK())) {
            measurements.add(Measurement.single("recall@" + p.k() + " of recommend (service) vs exact scan",
                    "fraction", r.recallAtK()));
            measurements.add(Measurement.single("recommend (service) lists identical to the exact scan", "fraction",
                    r.exactLists()));
        }
        if (!Double.isNaN(r.indexRecallAtK())) {
            measurements.add(Measurement.single("recall@" + p.k() + " of recommend/for-user-index (vector indexes) vs "
                    + "exact scan", "fraction", r.indexRecallAtK()));
            measurements.add(Measurement.single("recommend/for-user-index lists identical to the exact scan",
                    "fraction", r.indexExactLists()));
        }
        for (ServeLatency.SimilarRecall s : r.similar()) {
            if (s.items() > 0) {
                measurements.add(Measurement.single("recall@" + p.k() + " of similar --by " + s.modality()
                        + " (service) vs similar --exact", "fraction", s.recallAtK()));
                measurements.add(Measurement.single("similar --by " + s.modality() + " lists identical to --exact",
                        "fraction", s.exactLists()));
                measurements.add(Measurement.single("similar --by " + s.modality() + " answers from the inverted file",
                        "fraction", s.approximate()));
            }
        }
        Map<String, Double> ratios = new LinkedHashMap<>();
        ratio(ratios, r, "recommend (service)", "cypher recommend/for-user");
        ratio(ratios, r, "cypher recommend/for-user", "cypher recommend/for-user-index");
        ratio(ratios, r, "similar --by fused (service)", "cypher recommend/similar-items fused");
        ratio(ratios, r, "cypher recommend/similar-items fused", "cypher recommend/similar-items-index fused");
        ratio(ratios, r, "neighbours --user (service)", "cypher recommend/neighbourhood");
        notes.add("each operation: " + p.warmup() + " warm-up calls, then " + p.samples() + " measured calls, one at a "
                + "time, on seeded samples of users/items; percentiles are nearest-rank over the measured calls.");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("warmup", p.warmup());
        parameters.put("samples", p.samples());
        parameters.put("k", p.k());
        parameters.put("model", model);
        return new BenchResult("serve", dataset, machine, parameters, measurements, ratios, List.of(), notes);
    }

    private static void ratio(Map<String, Double> ratios, ServeLatency.Result r, String service, String cypher) {
        var s = r.rows().stream().filter(x -> x.operation().equals(service)).findFirst();
        var c = r.rows().stream().filter(x -> x.operation().equals(cypher)).findFirst();
        if (s.isPresent() && c.isPresent() && s.get().p50() > 0) {
            ratios.put("p50 " + cypher + " ÷ " + service, c.get().p50() / s.get().p50());
        }
    }
}
