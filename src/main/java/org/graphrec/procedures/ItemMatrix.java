package org.graphrec.procedures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntPredicate;

/**
 * An immutable in-memory copy of one vector property of every {@code :Item} that has it: row {@code r} holds the
 * item's element id, its {@code id} and its vector (float32, as stored), plus the vector's Euclidean norm. Scans
 * for the best rows by dot product or cosine, ties by item id ascending.
 */
final class ItemMatrix {

    private final String property;
    private final int dimension;
    private final String[] elementIds;
    private final String[] itemIds;
    private final float[] values;
    private final double[] norms;
    private final Map<String, Integer> rowByElementId;
    private volatile RowMapping lastMapping;
    private final PrunedScan pruned;
    private final QuantizedScan quantized;
    private final ClusteredScan clustered;

    /** Rows × dimension of a scan from which it is split over two threads (below, the hand-off costs more). */
    static final long PARALLEL_TERMS = 1L << 21;

    private record RowMapping(ItemMatrix other, int[] rows) {
    }

    ItemMatrix(String property, int dimension, List<String> elementIds, List<String> itemIds, float[] values) {
        this(property, dimension, elementIds, itemIds, values,
                elementIds.size() >= Math.min(PrunedScan.MIN_ROWS, ClusteredScan.minRows()) ? CALIBRATED : null);
    }

    /** {@code pruneWidths} for a {@link PrunedScan} whose first-stage widths are calibrated on the data. */
    static final int[] CALIBRATED = {};

    /**
     * With {@code pruneWidths}, top-n requests go through a {@link PrunedScan} (same answers, fewer coordinates
     * read): {@link #CALIBRATED}, or {@code {dot, cosine}} first-stage widths (tests); null = always the full scan.
     */
    ItemMatrix(String property, int dimension, List<String> elementIds, List<String> itemIds, float[] values,
               int[] pruneWidths) {
        this.property = property;
        this.dimension = dimension;
        this.elementIds = elementIds.toArray(String[]::new);
        this.itemIds = itemIds.toArray(String[]::new);
        this.values = values;
        this.norms = new double[this.elementIds.length];
        this.rowByElementId = new HashMap<>(this.elementIds.length * 2);
        for (int r = 0; r < this.elementIds.length; r++) {
            double sum = 0;
            for (int j = 0; j < dimension; j++) {
                double v = values[r * dimension + j];
                sum += v * v;
            }
            norms[r] = Math.sqrt(sum);
            rowByElementId.put(this.elementIds[r], r);
        }
        this.pruned = pruneWidths == null || dimension == 0 ? null
                : pruneWidths.length == 0 ? PrunedScan.build(this, values)
                : PrunedScan.build(this, values, pruneWidths[0], pruneWidths[1]);
        boolean calibrated = pruneWidths != null && pruneWidths.length == 0;
        boolean cosineUnpruned = pruned == null || pruned.firstStageWidth(false) == 0;
        this.clustered = calibrated && cosineUnpruned && rows() >= ClusteredScan.minRows()
                ? ClusteredScan.build(this, values, QuantizedScan.maxLevels(dimension),
                        ClusteredScan.defaultLists(rows()), ClusteredScan.TARGET_RECALL, ClusteredScan.SEED) : null;
        this.quantized = clustered != null ? clustered.codes()
                : calibrated && (cosineUnpruned || pruned.firstStageWidth(true) == 0)
                ? QuantizedScan.build(this, values, QuantizedScan.maxLevels(dimension)) : null;
    }

    String property() {
        return property;
    }

    int rows() {
        return elementIds.length;
    }

    int dimension() {
        return dimension;
    }

    String elementId(int row) {
        return elementIds[row];
    }

    String itemId(int row) {
        return itemIds[row];
    }

    /** The row of an element id, or −1. */
    int row(String elementId) {
        Integer r = rowByElementId.get(elementId);
        return r == null ? -1 : r;
    }

    /** Approximate heap bytes of this copy. */
    long bytes() {
        return (long) values.length * Float.BYTES + (long) rows() * (Double.BYTES + 2 * 48 + 64)
                + (pruned == null ? 0 : pruned.bytes()) + (quantized == null ? 0 : quantized.bytes())
                + (clustered == null ? 0 : clustered.bytes());
    }

    /** Dot product of row {@code r} with {@code q}, summed in double. */
    double dot(int r, float[] q) {
        return dot(r, widen(q));
    }

