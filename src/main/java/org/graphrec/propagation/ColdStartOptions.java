package org.graphrec.propagation;

import org.graphrec.eval.ColdItemHoldout;

/**
 * The cold-start settings of one {@code propagate} run.
 *
 * @param mapping          fit {@link ColdStartMapping} after the mode (chosen on validation; the unmapped model is
 *                         a candidate, so this never lowers validation Recall@20)
 * @param holdOutFraction  share of the items with train interactions held out as new ({@link ColdItemHoldout});
 *                         0 = none (the graph's own split)
 * @param holdOutSeed      seed of the held-out items
 */
public record ColdStartOptions(boolean mapping, double holdOutFraction, long holdOutSeed) {

    public ColdStartOptions {
        if (!(holdOutFraction >= 0 && holdOutFraction < 1)) {
            throw new IllegalArgumentException("the held-out item fraction must be in [0, 1), got "
                    + holdOutFraction);
        }
    }

    /** The default: the mapping on, the graph's own split. */
    public static ColdStartOptions defaults() {
        return new ColdStartOptions(true, 0, 0);
    }

    /** The hold-out protocol to apply, or null for the graph's own split. */
    public ColdItemHoldout holdOut() {
        return holdOutFraction > 0 ? new ColdItemHoldout(holdOutFraction, holdOutSeed) : null;
    }
}
