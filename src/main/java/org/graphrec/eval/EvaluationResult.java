package org.graphrec.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import org.graphrec.core.InteractionGraph.Split;

/**
 * Metric values of one evaluation run.
 *
 * @param split   the held-out split evaluated
 * @param users         number of users evaluated (those with at least one held-out interaction, or a sample of them)
 * @param metrics       metric name ({@code recall@20}, …) → value, in a stable order
 * @param seconds       wall time of the evaluation
 * @param eligibleUsers number of users with at least one held-out interaction ({@code users} unless sampled)
 */
public record EvaluationResult(Split split, int users, Map<String, Double> metrics, double seconds,
                               int eligibleUsers) {

    public EvaluationResult {
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** A result over every eligible user. */
    public EvaluationResult(Split split, int users, Map<String, Double> metrics, double seconds) {
        this(split, users, metrics, seconds, users);
    }

    /** Whether only a sample of the eligible users was evaluated. */
    public boolean sampled() {
        return users < eligibleUsers;
    }

    /** The value of {@code name}, NaN if not computed. */
    public double get(String name) {
        return metrics.getOrDefault(name, Double.NaN);
    }
}