    /**
     * Dot product of row {@code r} with {@code q} (the query already widened to double, so each term costs one
     * conversion), summed in eight independent double sums: a single running sum is bound by the latency of a
     * floating-point add, eight keep the pipeline full. Every caller goes through here, so a row scores the same
     * whether it was scanned or looked up.
     */
    private double dot(int r, double[] q) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        int base = r * dimension;
        int j = 0;
        for (; j + 7 < dimension; j += 8) {
            s0 += q[j] * values[base + j];
            s1 += q[j + 1] * values[base + j + 1];
            s2 += q[j + 2] * values[base + j + 2];
            s3 += q[j + 3] * values[base + j + 3];
            s4 += q[j + 4] * values[base + j + 4];
            s5 += q[j + 5] * values[base + j + 5];
            s6 += q[j + 6] * values[base + j + 6];
            s7 += q[j + 7] * values[base + j + 7];
        }
        for (; j < dimension; j++) {
            s0 += q[j] * values[base + j];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    static double[] widen(float[] q) {
        double[] out = new double[q.length];
        for (int j = 0; j < q.length; j++) {
            out[j] = q[j];
        }
        return out;
    }

    /**
     * {@link #dot} for every row of {@code rows} (null = all rows; NaN for a row of −1). A scan of at least
     * {@link #PARALLEL_TERMS} terms is split in two halves, the second on the common pool (one thread on two cores;
     * if it is busy, the caller runs that half itself when it joins): each value is computed the same way in either
     * half, so the result does not depend on the split.
     */
    private void dotAll(float[] query, double[] out, int[] rows, int count) {
        double[] q = widen(query);
        if ((long) count * dimension < PARALLEL_TERMS || Runtime.getRuntime().availableProcessors() < 2) {
            dotRange(q, out, rows, 0, count);
            return;
        }
        int half = count / 2;
        ForkJoinTask<?> second = ForkJoinPool.commonPool().submit(() -> dotRange(q, out, rows, half, count));
        dotRange(q, out, rows, 0, half);
        second.join();
    }

    private void dotRange(double[] q, double[] out, int[] rows, int from, int to) {
        for (int c = from; c < to; c++) {
            int r = rows == null ? c : rows[c];
            out[c] = r < 0 ? Double.NaN : dot(r, q);
        }
    }

    /**
     * {@link #dot} of each of {@code rows} with {@code query}, in order; NaN where a row is −1. Split over two
     * threads like a scan (search's personal scores touch every candidate's fused row).
     */
    double[] dots(float[] query, int[] rows) {
        double[] out = new double[rows.length];
        dotAll(query, out, rows, rows.length);
        return out;
    }

    /**
     * The rows of this matrix's items in {@code other} (−1 where an item has none), by element id; the last answer
     * is kept, since a search asks for the same pair (text vectors, published fused vectors) call after call.
     */
    int[] rowsIn(ItemMatrix other) {
        RowMapping last = lastMapping;
        if (last != null && last.other() == other) {
            return last.rows();
        }
        int[] rows = new int[rows()];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = other.row(elementIds[r]);
        }
        lastMapping = new RowMapping(other, rows);
        return rows;
    }

    /** Copies row {@code r}'s vector into {@code out}. */
    void copyRow(int r, float[] out) {
        System.arraycopy(values, r * dimension, out, 0, dimension);
    }

    /** The Euclidean norm of row {@code r}. */
    double norm(int r) {
        return norms[r];
    }

    /**
     * Row {@code r}'s score for a query already widened ({@code wide}) of norm {@code qNorm}: the dot product
     * ({@code dot}) or the cosine, computed exactly as {@link #scores} computes it.
     */
    double score(int r, double[] wide, double qNorm, boolean dot) {
        double s = dot(r, wide);
        if (dot) {
            return s;
        }
        double d = norms[r] * qNorm;
        return d == 0 ? 0 : s / d;
    }

    /** Cosine of row {@code r} with {@code q} (of norm {@code qNorm}); 0 when either vector is zero. */
    double cosine(int r, float[] q, double qNorm) {
        double d = norms[r] * qNorm;
        return d == 0 ? 0 : dot(r, q) / d;
    }

