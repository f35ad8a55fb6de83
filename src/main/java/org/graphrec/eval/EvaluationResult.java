package org.graphrec.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import org.graphrec.propagation.InteractionGraph.Split;

/**
 * Metric values of one evaluation run.
 *
 * @param split   the held-out split evaluated
 * @param users   number of users evaluated (those with at least one held-out interaction)
 * @param metrics metric name ({@code recall@20}, …) → value, in a stable order
 * @param seconds wall time of the evaluation
 */
public record EvaluationResult(Split split, int users, Map<String, Double> metrics, double seconds) {

    public EvaluationResult {
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** The value of {@code name}, NaN if not computed. */
    public double get(String name) {
        return metrics.getOrDefault(name, Double.NaN);
    }
}
