package org.graphrec.core;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * The one top-k selection of graphrec. {@link #select} picks the {@code k} highest-scoring items of one score row,
 * skipping masked items: a bounded min-heap, O(n log k); ties are broken by the lower item index, NaN counts as −∞,
 * so the result is deterministic; {@link #selectRow} gives the same list for a dense row with at most one masked
 * item in one pass without allocation. {@link Accumulator} keeps the best {@code k} of a stream of candidates offered one
 * at a time (sparse rows: co-occurrence counts, group memberships), O(k) per accepted candidate.
 */
public final class TopK {

    private TopK() {
    }

    /**
     * The indices of the {@code k} best items of {@code scores[offset .. offset + n)} in descending score order,
     * excluding the sorted items in {@code mask[maskFrom..maskTo)}; fewer when fewer items remain.
     */
    public static int[] select(float[] scores, int offset, int n, int k, int[] mask, int maskFrom, int maskTo) {
        int[] heap = new int[Math.max(0, k)];
        int size = 0;
        float worst = Float.NEGATIVE_INFINITY;
        int m = maskFrom;
        for (int i = 0; i < n && k > 0; i++) {
            while (m < maskTo && mask[m] < i) {
                m++;
            }
            if (m < maskTo && mask[m] == i) {
                continue;
            }
            float s = scores[offset + i];
            if (size < k) {
                heap[size] = i;
                siftUp(scores, offset, heap, size++);
                if (size == k) {
                    worst = scores[offset + heap[0]];
                }
            } else if (!(s < worst) && better(s, i, scores[offset + heap[0]], heap[0])) {
                // fast path above: a score below the current k-th best can never enter
                heap[0] = i;
                siftDown(scores, offset, heap, 0, size);
                worst = scores[offset + heap[0]];
            }
        }
        int[] result = Arrays.copyOf(heap, size);
        // heap sort into descending order
        for (int end = size - 1; end > 0; end--) {
            int t = result[0];
            result[0] = result[end];
            result[end] = t;
            siftDown(scores, offset, result, 0, end);
        }
        return result;
    }

    /**
     * The same list as {@link #select} for one row of a dense block that masks at most one item: the {@code k} best
     * of {@code row[offset .. offset + n)} except item {@code skip} (−1: none), best first, ties to the lower index,
     * NaN as −∞. Written to {@code ids}/{@code scores} from {@code out} (scores are the row's values); returns how
     * many (fewer than {@code k} only when fewer items remain). One pass that rejects with one primitive compare
     * against the current k-th best (items come in increasing index, so an equal score never enters); no allocation.
     */
    public static int selectRow(FloatBuffer row, int offset, int n, int k, int skip, int[] ids, float[] scores,
                                int out) {
        int size = 0;
        int i = 0;
        for (; i < n && size < k; i++) {
            if (i != skip) {
                size = insertSorted(ids, scores, out, size, k, i, row.get(offset + i));
            }
        }
        if (size < k) {
            return size;
        }
        float worst = rankKey(scores[out + k - 1]);
        for (; i < n; i++) {
            float s = row.get(offset + i);
            if (s > worst && i != skip) {
                insertSorted(ids, scores, out, size, k, i, s);
                worst = rankKey(scores[out + k - 1]);
            }
        }
        return size;
    }

    /** NaN ranks as −∞. */
    private static float rankKey(float s) {
        return Float.isNaN(s) ? Float.NEGATIVE_INFINITY : s;
    }

    /** Inserts item {@code i} (above every kept index) behind the kept items it does not beat; returns the size. */
    private static int insertSorted(int[] ids, float[] scores, int out, int size, int k, int i, float s) {
        float key = rankKey(s);
        int pos = size < k ? size : k - 1;
        while (pos > 0 && key > rankKey(scores[out + pos - 1])) {
            ids[out + pos] = ids[out + pos - 1];
            scores[out + pos] = scores[out + pos - 1];
            pos--;
        }
        ids[out + pos] = i;
        scores[out + pos] = s;
        return Math.min(size + 1, k);
    }

    /** True when (s1, i1) ranks before (s2, i2): higher score, then lower index; NaN last. */
    public static boolean better(float s1, int i1, float s2, int i2) {
        if (Float.isNaN(s1)) {
            s1 = Float.NEGATIVE_INFINITY;
        }
        if (Float.isNaN(s2)) {
            s2 = Float.NEGATIVE_INFINITY;
        }
        return s1 > s2 || (s1 == s2 && i1 < i2);
    }

    // min-heap: the root is the worst kept item
    private static void siftUp(float[] s, int off, int[] heap, int pos) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (better(s[off + heap[parent]], heap[parent], s[off + heap[pos]], heap[pos])) {
                swap(heap, parent, pos);
                pos = parent;
            } else {
                return;
            }
        }
    }

    private static void swap(int[] heap, int i, int j) {
        int t = heap[i];
        heap[i] = heap[j];
        heap[j] = t;
    }

    private static void siftDown(float[] s, int off, int[] heap, int pos, int size) {
        while (true) {
            int l = 2 * pos + 1;
            if (l >= size) {
                return;
            }
            int worst = l;
            int r = l + 1;
            if (r < size && better(s[off + heap[l]], heap[l], s[off + heap[r]], heap[r])) {
                worst = r;
            }
            if (better(s[off + heap[pos]], heap[pos], s[off + heap[worst]], heap[worst])) {
                swap(heap, pos, worst);
                pos = worst;
            } else {
                return;
            }
        }
    }

    /**
     * Keeps the {@code k} largest scores offered, best first; among equal scores the one offered first stays ahead
     * (offer candidates in increasing id order for ties to the lower id). A NaN score enters only while fewer than
     * {@code k} are kept, at the end. Reusable: {@link #reset()} between rows. Not thread-safe.
     */
    public static final class Accumulator {

        private final int k;
        private final int[] ids;
        private final float[] scores;
        private int size;

        public Accumulator(int k) {
            this.k = Require.notNegative("k", k);
            this.ids = new int[k];
            this.scores = new float[k];
        }

        public void reset() {
            size = 0;
        }

        /** Offers one candidate. */
        public void offer(int id, float score) {
            if (k == 0 || size == k && !(score > scores[k - 1])) {
                return;
            }
            int pos = size < k ? size++ : k - 1;
            while (pos > 0 && score > scores[pos - 1]) {
                scores[pos] = scores[pos - 1];
                ids[pos] = ids[pos - 1];
                pos--;
            }
            scores[pos] = score;
            ids[pos] = id;
        }

        /** Number of candidates kept (at most k). */
        public int size() {
            return size;
        }

        /** The id at rank {@code r} (0 = best). */
        public int id(int r) {
            return ids[r];
        }

        /** The score at rank {@code r}. */
        public float score(int r) {
            return scores[r];
        }

        /** The kept ids, best first, into {@code out} at {@code offset}; returns how many. */
        public int copyIds(int[] out, int offset) {
            System.arraycopy(ids, 0, out, offset, size);
            return size;
        }
    }
}
