package org.graphrec.propagation;

import org.graphrec.eval.ColdItemHoldout;

/**
 * The cold-start settings of one {@code propagate} run.
 *
 * @param mapping          fit {@link ColdStartMapping} after the mode (chosen on validation; the unmapped model is
 *                         a candidate)
 * @param holdOutFraction  share of the items with train interactions held out as new ({@link ColdItemHoldout});
 *                         0 = none (the graph's own split)
 * @param holdOutSeed      seed of the held-out items
 * @param tolerance        how much overall validation Recall@20 the calibration may give up for cold items, in
 *                         binomial standard errors of that recall ({@link ColdStartMapping.Objective}); 0 = overall
 *                         recall only
 */
public record ColdStartOptions(boolean mapping, double holdOutFraction, long holdOutSeed, double tolerance) {

    /**
     * The default tolerance: one standard error (the one-standard-error rule: within the validation set's noise,
     * take the calibration that serves new items best). docs/quality.md has the TikTok numbers behind it.
     */
    public static final double DEFAULT_TOLERANCE = 1;

    public ColdStartOptions {
        if (!(holdOutFraction >= 0 && holdOutFraction < 1)) {
            throw new IllegalArgumentException("the held-out item fraction must be in [0, 1), got "
                    + holdOutFraction);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("the cold-start tolerance must be a finite number ≥ 0, got "
                    + tolerance);
        }
    }

    /** The settings at the default tolerance. */
    public ColdStartOptions(boolean mapping, double holdOutFraction, long holdOutSeed) {
        this(mapping, holdOutFraction, holdOutSeed, DEFAULT_TOLERANCE);
    }

    /** The default: the mapping on at the default tolerance, the graph's own split. */
    public static ColdStartOptions defaults() {
        return new ColdStartOptions(true, 0, 0);
    }

    /** The hold-out protocol to apply, or null for the graph's own split. */
    public ColdItemHoldout holdOut() {
        return holdOutFraction > 0 ? new ColdItemHoldout(holdOutFraction, holdOutSeed) : null;
    }
}
