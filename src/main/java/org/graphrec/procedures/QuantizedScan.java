package org.graphrec.procedures;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * The exact top-n of an {@link ItemMatrix} by dot product or cosine from a 16-bit integer copy of its vectors.
 *
 * <p>Each row x is stored as integer codes c with a scale s (s = max|x|/L, c = round(x/s), |c| ≤ L) and the norm
 * of what that drops, e = ‖x − s·c‖; a query q is coded the same way (s_q, ĉ, e_q ≤ ε‖q‖ with ε = √d/(2L)). Since
 * q·x = s_q·s·(ĉ·c) + s_q·ĉ·(x − s·c) + (q − s_q·ĉ)·x and s_q‖ĉ‖ ≤ (1+ε)‖q‖, Cauchy–Schwarz bounds every row's
 * score by s_q·s·(ĉ·c) + ‖q‖·((1+ε)·e + ε‖x‖), and a cosine by that over ‖q‖‖x‖; the per-row parts are kept per
 * metric, rounded up. The integer products ĉ·c are exact and cheap: the codes are laid out block by block, two
 * coordinates per row side by side, so the scan is a run of 16-bit multiply-adds into 32-bit sums (a loop shape the
 * JIT turns into packed multiply-add instructions) over half the bytes of the float vectors. A request:
 * <ol>
 *   <li>bounds every row in turn and scores it exactly (by the full scan's arithmetic) only when it is admissible
 *   and its bound reaches θ, the n-th best exact score so far (−∞ until n rows are scored); a row skipped has a
 *   score below that θ, which only rises, so it is neither among the best n nor tied with them;</li>
 *   <li>ranks the scored rows that reach the final θ by the full scan's rule.</li>
 * </ol>
 * So the answer is {@link ItemMatrix#bestByScan}'s, row for row and score for score. With L = 5,792 at 64
 * dimensions the bound is within ~10⁻³·‖q‖‖x‖ of the score, so a few hundred rows are scored exactly whatever the
 * shape of the vectors: it serves the requests the {@link PrunedScan} leaves to the full scan (cosines of
 * near-isotropic vectors, where no few coordinates carry the score).
 *
 * <p>The codes may be laid out in any row order, with empty positions, and a request may scan a subset of the code
 * blocks: the {@link ClusteredScan}'s lists, whose answer is then the exact best of the rows in those blocks.
 */
final class QuantizedScan {

    /** Rows per block of the code layout. */
    static final int BLOCK = 256;
    /** Pieces a scan split over two threads is cut into (each thread takes the next one when it is done). */
    static final int CHUNKS = 16;
    /**
     * Rounding margin of a bound, relative to ‖q‖·‖x‖ (dot) or absolute (cosine): the bound is exact in real
     * arithmetic and its double evaluation, like the full scan's, is within ~10⁻¹⁵ relative.
     */
    static final double MARGIN = 1e-6;

    /**
     * Coded terms (positions × dimension) from which a scan is split over two threads: 2²³, ~1 ms on one thread here
     * (131,072 rows at 64 dimensions). Below it a split saves little and risks much: in the shell's JVM (G1, 10M
     * store) the inverted file's scans of 40,000–110,000 rows split in two measured p50 1.4 / 3.8 ms and p99 5.2 /
     * 8.3 ms (text / image), on one thread 1.0 / 2.3 and 1.8 / 3.6 ms — a helper thread descheduled in the middle of
     * its chunk holds the caller until it runs again (docs/scale.md, "Session 15").
     */
    static final long SPLIT_TERMS = 1L << 23;
    /** {@link #SPLIT_TERMS}; a field so the experiments can compare both ways in one process. */
    static volatile long splitTerms = SPLIT_TERMS;

    private final ItemMatrix matrix;
    /**
     * Position → matrix row, −1 for an empty position: the codes are laid out in this order (the identity, or a
     * {@link ClusteredScan}'s, whose lists start on block boundaries).
     */
    private final int[] order;
    /** Positions (matrix rows plus empty ones). */
    private final int rows;
    private final int dimension;
    private final int pairs;
    private final int levels;
    /** Per block of {@link #BLOCK} rows, per coordinate pair p: row after row, coordinates 2p and 2p+1. */
    private final short[] codes;
    /** Per row: s, then (1+ε)·e + (ε + margin)·‖x‖ rounded up — the dot-product bound's parts. */
    private final float[] dotParts;
    /** Per row: s/‖x‖, then the dot slack over ‖x‖ plus the margin, rounded up (0 and the margin for a zero row). */
    private final float[] cosineParts;

    private QuantizedScan(ItemMatrix matrix, float[] values, int levels, int[] order) {
        this.matrix = matrix;
        this.order = order;
        this.rows = order.length;
        this.dimension = matrix.dimension();
        this.pairs = (dimension + 1) / 2;
        this.levels = levels;
        int blocks = (rows + BLOCK - 1) / BLOCK;
        this.codes = new short[blocks * BLOCK * pairs * 2];
        this.dotParts = new float[2 * rows];
        this.cosineParts = new float[2 * rows];
        double epsilon = epsilon(dimension, levels);
        int[] code = new int[dimension];
        for (int r = 0; r < rows; r++) {
            if (order[r] < 0) {
                continue; // an empty position: codes 0, never admitted by a scan
            }
            int base = order[r] * dimension;
            double s = quantize(values, base, dimension, levels, code);
            double residual = 0;
            for (int j = 0; j < dimension; j++) {
                double drop = values[base + j] - s * code[j];
                residual += drop * drop;
                codes[codeIndex(r, j)] = (short) code[j];
            }
            double norm = matrix.norm(order[r]);
            double slack = (1 + epsilon) * Math.sqrt(residual) + (epsilon + MARGIN) * norm;
            dotParts[2 * r] = (float) s;
            dotParts[2 * r + 1] = Math.nextUp((float) slack);
            cosineParts[2 * r] = norm == 0 ? 0 : (float) (s / norm);
            cosineParts[2 * r + 1] = Math.nextUp((float) (norm == 0 ? MARGIN : slack / norm + MARGIN));
        }
    }

    /** ε = √d/(2L): a coded query drops at most ε‖q‖ (each coordinate at most half a step of max|q|/L). */
    static double epsilon(int dimension, int levels) {
        return Math.sqrt(dimension) / (2.0 * levels);
    }

    private int codeIndex(int r, int j) {
        return ((r / BLOCK) * pairs + j / 2) * 2 * BLOCK + 2 * (r % BLOCK) + j % 2;
    }

    /**
     * The largest code L for {@code dimension}: d·L² must fit a 32-bit sum (d rounded up to even), and L a short.
     * 5,792 at 64 dimensions, 1,448 at 1,024.
     */
    static int maxLevels(int dimension) {
        int padded = dimension + dimension % 2;
        return (int) Math.min(Short.MAX_VALUE, Math.floor(Math.sqrt(Integer.MAX_VALUE / (double) Math.max(1, padded))));
    }

    /**
     * The integer copy of {@code values} (row-major, rows × dimension) for {@code matrix} with codes up to
     * ±{@code levels} ({@link #maxLevels} in service; coarser in tests, so that the bound matters); null when a
     * value is not finite (no bound holds then) or the matrix has no dimensions.
     */
    static QuantizedScan build(ItemMatrix matrix, float[] values, int levels) {
        int[] identity = new int[matrix.rows()];
        Arrays.setAll(identity, r -> r);
        return build(matrix, values, levels, identity);
    }

    /**
     * {@link #build(ItemMatrix, float[], int)} with the codes laid out in {@code order} (position → row: every row
     * once, −1 for an empty position): a run of positions is then a run of blocks, which {@link #best(float[], int,
     * boolean, IntPredicate, int[])} can scan alone.
     */
    static QuantizedScan build(ItemMatrix matrix, float[] values, int levels, int[] order) {
        if (matrix.dimension() == 0 || levels < 1 || levels > maxLevels(matrix.dimension())) {
            return null;
        }
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return null;
            }
        }
        return new QuantizedScan(matrix, values, levels, order);
    }

    /**
     * Codes {@code length} values from {@code offset} into {@code code}: c = round(v/s) with s = max|v|/levels;
     * returns s (0 for a zero vector, whose codes are all 0).
     */
    static double quantize(float[] values, int offset, int length, int levels, int[] code) {
        double max = 0;
        for (int j = 0; j < length; j++) {
            max = Math.max(max, Math.abs(values[offset + j]));
        }
        double s = max / levels;
        for (int j = 0; j < length; j++) {
            code[j] = s == 0 ? 0 : (int) Math.max(-levels, Math.min(levels, Math.round(values[offset + j] / s)));
        }
        return s;
    }

    /** Approximate heap bytes of the copy. */
    long bytes() {
        return (long) codes.length * Short.BYTES + (long) (dotParts.length + cosineParts.length) * Float.BYTES
                + (long) order.length * Integer.BYTES;
    }

    /** The query's codes, each repeated for every row of a block. */
    private short[] repeatedCodes(float[] query, int[] code) {
        short[] repeated = new short[pairs * 2 * BLOCK];
        for (int j = 0; j < dimension; j++) {
            int at = (j / 2) * 2 * BLOCK + j % 2;
            for (int k = 0; k < BLOCK; k++) {
                repeated[at + 2 * k] = (short) code[j];
            }
        }
        return repeated;
    }

    /**
     * The best {@code n} of all rows that {@code keep} accepts, by dot product ({@code dot}) or cosine: exactly
     * {@link ItemMatrix#bestByScan}'s answer.
     */
    List<ItemMatrix.Hit> best(float[] query, int n, boolean dot, IntPredicate keep) {
        if (n < 1 || ItemMatrix.norm(query) == 0) {
            return matrix.bestByScan(query, n, dot, null, keep);
        }
        return matrix.bestByScan(query, n, dot, finalists(query, n, dot, keep, null), r -> true);
    }

    /**
     * The best {@code n} rows by dot product or cosine among the rows at the positions of {@code blocks} (block
     * numbers, ascending) that {@code keep} accepts: {@link ItemMatrix#bestByScan}'s answer over those rows.
     */
    List<ItemMatrix.Hit> best(float[] query, int n, boolean dot, IntPredicate keep, int[] blocks) {
        if (n < 1 || ItemMatrix.norm(query) == 0) {
            return matrix.bestByScan(query, n, dot, rowsOf(blocks), keep);
        }
        return matrix.bestByScan(query, n, dot, finalists(query, n, dot, keep, blocks), r -> true);
    }

    /** The matrix rows at the positions of {@code blocks}. */
    int[] rowsOf(int[] blocks) {
        int[] out = new int[blocks.length * BLOCK];
        int size = 0;
        for (int block : blocks) {
            for (int p = block * BLOCK; p < Math.min(rows, (block + 1) * BLOCK); p++) {
                if (order[p] >= 0) {
                    out[size++] = order[p];
                }
            }
        }
        return Arrays.copyOf(out, size);
    }

    /** The matrix row at code position {@code p}. */
    int row(int p) {
        return order[p];
    }

    /** How many rows a request scores exactly (those whose bound reached the running threshold). */
    int scoredRows(float[] query, int n, boolean dot) {
        return Arrays.stream(scan(query, n, dot, r -> true, null)).mapToInt(Scored::size).sum();
    }

    /**
     * The admissible rows whose exact score reaches the n-th best: the best n and their ties. Each thread's θ was at
     * most the final one (the n-th best of a subset of the scores), so a row it skipped scores below the final θ.
     */
    private int[] finalists(float[] query, int n, boolean dot, IntPredicate keep, int[] blocks) {
        Scored[] threads = scan(query, n, dot, keep, blocks);
        double[] best = Arrays.stream(threads).flatMapToDouble(t -> Arrays.stream(t.best())).sorted().toArray();
        double theta = best.length < n ? Double.NEGATIVE_INFINITY : best[best.length - n];
        int[] out = new int[Math.max(1, 2 * n)];
        int size = 0;
        for (Scored t : threads) {
            for (int c = 0; c < t.size(); c++) {
                if (t.score()[c] >= theta) {
                    if (size == out.length) {
                        out = Arrays.copyOf(out, 2 * size);
                    }
                    out[size++] = t.row()[c];
                }
            }
        }
        return Arrays.copyOf(out, size);
    }

    /** The scan of {@code blocks} (null = all), by one thread or split over two: what each thread scored. */
    private Scored[] scan(float[] query, int n, boolean dot, IntPredicate keep, int[] blocks) {
        int[] code = new int[dimension];
        double codeScale = quantize(query, 0, dimension, levels, code);
        short[] repeated = repeatedCodes(query, code);
        double qNorm = ItemMatrix.norm(query);
        double[] wide = ItemMatrix.widen(query);
        int count = blocks == null ? (rows + BLOCK - 1) / BLOCK : blocks.length;
        boolean split = (long) count * BLOCK * dimension >= splitTerms
                && Runtime.getRuntime().availableProcessors() >= 2;
        int chunkBlocks = split ? Math.max(1, count / CHUNKS) : Math.max(1, count);
        AtomicInteger next = new AtomicInteger();
        ForkJoinTask<Scored> helper = split ? ForkJoinPool.commonPool().submit(
                () -> scanChunks(next, chunkBlocks, blocks, repeated, codeScale, qNorm, wide, dot, n, keep)) : null;
        Scored mine = scanChunks(next, chunkBlocks, blocks, repeated, codeScale, qNorm, wide, dot, n, keep);
        return split ? new Scored[] {mine, helper.join()} : new Scored[] {mine};
    }

    /** The rows one thread scored exactly, with their scores, and the best n of those scores. */
    private record Scored(int[] row, double[] score, int size, double[] best) {
    }

    /**
     * Takes chunks of {@code chunkBlocks} blocks in turn from {@code next} until none is left, bounds their rows and
     * scores exactly those whose bound reaches this thread's running threshold. Two threads share the chunks
     * (rather than a half each), so when the helper starts late or is descheduled the caller takes more: it never
     * waits for more than the chunk in progress.
     */
    private Scored scanChunks(AtomicInteger next, int chunkBlocks, int[] blockList, short[] repeated,
                              double codeScale, double qNorm, double[] wide, boolean dot, int n, IntPredicate keep) {
        int[] sums = new int[BLOCK];
        float[] parts = dot ? dotParts : cosineParts;
        double factor = dot ? codeScale : codeScale / qNorm;
        double slackFactor = dot ? qNorm : 1;
        Running running = new Running(n);
        int blocks = blockList == null ? (rows + BLOCK - 1) / BLOCK : blockList.length;
        for (int chunk = next.getAndIncrement(); chunk * chunkBlocks < blocks; chunk = next.getAndIncrement()) {
            for (int b = chunk * chunkBlocks; b < Math.min(blocks, (chunk + 1) * chunkBlocks); b++) {
                int block = blockList == null ? b : blockList[b];
                Arrays.fill(sums, 0);
                int base = block * pairs * 2 * BLOCK;
                for (int p = 0; p < pairs; p++) {
                    multiplyAddPairs(sums, codes, base + p * 2 * BLOCK, repeated, p * 2 * BLOCK);
                }
                for (int p = block * BLOCK; p < Math.min(rows, (block + 1) * BLOCK); p++) {
                    if (bound(parts, p, factor, slackFactor, sums[p - block * BLOCK]) >= running.theta
                            && order[p] >= 0 && keep.test(order[p])) {
                        running.offer(order[p], matrix.score(order[p], wide, qNorm, dot));
                    }
                }
            }
        }
        return running.result();
    }

    /** One thread's exactly scored rows and the n best of their scores (a min-heap: its root is θ once full). */
    private static final class Running {
        final double[] heap;
        int heapSize;
        double theta = Double.NEGATIVE_INFINITY;
        int[] row = new int[64];
        double[] score = new double[64];
        int size;

        Running(int n) {
            heap = new double[n];
        }

        void offer(int r, double exact) {
            if (size == row.length) {
                row = Arrays.copyOf(row, 2 * size);
                score = Arrays.copyOf(score, 2 * size);
            }
            row[size] = r;
            score[size++] = exact;
            if (heapSize < heap.length) {
                heap[heapSize] = exact;
                siftUp(heap, heapSize++);
            } else if (exact > heap[0]) {
                heap[0] = exact;
                siftDown(heap, heapSize);
            }
            if (heapSize == heap.length) {
                theta = heap[0];
            }
        }

        Scored result() {
            return new Scored(row, score, size, Arrays.copyOf(heap, heapSize));
        }
    }

    /** Position {@code p}'s bound from its code product {@code sum} with the query (factors as in {@link #scanChunks}). */
    private static double bound(float[] parts, int p, double factor, double slackFactor, int sum) {
        return factor * parts[2 * p] * sum + slackFactor * parts[2 * p + 1];
    }

    /** Every row's bound for {@code query} (not zero), by row, as a request computes it: for tests of the bound. */
    double[] bounds(float[] query, boolean dot) {
        int[] code = new int[dimension];
        double codeScale = quantize(query, 0, dimension, levels, code);
        short[] repeated = repeatedCodes(query, code);
        double qNorm = ItemMatrix.norm(query);
        double[] out = new double[matrix.rows()];
        int[] sums = new int[BLOCK];
        for (int block = 0; block * BLOCK < rows; block++) {
            Arrays.fill(sums, 0);
            for (int p = 0; p < pairs; p++) {
                multiplyAddPairs(sums, codes, (block * pairs + p) * 2 * BLOCK, repeated, p * 2 * BLOCK);
            }
            for (int p = block * BLOCK; p < Math.min(rows, (block + 1) * BLOCK); p++) {
                if (order[p] < 0) {
                    continue;
                }
                out[order[p]] = bound(dot ? dotParts : cosineParts, p, dot ? codeScale : codeScale / qNorm,
                        dot ? qNorm : 1, sums[p - block * BLOCK]);
            }
        }
        return out;
    }

    /**
     * {@code sums[k] += codes[2k]·q[2k] + codes[2k+1]·q[2k+1]} over a block: 16-bit products summed in 32 bits,
     * the shape the JIT compiles to packed multiply-add (pmaddwd) instructions.
     */
    private static void multiplyAddPairs(int[] sums, short[] codes, int offset, short[] q, int qOffset) {
        for (int k = 0; k < BLOCK; k++) {
            sums[k] += codes[offset + 2 * k] * q[qOffset + 2 * k] + codes[offset + 2 * k + 1] * q[qOffset + 2 * k + 1];
        }
    }

    private static void siftUp(double[] heap, int at) {
        while (at > 0) {
            int parent = (at - 1) / 2;
            if (heap[parent] <= heap[at]) {
                return;
            }
            double t = heap[parent];
            heap[parent] = heap[at];
            heap[at] = t;
            at = parent;
        }
    }

    private static void siftDown(double[] heap, int size) {
        int at = 0;
        while (true) {
            int left = 2 * at + 1;
            int smallest = at;
            if (left < size && heap[left] < heap[smallest]) {
                smallest = left;
            }
            if (left + 1 < size && heap[left + 1] < heap[smallest]) {
                smallest = left + 1;
            }
            if (smallest == at) {
                return;
            }
            double t = heap[smallest];
            heap[smallest] = heap[at];
            heap[at] = t;
            at = smallest;
        }
    }
}
