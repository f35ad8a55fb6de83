package org.graphrec.procedures;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntPredicate;

/**
 * The exact top-n of an {@link ItemMatrix} by dot product or cosine that reads only a fraction of the vectors.
 *
 * <p>The vectors are stored a second time, rotated onto the principal directions of the rows (an orthonormal
 * rotation keeps every dot product), with the norm of each row's coordinates after every {@link #STAGE_WIDTH}
 * of them. The first coordinates of all rows (the head) are laid out block by block, coordinate-major, so the
 * first stage is a run of vectorisable multiply-adds over contiguous memory. A query scores every row on the
 * first stage, then:
 * <ol>
 *   <li>a threshold θ: the n-th best exact score among the rows that lead on the partial scores — a real score of n
 *   distinct admissible rows, so the true n-th best is at least θ;</li>
 *   <li>by Cauchy–Schwarz a row's score is at most its partial score plus ‖q_rest‖·‖x_rest‖; rows whose bound (with
 *   a rounding margin) is below θ are dropped, the others get the next {@link #STAGE_WIDTH} coordinates, θ is
 *   raised, and so on;</li>
 *   <li>the rows left are scored exactly, by the same arithmetic as the full scan, and ranked by the same rule.</li>
 * </ol>
 * So the answer is the full scan's, row for row and score for score. How much it skips depends on the data, so
 * {@link #build} measures it: on a few of the rows as queries it counts, per metric and first-stage width, how
 * many rows the first stage leaves, and keeps the cheapest width, or the full scan when even that width's estimated
 * cost exceeds {@link #MAX_COST} of the full scan's. On the 10M catalogue's fused embeddings (dot product, large scores on the first
 * principal directions) 8 coordinates leave a few dozen of 300,000 rows; near-isotropic vectors keep the full scan.
 */
final class PrunedScan {

    /** Coordinates per stage after the first. */
    static final int STAGE_WIDTH = 8;
    /** Rows per block of the head's coordinate-major layout. */
    static final int BLOCK = 256;
    /** The widest first stage tried. */
    static final int MAX_HEAD = 48;
    /** Rows from which {@link ItemMatrix} builds one (below it the full scan takes well under a millisecond). */
    static final int MIN_ROWS = 50_000;
    /** Largest dimension whose rotation is computed (Jacobi is O(d³) per sweep); above it the axes stay as stored. */
    static final int MAX_ROTATED_DIMENSION = 256;
    /** Rows sampled for the rotation's second-moment matrix. */
    static final int ROTATION_SAMPLE = 20_000;
    /** Queries (rows at a fixed stride) on which {@link #build} measures what pruning leaves. */
    static final int CALIBRATION_QUERIES = 16;
    /** Pruning is used for a metric when its estimated cost is at most this share of the full scan's. */
    static final double MAX_COST = 0.6;
    /**
     * Rounding margin of a bound, relative to ‖q‖·‖x‖ (dot) or absolute (cosine): the float copy and the float sums
     * of the first stage differ from the exact score by at most ~3e-6 relative, so 1e-4 never drops a row the full
     * scan would keep.
     */
    static final double MARGIN = 1e-4;

    /** Per-thread first-stage scores (see {@link ItemMatrix#scratch}). */
    private static final ThreadLocal<double[]> PARTIAL_SCORES = new ThreadLocal<>();

    private final ItemMatrix matrix;
    private final int rows;
    private final int dimension;
    private final double[] rotation;
    private final int headWidth;
    /** The first {@code headWidth} rotated coordinates: per block of {@link #BLOCK} rows, coordinate after coordinate. */
    private final float[] head;
    /** The remaining rotated coordinates, row after row (read only for the rows that survive the first stage). */
    private final float[] tail;
    /** Per stage, per row: the norm of the rotated coordinates after that stage's, rounded up. */
    private final float[][] restNorms;
    private final float[] norms;
    /** First-stage width for dot products and for cosines; 0 = the full scan. */
    private final int dotWidth;
    private final int cosineWidth;

