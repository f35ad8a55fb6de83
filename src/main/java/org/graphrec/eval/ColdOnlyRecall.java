package org.graphrec.eval;

/**
 * Recall@K of cold-start items ranked among the cold items only (the protocol of the cold-start literature: ALDI,
 * CLCRec): for a user with held-out cold items, only the cold items are ranked, and the metric is the share of the
 * user's cold held-out items in that top K. NaN (left out of the average) for users without a cold held-out item.
 * Beside {@link ColdStartRecall} (the same items ranked among all items) it separates "does the model order new
 * items well" from "can a new item enter a full top K".
 */
public final class ColdOnlyRecall implements UserMetric {

    private final ColdStartRecall amongCold;
    private final boolean[] cold;

    /** {@code cold[i]} marks item {@code i} as cold start; such items must have no train interaction. */
    public ColdOnlyRecall(int k, boolean[] cold) {
        this.amongCold = new ColdStartRecall(k, cold);
        this.cold = cold;
    }

    @Override
    public int cutoff() {
        return amongCold.cutoff();
    }

    @Override
    public String label() {
        return "coldOnlyRecall";
    }

    @Override
    public boolean[] candidates() {
        return cold;
    }

    /** @param ranking the user's top cold items (the evaluator ranks {@link #candidates()} only for this metric) */
    @Override
    public double value(int[] ranking, int[] relevant) {
        return amongCold.value(ranking, relevant);
    }
}