    /** Euclidean norm, summed in double. */
    static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        return Math.sqrt(sum);
    }

    /** A scored row. */
    record Hit(int row, double score) {
    }

    /**
     * The score of every row of {@code candidates} (null = all rows), in candidate order: the dot product with
     * {@code query} ({@code dot} true) or the cosine (0 when either vector is zero).
     */
    double[] scores(float[] query, boolean dot, int[] candidates) {
        double[] scores = new double[candidates == null ? rows() : candidates.length];
        scoresInto(query, dot, candidates, scores);
        return scores;
    }

    /** {@link #scores} into the first (candidate count) elements of {@code scores}. */
    private void scoresInto(float[] query, boolean dot, int[] candidates, double[] scores) {
        if (query.length != dimension) {
            throw new IllegalArgumentException(property + " has " + dimension + " dimensions, the query vector "
                    + query.length);
        }
        double qNorm = norm(query);
        int count = candidates == null ? rows() : candidates.length;
        dotAll(query, scores, candidates, count);
        if (!dot) {
            for (int c = 0; c < count; c++) {
                int r = candidates == null ? c : candidates[c];
                double d = norms[r] * qNorm;
                scores[c] = d == 0 ? 0 : scores[c] / d;
            }
        }
    }

    /**
     * A per-thread array of at least {@code size} doubles, kept between calls: a fresh array of every row's score
     * per request (2.4 MB at 300,000 items) made a large young generation hand out never-touched memory call
     * after call, and the page faults cost more than the scan (10M catalogue, G1 with a 16 GiB heap: recommend p50
     * 9.5–12.3 ms; with this, see docs/scale.md).
     */
    static double[] scratch(ThreadLocal<double[]> holder, int size) {
        double[] a = holder.get();
        if (a == null || a.length < size) {
            a = new double[Math.max(size, 1)];
            holder.set(a);
        }
        return a;
    }

    private static final ThreadLocal<double[]> SCAN_SCORES = new ThreadLocal<>();

    /**
     * The best {@code n} rows among {@code candidates} (null = all rows) that {@code keep} accepts, by {@code dot}
     * (true) or cosine, best first, ties by item id ascending; through the {@link PrunedScan} when this copy has
     * one whose calibration kept the metric, else over all rows through the {@link QuantizedScan} when it has one
     * (the same answer either way).
     */
    List<Hit> best(float[] query, int n, boolean dot, int[] candidates, IntPredicate keep) {
        if (query.length == dimension) {
            if (pruned != null && pruned.firstStageWidth(dot) > 0) {
                return pruned.best(query, n, dot, candidates, keep);
            }
            if (quantized != null && candidates == null) {
                return quantized.best(query, n, dot, keep);
            }
        }
        return bestByScan(query, n, dot, candidates, keep);
    }

    /**
     * The best {@code n} rows by cosine that {@code keep} accepts among the rows of the lists this copy's
     * {@link ClusteredScan} probes for {@code query} (exact scores, calibrated recall), or null where that route does
     * not answer: no such route (fewer than {@link ClusteredScan#minRows()} items, cosines served by the pruned scan,
     * calibration refused) or fewer than {@code n} admissible rows in the probed lists.
     */
    List<Hit> approximateBest(float[] query, int n, IntPredicate keep) {
        if (clustered == null || clustered.probes() == 0 || query.length != dimension) {
            return null;
        }
        List<Hit> hits = clustered.best(query, n, keep);
        return hits.size() >= n ? hits : null;
    }

    /**
     * The approximate route of cosine requests ({@link #approximateBest}),
     * or null (below {@link ClusteredScan#minRows()} rows, or when the pruned scan serves cosines).
     */
    ClusteredScan clusteredScan() {
        return clustered;
    }

    /** {@link #best} by scoring every candidate. */
    List<Hit> bestByScan(float[] query, int n, boolean dot, int[] candidates, IntPredicate keep) {
        int count = candidates == null ? rows() : candidates.length;
        double[] scores = scratch(SCAN_SCORES, count);
        scoresInto(query, dot, candidates, scores);
        return best(scores, count, n, candidates, keep);
    }

    /**
     * The {@link PrunedScan} top-n requests go through, or null (below {@link PrunedScan#MIN_ROWS} rows, or when its
     * calibration found that pruning pays for neither metric).
     */
    PrunedScan prunedScan() {
        return pruned;
    }

    /**
     * The {@link QuantizedScan} that serves the metrics the {@link PrunedScan} leaves to the full scan over all rows,
     * or null (below {@link PrunedScan#MIN_ROWS} rows, or when the pruned scan serves both).
     */
    QuantizedScan quantizedScan() {
        return quantized;
    }

    /**
     * The best {@code n} rows among {@code candidates} (null = all rows) by {@code scores} (one per candidate, in
     * candidate order) that {@code keep} accepts, best first, ties by item id ascending.
     */
    List<Hit> best(double[] scores, int n, int[] candidates, IntPredicate keep) {
        return best(scores, scores.length, n, candidates, keep);
    }

    private List<Hit> best(double[] scores, int count, int n, int[] candidates, IntPredicate keep) {
        // the root of the heap is the worst hit kept so far; a row is only boxed when it beats the root
        PriorityQueue<Hit> heap = new PriorityQueue<>(Math.max(1, n), (a, b) -> better(b, a));
        for (int c = 0; c < count; c++) {
            int r = candidates == null ? c : candidates[c];
            if (heap.size() == n && scores[c] < heap.peek().score() || !keep.test(r)) {
                continue;
            }
            Hit hit = new Hit(r, scores[c]);
            if (heap.size() < n) {
                heap.add(hit);
            } else if (better(hit, heap.peek()) < 0) {
                heap.poll();
                heap.add(hit);
            }
        }
        List<Hit> out = new ArrayList<>(heap);
        out.sort(this::better);
        return out;
    }

    /** Negative when {@code a} ranks before {@code b}: higher score, then lower item id. */
    private int better(Hit a, Hit b) {
        int c = Double.compare(b.score(), a.score());
        return c != 0 ? c : itemIds[a.row()].compareTo(itemIds[b.row()]);
    }

    @Override
    public String toString() {
        return "ItemMatrix[" + property + ", " + rows() + " × " + dimension + "]";
    }

    static float[] copy(float[] v) {
        return Arrays.copyOf(v, v.length);
    }
}
