package org.graphrec.eval;

import java.util.Arrays;
import org.graphrec.propagation.InteractionGraph.Split;

/**
 * What to evaluate: which held-out split and which cutoffs.
 *
 * @param split   {@code VALID} or {@code TEST}
 * @param cutoffs the K values (positive, e.g. 10, 20, 50)
 * @param threads worker threads for ranking (≥ 1)
 */
public record EvaluationParameters(Split split, int[] cutoffs, int threads) {

    public EvaluationParameters {
        if (split == Split.TRAIN) {
            throw new IllegalArgumentException("evaluate on valid or test, not on train");
        }
        if (cutoffs.length == 0 || Arrays.stream(cutoffs).anyMatch(k -> k <= 0)) {
            throw new IllegalArgumentException("cutoffs must be positive, got " + Arrays.toString(cutoffs));
        }
        cutoffs = Arrays.stream(cutoffs).distinct().sorted().toArray();
        threads = Math.max(1, threads);
    }

    public static EvaluationParameters of(Split split, int... cutoffs) {
        return new EvaluationParameters(split, cutoffs, Runtime.getRuntime().availableProcessors());
    }

    public int maxCutoff() {
        return cutoffs[cutoffs.length - 1];
    }
}
