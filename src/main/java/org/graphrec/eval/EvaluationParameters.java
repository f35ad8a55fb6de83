package org.graphrec.eval;

import java.util.Arrays;
import org.graphrec.core.InteractionGraph.Split;

/**
 * What to evaluate: which held-out split and which cutoffs.
 *
 * @param split       {@code VALID} or {@code TEST}
 * @param cutoffs     the K values (positive, e.g. 10, 20, 50)
 * @param threads     worker threads for ranking (≥ 1)
 * @param sampleUsers evaluate a seeded uniform sample of at most this many of the eligible users (0 = all of them,
 *                    the MMRec protocol; a sample gives an unbiased estimate of the same averages, for quick checks)
 * @param sampleSeed  seed of that sample
 */
public record EvaluationParameters(Split split, int[] cutoffs, int threads, int sampleUsers, long sampleSeed) {

    /** Every eligible user (the full protocol). */
    public EvaluationParameters(Split split, int[] cutoffs, int threads) {
        this(split, cutoffs, threads, 0, 0);
    }

    public EvaluationParameters {
        if (split == Split.TRAIN) {
            throw new IllegalArgumentException("evaluate on valid or test, not on train");
        }
        if (cutoffs.length == 0 || Arrays.stream(cutoffs).anyMatch(k -> k <= 0)) {
            throw new IllegalArgumentException("cutoffs must be positive, got " + Arrays.toString(cutoffs));
        }
        cutoffs = Arrays.stream(cutoffs).distinct().sorted().toArray();
        threads = Math.max(1, threads);
        if (sampleUsers < 0) {
            throw new IllegalArgumentException("sampleUsers may not be negative, got " + sampleUsers);
        }
    }

    /** The same evaluation on a seeded sample of at most {@code users} users (0 = all). */
    public EvaluationParameters withUserSample(int users, long seed) {
        return new EvaluationParameters(split, cutoffs, threads, users, seed);
    }

    public static EvaluationParameters of(Split split, int... cutoffs) {
        return new EvaluationParameters(split, cutoffs, Runtime.getRuntime().availableProcessors());
    }

    public int maxCutoff() {
        return cutoffs[cutoffs.length - 1];
    }
}
