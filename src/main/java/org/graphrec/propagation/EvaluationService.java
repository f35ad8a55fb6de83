package org.graphrec.propagation;
import org.graphrec.eval.EvaluationParameters;
import org.graphrec.eval.EvaluationResult;
import org.graphrec.eval.Evaluator;
import org.graphrec.eval.DotProductScorer;
import org.graphrec.eval.ColdItemHoldout;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graphrec.graph.GraphConnection;
import org.graphrec.propagation.EmbeddingStore;
import org.graphrec.core.FactorModel;
import org.graphrec.propagation.GraphLoader;
import org.graphrec.core.InteractionGraph;
import org.graphrec.propagation.LoadOptions;
import org.graphrec.progress.ProgressTracker;

/**
 * The {@code evaluate} job: loads the interactions and the published version's user and item embeddings
 * from the graph and evaluates the dot-product scores (exactly what serving ranks by) with the MMRec protocol.
 */
public final class EvaluationService {

    private final GraphConnection graph;
    private final ProgressTracker progress;

    public EvaluationService(GraphConnection graph, ProgressTracker progress) {
        this.graph = graph;
        this.progress = progress;
    }

    /** The result plus where it came from. */
    public record Report(String dataset, String mode, String runId, int dimension, EvaluationResult result,
                         ColdItemHoldout holdOut) {

        /** Without a hold-out (the graph's own split). */
        public Report(String dataset, String mode, String runId, int dimension, EvaluationResult result) {
            this(dataset, mode, runId, dimension, result, null);
        }

        /** The flat JSON document of {@code evaluate --json}. */
        public Map<String, Object> asJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("dataset", dataset);
            json.put("mode", mode);
            json.put("run", runId);
            json.put("dimension", dimension);
            json.put("split", result.split().label());
            json.put("users", result.users());
            if (holdOut != null) {
                json.put("coldItemsHeldOut", holdOut.fraction());
                json.put("coldItemsSeed", holdOut.seed());
            }
            result.metrics().forEach((k, v) -> json.put(k, Double.isNaN(v) ? null : v));
            return json;
        }
    }

    public Report evaluate(EvaluationParameters parameters) {
        InteractionGraph loaded = new GraphLoader(graph, progress).load(new LoadOptions(List.of(), false, false));
        EmbeddingStore store = new EmbeddingStore(graph, progress);
        Map<String, Object> run = store.publishedRun();
        // the published run's "items held out as new" protocol, so its held-out items are evaluated as cold
        ColdItemHoldout holdOut = holdOut(run);
        InteractionGraph g = holdOut == null ? loaded : holdOut.apply(loaded);
        if (g.heldOut(parameters.split()).nonZeros() == 0) {
            throw new org.graphrec.config.UserException("the graph has no INTERACTED relationships with split '"
                    + parameters.split().label() + "' to evaluate on");
        }
        FactorModel model = store.read(g);
        EvaluationResult result = new Evaluator(g, parameters, progress).evaluate(new DotProductScorer(model));
        return new Report(dataset(), run == null ? "unknown" : String.valueOf(run.get("mode")),
                run == null ? null : String.valueOf(run.get("id")), model.dimension(), result, holdOut);
    }

    /** The hold-out recorded in the run's parameters ({@code coldItemsHeldOut}, {@code coldItemsSeed}), or null. */
    static ColdItemHoldout holdOut(Map<String, Object> run) {
        if (run == null || !(run.get("parameters") instanceof String json)) {
            return null;
        }
        try {
            var node = org.graphrec.config.Json.mapper().readTree(json);
            if (!node.has("coldItemsHeldOut")) {
                return null;
            }
            return new ColdItemHoldout(node.get("coldItemsHeldOut").asDouble(), node.get("coldItemsSeed").asLong());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new org.graphrec.config.UserException("the published PropagationRun's parameters are not JSON: "
                    + e.getOriginalMessage());
        }
    }

    /** The source of the newest finished import, or "graph" when there is none. */
    private String dataset() {
        return graph.read(tx -> {
            var rows = tx.run("MATCH (r:ImportRun) WHERE r.source IS NOT NULL "
                    + "RETURN r.source AS s ORDER BY r.finishedAt DESC LIMIT 1").list();
            return rows.isEmpty() ? "graph" : rows.get(0).get("s").asString();
        });
    }
}
