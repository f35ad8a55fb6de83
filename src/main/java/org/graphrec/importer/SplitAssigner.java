package org.graphrec.importer;

import java.util.SplittableRandom;
import org.graphrec.config.UserException;

/**
 * Assigns train/valid/test to a catalogue's interactions, per user and deterministically: the same catalogue,
 * policy and seed always give the same split, whatever the row order of the input (the per-user random stream
 * is seeded from the seed and the user's id; the user's rows are taken in item order).
 *
 * <p>Users with few interactions, for both random and temporal splits:
 * <ul>
 *   <li>1 interaction: train.</li>
 *   <li>2 interactions: one train, one test (random: chosen by the shuffle; temporal: the latest is test).</li>
 *   <li>n ≥ 3: random: test = max(1, round(n / 10)), valid = max(1, round(n / 10)), the rest train (so n = 3 gives
 *   1/1/1 and n = 10 gives 8/1/1); temporal: the latest is test, the second latest valid, the rest train
 *   (ties in time broken by item id).</li>
 * </ul>
 */
public final class SplitAssigner {

    private SplitAssigner() {
    }

    /** What was done. */
    public record Outcome(String policy, long train, long valid, long test) {
    }

    /** Applies {@code policy} with {@code seed} to {@code catalogue}'s interactions (in place). */
    public static Outcome apply(Catalogue catalogue, SplitPolicy policy, long seed) {
        Interactions rows = catalogue.interactions();
        String label;
        if (policy == SplitPolicy.KEEP && rows.allSplit()) {
            label = "given";
        } else if (policy == SplitPolicy.TEMPORAL) {
            if (!rows.allTimestamps()) {
                throw new UserException("--split temporal needs a timestamp on every interaction; "
                        + catalogue.name() + " has interactions without one (use --split random)");
            }
            for (int u = 0; u < catalogue.users().size(); u++) {
                temporal(catalogue, rows, u);
            }
            label = "temporal leave-last-out";
        } else {
            for (int u = 0; u < catalogue.users().size(); u++) {
                random(rows, u, catalogue.users().get(u), seed);
            }
            label = "random 8:1:1 per user, seed " + seed;
        }
        long[] counts = rows.splitCounts();
        return new Outcome(label, counts[0], counts[1], counts[2]);
    }

    private static void random(Interactions rows, int user, String userId, long seed) {
        int from = rows.userStart(user);
        int n = rows.userStart(user + 1) - from;
        if (n == 0) {
            return;
        }
        int[] order = new int[n];
        for (int j = 0; j < n; j++) {
            order[j] = from + j;
        }
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + userId.hashCode());
        for (int j = n - 1; j > 0; j--) { // Fisher–Yates
            int k = random.nextInt(j + 1);
            int t = order[j];
            order[j] = order[k];
            order[k] = t;
        }
        int test;
        int valid;
        if (n == 1) {
            test = 0;
            valid = 0;
        } else if (n == 2) {
            test = 1;
            valid = 0;
        } else {
            test = Math.max(1, (int) Math.round(n / 10.0));
            valid = Math.max(1, (int) Math.round(n / 10.0));
        }
        for (int j = 0; j < n; j++) {
            Split split = j < test ? Split.TEST : j < test + valid ? Split.VALID : Split.TRAIN;
            rows.setSplit(order[j], split);
        }
    }

    private static void temporal(Catalogue catalogue, Interactions rows, int user) {
        int from = rows.userStart(user);
        int n = rows.userStart(user + 1) - from;
        if (n == 0) {
            return;
        }
        int last = -1;
        int secondLast = -1;
        for (int k = from; k < from + n; k++) {
            rows.setSplit(k, Split.TRAIN);
            if (last < 0 || later(catalogue, rows, k, last)) {
                secondLast = last;
                last = k;
            } else if (secondLast < 0 || later(catalogue, rows, k, secondLast)) {
                secondLast = k;
            }
        }
        if (n >= 2) {
            rows.setSplit(last, Split.TEST);
        }
        if (n >= 3) {
            rows.setSplit(secondLast, Split.VALID);
        }
    }

    private static boolean later(Catalogue catalogue, Interactions rows, int a, int b) {
        int byTime = Long.compare(rows.timestamp(a), rows.timestamp(b));
        if (byTime != 0) {
            return byTime > 0;
        }
        return catalogue.items().get(rows.item(a)).id().compareTo(catalogue.items().get(rows.item(b)).id()) > 0;
    }
}
