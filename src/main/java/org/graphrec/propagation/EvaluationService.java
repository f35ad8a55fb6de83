package org.graphrec.propagation;
import org.graphrec.eval.EvaluationParameters;
import org.graphrec.eval.EvaluationResult;
import org.graphrec.eval.Evaluator;
import org.graphrec.eval.DotProductScorer;

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
    public record Report(String dataset, String mode, String runId, int dimension, EvaluationResult result) {

        /** The flat JSON document of {@code evaluate --json}. */
        public Map<String, Object> asJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("dataset", dataset);
            json.put("mode", mode);
            json.put("run", runId);
            json.put("dimension", dimension);
            json.put("split", result.split().label());
            json.put("users", result.users());
            result.metrics().forEach((k, v) -> json.put(k, Double.isNaN(v) ? null : v));
            return json;
        }
    }

    public Report evaluate(EvaluationParameters parameters) {
        InteractionGraph g = new GraphLoader(graph, progress).load(new LoadOptions(List.of(), false, false));
        if (g.heldOut(parameters.split()).nonZeros() == 0) {
            throw new org.graphrec.config.UserException("the graph has no INTERACTED relationships with split '"
                    + parameters.split().label() + "' to evaluate on");
        }
        EmbeddingStore store = new EmbeddingStore(graph, progress);
        FactorModel model = store.read(g);
        Map<String, Object> run = store.publishedRun();
        EvaluationResult result = new Evaluator(g, parameters, progress).evaluate(new DotProductScorer(model));
        return new Report(dataset(), run == null ? "unknown" : String.valueOf(run.get("mode")),
                run == null ? null : String.valueOf(run.get("id")), model.dimension(), result);
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