    private PrunedScan(ItemMatrix matrix, double[] rotation, float[] rotated, int headWidth, float[][] restNorms,
                       float[] norms, int dotWidth, int cosineWidth) {
        this.matrix = matrix;
        this.rows = matrix.rows();
        this.dimension = matrix.dimension();
        this.rotation = rotation;
        this.headWidth = headWidth;
        this.restNorms = restNorms;
        this.norms = norms;
        this.dotWidth = dotWidth;
        this.cosineWidth = cosineWidth;
        int blocks = (rows + BLOCK - 1) / BLOCK;
        this.head = new float[blocks * BLOCK * headWidth];
        int tailWidth = dimension - headWidth;
        this.tail = new float[rows * tailWidth];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < headWidth; i++) {
                head[headIndex(r, i)] = rotated[r * dimension + i];
            }
            System.arraycopy(rotated, r * dimension + headWidth, tail, r * tailWidth, tailWidth);
        }
    }

    private int headIndex(int r, int i) {
        return (r / BLOCK) * BLOCK * headWidth + i * BLOCK + r % BLOCK;
    }

    private float coordinate(int r, int i) {
        return i < headWidth ? head[headIndex(r, i)] : tail[r * (dimension - headWidth) + i - headWidth];
    }

    /**
     * The staged, rotated copy of {@code values} (row-major, rows × dimension) for {@code matrix}, calibrated; null
     * when pruning pays for neither metric (then the copy would only cost memory).
     */
    static PrunedScan build(ItemMatrix matrix, float[] values) {
        PrunedScan scan = build(matrix, values, -1, -1);
        return scan.dotWidth == 0 && scan.cosineWidth == 0 ? null : scan;
    }

    /**
     * {@link #build(ItemMatrix, float[])} with the first-stage widths set ({@code dotWidth}, {@code cosineWidth}:
     * multiples of {@link #STAGE_WIDTH} up to {@link #MAX_HEAD}, 0 = full scan) instead of calibrated; −1 each to
     * calibrate. For tests.
     */
    static PrunedScan build(ItemMatrix matrix, float[] values, int dotWidth, int cosineWidth) {
        int rows = matrix.rows();
        int d = matrix.dimension();
        double[] rotation = d <= MAX_ROTATED_DIMENSION ? principalAxes(values, rows, d) : identity(d);
        int stageCount = (d + STAGE_WIDTH - 1) / STAGE_WIDTH;
        float[] rotated = new float[rows * d];
        float[][] rest = new float[stageCount][rows];
        float[] norms = new float[rows];
        double[] row = new double[d];
        for (int r = 0; r < rows; r++) {
            int base = r * d;
            for (int i = 0; i < d; i++) {
                double sum = 0;
                for (int j = 0; j < d; j++) {
                    sum += rotation[i * d + j] * values[base + j];
                }
                row[i] = sum;
                rotated[base + i] = (float) sum;
            }
            double after = 0;
            for (int s = stageCount - 1; s >= 0; s--) {
                // rounded up, so a bound built from it is never below the true one
                rest[s][r] = Math.nextUp((float) Math.sqrt(after));
                for (int i = s * STAGE_WIDTH; i < Math.min(d, (s + 1) * STAGE_WIDTH); i++) {
                    after += row[i] * row[i];
                }
            }
            norms[r] = Math.nextUp((float) matrix.norm(r));
        }
        int widest = Math.min(d, MAX_HEAD);
        int dot = dotWidth;
        int cosine = cosineWidth;
        if (dot < 0 || cosine < 0) {
            PrunedScan trial = new PrunedScan(matrix, rotation, rotated, widest, rest, norms, 0, 0);
            dot = trial.calibrate(true);
            cosine = trial.calibrate(false);
        }
        int width = Math.max(Math.max(dot, cosine), Math.min(d, STAGE_WIDTH));
        return new PrunedScan(matrix, rotation, rotated, width, rest, norms, dot, cosine);
    }

    /**
     * The first-stage width with the lowest estimated cost for a metric, or 0 when even that costs more than
     * {@link #MAX_COST} of the full scan. Cost per query in coordinates read: the width for every row, plus
     * (one bound each) 2, plus every survivor's remaining coordinates read one row at a time (4 each).
     */
    private int calibrate(boolean dot) {
        int step = Math.max(1, rows / CALIBRATION_QUERIES);
        float[][] queries = new float[Math.min(rows, CALIBRATION_QUERIES)][dimension];
        for (int c = 0; c < queries.length; c++) {
            matrix.copyRow(c * step, queries[c]);
        }
        int best = 0;
        double bestCost = MAX_COST * dimension;
        for (int width = Math.min(STAGE_WIDTH, dimension); width <= headWidth; width += STAGE_WIDTH) {
            long survivors = 0;
            for (float[] q : queries) {
                survivors += firstStage(q, 18, dot, width, null, r -> true).alive().length;
            }
            double share = survivors / (double) rows / queries.length;
            double cost = width + 2 + 4 * share * (dimension - width);
            if (cost < bestCost) {
                bestCost = cost;
                best = width;
            }
        }
        return best;
    }

    /** The first-stage width for dot products ({@code dot}) or cosines; 0 when that metric keeps the full scan. */
    int firstStageWidth(boolean dot) {
        return dot ? dotWidth : cosineWidth;
    }

    /** How many rows a request leaves after the first stage (the rows read further). */
    int firstStageSurvivors(float[] query, int n, boolean dot) {
        return firstStage(query, n, dot, Math.max(firstStageWidth(dot), Math.min(dimension, STAGE_WIDTH)), null,
                r -> true).alive().length;
    }

    /** Approximate heap bytes of the staged copy. */
    long bytes() {
        long sum = (long) rotation.length * Double.BYTES + (long) (head.length + tail.length + norms.length)
                * Float.BYTES;
        for (float[] r : restNorms) {
            sum += (long) r.length * Float.BYTES;
        }
        return sum;
    }

    /** A query, rotated, with its stage bounds, and the rows left after the first stage with their partial scores. */
    private record Stage(double[] wide, double qNorm, double[] q, double[] qRest, int[] alive, double[] partial,
                         double theta) {
    }

    /**
     * The best {@code n} rows among {@code candidates} (null = all rows) that {@code keep} accepts, by dot product
     * ({@code dot}) or cosine: exactly {@link ItemMatrix#bestByScan}'s answer.
     */
    List<ItemMatrix.Hit> best(float[] query, int n, boolean dot, int[] candidates, IntPredicate keep) {
        int width = firstStageWidth(dot);
        if (width == 0) {
            return matrix.bestByScan(query, n, dot, candidates, keep);
        }
        Stage first = firstStage(query, n, dot, width, candidates, keep);
        int[] alive = first.alive();
        double[] partial = first.partial();
        double theta = first.theta();
        for (int s = width / STAGE_WIDTH; s < restNorms.length && alive.length > n; s++) {
            int from = s * STAGE_WIDTH;
            int to = Math.min(dimension, from + STAGE_WIDTH);
            for (int a = 0; a < alive.length; a++) {
                double sum = 0;
                for (int i = from; i < to; i++) {
                    sum += first.q()[i] * coordinate(alive[a], i);
                }
                partial[a] += sum;
            }
            theta = Math.max(theta, threshold(alive, partial, alive.length, n, dot, first.wide(), first.qNorm()));
            int kept = 0;
            float[] rest = restNorms[s];
            for (int a = 0; a < alive.length; a++) {
                int r = alive[a];
                if (bound(partial[a] + first.qRest()[s] * rest[r], r, dot, first.qNorm()) >= theta) {
                    alive[kept] = r;
                    partial[kept] = partial[a];
                    kept++;
                }
            }
            alive = Arrays.copyOf(alive, kept);
        }
        return matrix.bestByScan(query, n, dot, alive, r -> true);
    }

    /**
     * Scores {@code candidates} (null = all rows) on the first {@code width} coordinates and keeps the admissible
     * rows whose bound reaches the threshold, in row order. Both passes are split over two threads when big.
     */
    private Stage firstStage(float[] query, int n, boolean dot, int width, int[] candidates, IntPredicate keep) {
        double[] wide = ItemMatrix.widen(query);
        double qNorm = ItemMatrix.norm(query);
        double[] q = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            double sum = 0;
            for (int j = 0; j < dimension; j++) {
                sum += rotation[i * dimension + j] * wide[j];
            }
            q[i] = sum;
        }
        double[] qRest = new double[restNorms.length];
        double after = 0;
        for (int s = restNorms.length - 1; s >= 0; s--) {
            qRest[s] = Math.sqrt(after) * (1 + MARGIN);
            for (int i = s * STAGE_WIDTH; i < Math.min(dimension, (s + 1) * STAGE_WIDTH); i++) {
                after += q[i] * q[i];
            }
        }
        double firstRest = qRest[(width + STAGE_WIDTH - 1) / STAGE_WIDTH - 1];
        float[] rest = restNorms[(width + STAGE_WIDTH - 1) / STAGE_WIDTH - 1];
        int count = candidates == null ? rows : candidates.length;
        double[] partial = ItemMatrix.scratch(PARTIAL_SCORES, count);
        int pool = Math.min(count, 4 * n);
        // split at a block boundary, so each half reads whole blocks
        boolean split = (long) count * width >= ItemMatrix.PARALLEL_TERMS
                && Runtime.getRuntime().availableProcessors() >= 2;
        int half = split ? (count / 2 / BLOCK) * BLOCK : count;
        ForkJoinTask<Leaders> secondLeaders = split ? ForkJoinPool.commonPool().submit(
                () -> scoreHead(q, width, candidates, partial, half, count, pool, dot, qNorm, keep)) : null;
        Leaders leaders = scoreHead(q, width, candidates, partial, 0, half, pool, dot, qNorm, keep);
        double theta = threshold(leaders, split ? secondLeaders.join() : null, n, dot, wide, qNorm);
        ForkJoinTask<Survivors> secondSurvivors = split ? ForkJoinPool.commonPool().submit(
                () -> survivors(candidates, partial, half, count, theta, firstRest, rest, dot, qNorm, keep)) : null;
        Survivors first = survivors(candidates, partial, 0, half, theta, firstRest, rest, dot, qNorm, keep);
        if (split) {
            first = first.then(secondSurvivors.join());
        }
        return new Stage(wide, qNorm, q, qRest, first.rows(), first.partial(), theta);
    }

    /** Admissible rows of a scan range with the best approximate scores: a min-heap on {@code score}. */
    private record Leaders(double[] score, int[] row, int size) {
    }

    /** Rows that passed a bound, in row order, with their partial scores. */
    private record Survivors(int[] rows, double[] partial) {
        Survivors then(Survivors next) {
            int[] r = Arrays.copyOf(rows, rows.length + next.rows.length);
            System.arraycopy(next.rows, 0, r, rows.length, next.rows.length);
            double[] p = Arrays.copyOf(partial, partial.length + next.partial.length);
            System.arraycopy(next.partial, 0, p, partial.length, next.partial.length);
            return new Survivors(r, p);
        }
    }

    /**
     * The partial score on the first {@code width} coordinates of candidates {@code [from, to)} (all rows: block by
     * block; a candidate list: row by row), and the {@code pool} admissible ones with the best approximate scores.
     */
    private Leaders scoreHead(double[] q, int width, int[] candidates, double[] partial, int from, int to, int pool,
                              boolean dot, double qNorm, IntPredicate keep) {
        if (candidates == null) {
            float[] qf = new float[width];
            for (int i = 0; i < width; i++) {
                qf[i] = (float) q[i];
            }
            float[] sums = new float[BLOCK];
            for (int block = from / BLOCK; block * BLOCK < to; block++) {
                int base = block * BLOCK * headWidth;
                Arrays.fill(sums, 0f);
                for (int i = 0; i < width; i++) {
                    multiplyAdd(sums, head, base + i * BLOCK, qf[i]);
                }
                int end = Math.min(to, (block + 1) * BLOCK);
                for (int r = block * BLOCK; r < end; r++) {
                    partial[r] = sums[r - block * BLOCK];
                }
            }
        } else {
            for (int c = from; c < to; c++) {
                int r = candidates[c];
                double sum = 0;
                for (int i = 0; i < width; i++) {
                    sum += q[i] * head[headIndex(r, i)];
                }
                partial[c] = sum;
            }
        }
        double[] heapScore = new double[pool];
        int[] heapRow = new int[pool];
        int size = 0;
        for (int c = from; c < to; c++) {
            int r = candidates == null ? c : candidates[c];
            double approx = dot ? partial[c] : cosine(partial[c], r, qNorm);
            if (size == pool && approx <= heapScore[0] || !keep.test(r)) {
                continue;
            }
            if (size < pool) {
                heapScore[size] = approx;
                heapRow[size] = r;
                siftUp(heapScore, heapRow, size++);
            } else {
                heapScore[0] = approx;
                heapRow[0] = r;
                siftDown(heapScore, heapRow, size);
            }
        }
        return new Leaders(heapScore, heapRow, size);
    }

    /** {@code sums[k] += factor · values[offset + k]} over a block: a loop shape the JIT can vectorise. */
    private static void multiplyAdd(float[] sums, float[] values, int offset, float factor) {
        for (int k = 0; k < BLOCK; k++) {
            sums[k] += factor * values[offset + k];
        }
    }

    /** The admissible candidates of {@code [from, to)} whose first-stage bound reaches {@code theta}. */
    private Survivors survivors(int[] candidates, double[] partial, int from, int to, double theta, double qRest,
                                float[] rest, boolean dot, double qNorm, IntPredicate keep) {
        int[] alive = new int[Math.max(1, Math.min(to - from, 1024))];
        double[] kept = new double[alive.length];
        int size = 0;
        for (int c = from; c < to; c++) {
            int r = candidates == null ? c : candidates[c];
            if (bound(partial[c] + qRest * rest[r], r, dot, qNorm) >= theta && keep.test(r)) {
                if (size == alive.length) {
                    alive = Arrays.copyOf(alive, 2 * size);
                    kept = Arrays.copyOf(kept, 2 * size);
                }
                alive[size] = r;
                kept[size++] = partial[c];
            }
        }
        return new Survivors(Arrays.copyOf(alive, size), Arrays.copyOf(kept, size));
    }

    /** The bound in score units (dot or cosine) of a row whose rotated dot product is at most {@code dotBound}. */
    private double bound(double dotBound, int r, boolean dot, double qNorm) {
        double scale = norms[r] * qNorm;
        if (dot) {
            return dotBound + MARGIN * scale;
        }
        return scale == 0 ? MARGIN : dotBound / scale + MARGIN;
    }

    /**
     * The n-th best exact score among the leaders (of one or two scan ranges), or −∞ when there are fewer than n:
     * a score that n distinct admissible rows reach, so no lower than the true n-th best.
     */
    private double threshold(Leaders a, Leaders b, int n, boolean dot, double[] wide, double qNorm) {
        int total = a.size() + (b == null ? 0 : b.size());
        if (total < n) {
            return Double.NEGATIVE_INFINITY;
        }
        double[] exact = new double[total];
        for (int h = 0; h < a.size(); h++) {
            exact[h] = matrix.score(a.row()[h], wide, qNorm, dot);
        }
        for (int h = 0; b != null && h < b.size(); h++) {
            exact[a.size() + h] = matrix.score(b.row()[h], wide, qNorm, dot);
        }
        Arrays.sort(exact);
        return exact[total - n];
    }

    /**
     * {@link #threshold(Leaders, Leaders, int, boolean, double[], double)} over the survivors of a later stage
     * (all admissible), by their partial scores.
     */
    private double threshold(int[] alive, double[] partial, int count, int n, boolean dot, double[] wide,
                             double qNorm) {
        int pool = Math.min(count, 4 * n);
        double[] heapScore = new double[pool];
        int[] heapRow = new int[pool];
        int size = 0;
        for (int c = 0; c < count; c++) {
            double approx = dot ? partial[c] : cosine(partial[c], alive[c], qNorm);
            if (size < pool) {
                heapScore[size] = approx;
                heapRow[size] = alive[c];
                siftUp(heapScore, heapRow, size++);
            } else if (approx > heapScore[0]) {
                heapScore[0] = approx;
                heapRow[0] = alive[c];
                siftDown(heapScore, heapRow, size);
            }
        }
        return threshold(new Leaders(heapScore, heapRow, size), null, n, dot, wide, qNorm);
    }

    private double cosine(double partialDot, int r, double qNorm) {
        double scale = norms[r] * qNorm;
        return scale == 0 ? 0 : partialDot / scale;
    }

    private static void siftUp(double[] score, int[] index, int at) {
        while (at > 0) {
            int parent = (at - 1) / 2;
            if (score[parent] <= score[at]) {
                return;
            }
            swap(score, index, parent, at);
            at = parent;
        }
    }

    private static void siftDown(double[] score, int[] index, int size) {
        int at = 0;
        while (true) {
            int left = 2 * at + 1;
            int smallest = at;
            if (left < size && score[left] < score[smallest]) {
                smallest = left;
            }
            if (left + 1 < size && score[left + 1] < score[smallest]) {
                smallest = left + 1;
            }
            if (smallest == at) {
                return;
            }
            swap(score, index, smallest, at);
            at = smallest;
        }
    }

    private static void swap(double[] score, int[] index, int a, int b) {
        double s = score[a];
        score[a] = score[b];
        score[b] = s;
        int i = index[a];
        index[a] = index[b];
        index[b] = i;
    }

    /**
     * The eigenvectors of the rows' second-moment matrix (a deterministic sample of at most
     * {@link #ROTATION_SAMPLE} rows), by decreasing eigenvalue, as the rows of a d × d rotation (cyclic Jacobi; the
     * same method as {@code core.DenseMath.jacobi}, which the plugin cannot use: it ships with JDK and Neo4j only).
     * Any orthonormal rotation gives exact answers; a good one only makes the first stage rule out more rows.
     */
    static double[] principalAxes(float[] values, int rows, int d) {
        double[] a = new double[d * d];
        int step = Math.max(1, rows / ROTATION_SAMPLE);
        for (int r = 0; r < rows; r += step) {
            int base = r * d;
            for (int i = 0; i < d; i++) {
                double vi = values[base + i];
                for (int j = i; j < d; j++) {
                    a[i * d + j] += vi * values[base + j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                a[i * d + j] = a[j * d + i];
            }
        }
        double[] v = identity(d);
        for (int sweep = 0; sweep < 50; sweep++) {
            double off = 0;
            double diagonal = 0;
            for (int i = 0; i < d; i++) {
                diagonal += a[i * d + i] * a[i * d + i];
                for (int j = i + 1; j < d; j++) {
                    off += a[i * d + j] * a[i * d + j];
                }
            }
            if (off <= 1e-24 * diagonal) {
                break;
            }
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    double apq = a[p * d + q];
                    if (apq == 0) {
                        continue;
                    }
                    double theta = (a[q * d + q] - a[p * d + p]) / (2 * apq);
                    double t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double c = 1 / Math.sqrt(t * t + 1);
                    double sn = t * c;
                    for (int k = 0; k < d; k++) {
                        double akp = a[k * d + p];
                        double akq = a[k * d + q];
                        a[k * d + p] = c * akp - sn * akq;
                        a[k * d + q] = sn * akp + c * akq;
                    }
                    for (int k = 0; k < d; k++) {
                        double apk = a[p * d + k];
                        double aqk = a[q * d + k];
                        a[p * d + k] = c * apk - sn * aqk;
                        a[q * d + k] = sn * apk + c * aqk;
                    }
                    for (int k = 0; k < d; k++) {
                        double vkp = v[k * d + p];
                        double vkq = v[k * d + q];
                        v[k * d + p] = c * vkp - sn * vkq;
                        v[k * d + q] = sn * vkp + c * vkq;
                    }
                }
            }
        }
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        double[] eigen = a;
        Arrays.sort(order, (x, y) -> Double.compare(eigen[y * d + y], eigen[x * d + x]));
        double[] axes = new double[d * d];
        for (int row = 0; row < d; row++) {
            for (int k = 0; k < d; k++) {
                axes[row * d + k] = v[k * d + order[row]];
            }
        }
        return axes;
    }

    private static double[] identity(int d) {
        double[] m = new double[d * d];
        for (int i = 0; i < d; i++) {
            m[i * d + i] = 1;
        }
        return m;
    }
}
