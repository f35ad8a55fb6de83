package org.graphrec.core;

import java.util.Arrays;
import org.graphrec.progress.ProgressTracker;

/**
 * Top-k neighbours of items described by sets — users who interacted with them (item-based collaborative filtering,
 * Sarwar et al. 2001), or brands and categories — by the shrunk cosine of their sets,
 * {@code sim(i, j) = |M_i ∩ M_j| / (sqrt(|M_i| |M_j|) + shrink)} (shrink damps pairs seen only once; 0 = plain
 * cosine): the one co-occurrence kNN of graphrec (mode itemknn, the trained mode's item graphs). Ties go to the lower
 * item id; the result is the same for any thread count. Cost O(Σ_m |m|²) time, O(items · k) memory.
 */
public final class CooccurrenceKnn {

    /** What an item's row holds besides its neighbours. */
    public enum Self {
        /** The item is never its own neighbour; an item without members has an empty row. */
        EXCLUDED,
        /** The item is its own first neighbour (weight 1) when it has members; otherwise its row is empty. */
        INCLUDED,
        /** As INCLUDED, and an item without members keeps the self-loop alone. */
        ALWAYS
    }

    private final int k;
    private final double shrink;
    private final Self self;
    private final Parallel parallel;
    private final ProgressTracker progress;

    public CooccurrenceKnn(int k, double shrink, Self self, Parallel parallel, ProgressTracker progress) {
        this.k = Require.atLeast("k", k, 1);
        this.shrink = Require.notNegative("shrink", shrink);
        this.self = self;
        this.parallel = parallel;
        this.progress = progress;
    }

    /** Heap bytes for {@code items} items: the result plus one dense accumulator per thread. */
    public static long memoryEstimate(int items, int k, int threads) {
        return 8L * items * k + 8L * items * threads;
    }

    /**
     * The neighbour lists, rows in rank order (best first), weighted by the shrunk cosine (the self entry by 1).
     *
     * @param itemMembers items × members (e.g. items × users), rows sorted and unique
     * @param memberItems its transpose
     */
    public Csr compute(Csr itemMembers, Csr memberItems) {
        int n = itemMembers.rows();
        int[][] rows = new int[n][];
        float[][] sims = new float[n][];
        progress.begin("co-occurrence kNN (k=" + k + ", shrink=" + shrink + ")", n);
        try {
            int[] bounds = parallel.ranges(n);
            parallel.run(bounds.length - 1, part -> {
                float[] counts = new float[n];
                int[] touched = new int[n];
                TopK.Accumulator top = new TopK.Accumulator(Math.min(k, n));
                for (int i = bounds[part]; i < bounds[part + 1]; i++) {
                    neighbours(i, itemMembers, memberItems, counts, touched, top, rows, sims);
                    if ((i - bounds[part]) % 1024 == 1023) {
                        progress.advance(1024);
                    }
                }
            });
        } finally {
            progress.end();
        }
        int[] offsets = new int[n + 1];
        for (int i = 0; i < n; i++) {
            offsets[i + 1] = offsets[i] + rows[i].length;
        }
        int[] targets = new int[offsets[n]];
        float[] weights = new float[offsets[n]];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, targets, offsets[i], rows[i].length);
            System.arraycopy(sims[i], 0, weights, offsets[i], sims[i].length);
        }
        return new Csr(n, n, offsets, targets, weights);
    }

    private void neighbours(int i, Csr itemMembers, Csr memberItems, float[] counts, int[] touched,
                            TopK.Accumulator top, int[][] rows, float[][] sims) {
        int degI = itemMembers.degree(i);
        top.reset();
        if (degI == 0) {
            boolean loop = self == Self.ALWAYS;
            rows[i] = loop ? new int[] {i} : new int[0];
            sims[i] = loop ? new float[] {1f} : new float[0];
            return;
        }
        int[] io = itemMembers.offsets();
        int[] it = itemMembers.targets();
        int[] mo = memberItems.offsets();
        int[] mt = memberItems.targets();
        int nTouched = 0;
        for (int p = io[i]; p < io[i + 1]; p++) {
            int member = it[p];
            for (int q = mo[member]; q < mo[member + 1]; q++) {
                int j = mt[q];
                if (counts[j] == 0f) {
                    touched[nTouched++] = j;
                }
                counts[j] += 1f;
            }
        }
        Arrays.sort(touched, 0, nTouched);
        if (self != Self.EXCLUDED) {
            top.offer(i, Float.POSITIVE_INFINITY);
        }
        for (int t = 0; t < nTouched; t++) {
            int j = touched[t];
            if (j != i) {
                top.offer(j, (float) (counts[j] / (Math.sqrt((double) degI * itemMembers.degree(j)) + shrink)));
            }
            counts[j] = 0f;
        }
        rows[i] = new int[top.size()];
        sims[i] = new float[top.size()];
        for (int r = 0; r < top.size(); r++) {
            rows[i][r] = top.id(r);
            sims[i][r] = top.id(r) == i && self != Self.EXCLUDED ? 1f : top.score(r);
        }
    }
}
