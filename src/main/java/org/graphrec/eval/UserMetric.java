package org.graphrec.eval;

/**
 * A metric computed per evaluated user from that user's ranking and relevant items, averaged over users. A metric
 * may return NaN for a user it does not apply to (e.g. no cold-start test items); such users are left out of its
 * average.
 */
public interface UserMetric extends Metric {

    /**
     * @param ranking  the user's top items, best first (at least {@link #cutoff()} unless fewer items exist)
     * @param relevant the user's held-out items, sorted ascending, never empty
     */
    double value(int[] ranking, int[] relevant);

    /**
     * The items this metric's ranking is restricted to (the evaluator ranks only these for it; they must not be
     * train items of the user), or null for the full ranking.
     */
    default boolean[] candidates() {
        return null;
    }

    /** Number of ranking positions among the first {@code k} that hold a relevant item. */
    static int hits(int[] ranking, int k, int[] relevant) {
        int hits = 0;
        for (int p = 0; p < Math.min(k, ranking.length); p++) {
            if (java.util.Arrays.binarySearch(relevant, ranking[p]) >= 0) {
                hits++;
            }
        }
        return hits;
    }
}
