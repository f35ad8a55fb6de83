package org.graphrec.procedures;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * The approximate route for cosine top-n requests on large catalogues: an inverted file over the
 * {@link QuantizedScan}'s codes, calibrated on the catalogue itself.
 *
 * <p>Built once per cached copy: spherical k-means (√rows lists, {@link #ITERATIONS} rounds on a seeded sample of
 * {@link #SAMPLE_PER_LIST} rows per list, then every row assigned to its nearest centroid by cosine) orders the rows
 * list by list, and the codes are laid out in that order, each list from a block boundary (its last block padded
 * with empty positions), so a list is a run of whole code blocks. A request ranks the
 * centroids by their dot product with the query and scans the blocks of the best {@code probes} lists with the
 * coded scan's exact arithmetic: the answer is the exact best n of the rows it scans, ties by item id; an item of the
 * true top n is missed only when its list was not probed.
 *
 * <p>{@code probes} is calibrated when the copy is built: {@link #CALIBRATION_QUERIES} seeded items ask for their
 * {@link #CALIBRATION_K} nearest items exactly, and the smallest number of probed lists whose mean recall on them
 * reaches {@link #TARGET_RECALL} is kept. When that would scan more positions than {@link #MAX_SCANNED} of the rows
 * the route is refused ({@link #probes()} 0) and requests stay exact.
 */
final class ClusteredScan {

    /** System property: the fewest rows for which a copy builds this route (default {@link #DEFAULT_MIN_ROWS}). */
    static final String MIN_ROWS_PROPERTY = "graphrec.similar.approximateFrom";
    /** Below this many items the exact coded scan answers within 2–3 ms here (docs/scale.md "Session 15"). */
    static final int DEFAULT_MIN_ROWS = 200_000;
    /** Mean recall@{@link #CALIBRATION_K} the calibration asks of the probed lists. */
    static final double TARGET_RECALL = 0.97;
    static final int CALIBRATION_QUERIES = 200;
    static final int CALIBRATION_K = 10;
    /** Above this share of rows scanned, the exact scan is kept. */
    static final double MAX_SCANNED = 0.5;
    static final int ITERATIONS = 10;
    static final int SAMPLE_PER_LIST = 64;
    static final long SEED = 15;

    private final QuantizedScan codes;
    private final int lists;
    private final int dimension;
    private final int rows;
    /** lists × dimension, each centroid of unit length (or zero). */
    private final float[] centroids;
    /** Code positions of list l: listStart[l] to listStart[l + 1], block-aligned (the tail of a list is empty). */
    private final int[] listStart;
    private final int probes;
    private final double calibratedRecall;
    private final double scannedShare;

    private ClusteredScan(QuantizedScan codes, int rows, int dimension, float[] centroids, int[] listStart,
                          int probes, double calibratedRecall, double scannedShare) {
        this.codes = codes;
        this.rows = rows;
        this.dimension = dimension;
        this.lists = listStart.length - 1;
        this.centroids = centroids;
        this.listStart = listStart;
        this.probes = probes;
        this.calibratedRecall = calibratedRecall;
        this.scannedShare = scannedShare;
    }

    /** √rows lists (at least one): a request's cost is the centroids plus the probed lists, balanced at √rows. */
    static int defaultLists(int rows) {
        return Math.max(1, Math.min(rows, (int) Math.round(Math.sqrt(rows))));
    }

    /** The fewest rows for this route: {@link #MIN_ROWS_PROPERTY}, else {@link #DEFAULT_MIN_ROWS}. */
    static int minRows() {
        return Integer.getInteger(MIN_ROWS_PROPERTY, DEFAULT_MIN_ROWS);
    }

    /**
     * Clusters {@code values} (row-major, the matrix's rows), lays the codes out list by list with up to
     * ±{@code levels} into {@code lists} lists ({@link #defaultLists}) and calibrates the probes for {@code target}
     * recall; null when the codes cannot be built (a value that is not finite, no dimensions).
     */
    static ClusteredScan build(ItemMatrix matrix, float[] values, int levels, int lists, double target, long seed) {
        int rows = matrix.rows();
        int d = matrix.dimension();
        if (rows == 0 || d == 0 || lists < 1 || lists > rows) {
            return null;
        }
        Random random = new Random(seed);
        int[] sample = sample(rows, Math.min(rows, SAMPLE_PER_LIST * lists), random);
        float[] centroids = seeds(matrix, values, sample, lists, random);
        for (int round = 0; round < ITERATIONS; round++) {
            float[] current = centroids;
            int[] nearest = IntStream.range(0, sample.length).parallel()
                    .map(i -> nearest(values, sample[i] * d, current, lists, d)).toArray();
            double[] sums = new double[lists * d];
            int[] counts = new int[lists];
            for (int i = 0; i < sample.length; i++) {
                int r = sample[i];
                double norm = matrix.norm(r);
                if (norm == 0) {
                    continue;
                }
                counts[nearest[i]]++;
                for (int j = 0; j < d; j++) {
                    sums[nearest[i] * d + j] += values[r * d + j] / norm;
                }
            }
            float[] next = new float[lists * d];
            for (int c = 0; c < lists; c++) {
                if (counts[c] == 0) {
                    // an empty list restarts from a sample row, chosen by the round so it is not the same each time
                    int r = sample[(int) ((c * 7919L + round) % sample.length)];
                    setUnit(next, c, d, values, r * d, matrix.norm(r));
                } else {
                    double norm = 0;
                    for (int j = 0; j < d; j++) {
                        norm += sums[c * d + j] * sums[c * d + j];
                    }
                    norm = Math.sqrt(norm);
                    for (int j = 0; j < d; j++) {
                        next[c * d + j] = norm == 0 ? 0 : (float) (sums[c * d + j] / norm);
                    }
                }
            }
            centroids = next;
        }
        float[] finalCentroids = centroids;
        int[] listOf = IntStream.range(0, rows).parallel()
                .map(r -> nearest(values, r * d, finalCentroids, lists, d)).toArray();
        int[] sizes = new int[lists];
        for (int l : listOf) {
            sizes[l]++;
        }
        // each list starts on a block boundary, so probing it scans its own rows and no others
        int[] listStart = new int[lists + 1];
        int[] fill = new int[lists];
        int position = 0;
        for (int l = 0; l < lists; l++) {
            listStart[l] = position;
            fill[l] = position;
            position += (sizes[l] + QuantizedScan.BLOCK - 1) / QuantizedScan.BLOCK * QuantizedScan.BLOCK;
        }
        listStart[lists] = position;
        int[] order = new int[position];
        Arrays.fill(order, -1);
        for (int r = 0; r < rows; r++) {
            order[fill[listOf[r]]++] = r;
        }
        QuantizedScan codes = QuantizedScan.build(matrix, values, levels, order);
        if (codes == null) {
            return null;
        }
        ClusteredScan uncalibrated = new ClusteredScan(codes, rows, d, finalCentroids, listStart, lists, 1, 1);
        return uncalibrated.calibrated(matrix, listOf, target, random);
    }

    /** This copy with {@code probes} chosen on seeded items of {@code matrix} for {@code target} recall. */
    private ClusteredScan calibrated(ItemMatrix matrix, int[] listOf, double target, Random random) {
        int[] queries = sample(rows, Math.min(rows, CALIBRATION_QUERIES), random);
        double[] foundAtRank = new double[lists];
        int counted = 0;
        float[] query = new float[dimension];
        int[][] rankings = new int[queries.length][];
        for (int i = 0; i < queries.length; i++) {
            int self = queries[i];
            matrix.copyRow(self, query);
            if (matrix.norm(self) == 0) {
                continue;
            }
            List<ItemMatrix.Hit> exact = codes.best(query, CALIBRATION_K, false, r -> r != self);
            if (exact.isEmpty()) {
                continue;
            }
            int[] ranking = listsByScore(query);
            rankings[i] = ranking;
            int[] rankOf = new int[lists];
            for (int k = 0; k < lists; k++) {
                rankOf[ranking[k]] = k;
            }
            for (ItemMatrix.Hit hit : exact) {
                foundAtRank[rankOf[listOf[hit.row()]]] += 1.0 / exact.size();
            }
            counted++;
        }
        if (counted == 0) {
            return this;
        }
        int chosen = lists;
        double recall = 0;
        double cumulative = 0;
        for (int k = 0; k < lists; k++) {
            cumulative += foundAtRank[k] / counted;
            if (cumulative >= target - 1e-9) { // a sum of fractions: reaching the target exactly may round below
                chosen = k + 1;
                recall = cumulative;
                break;
            }
        }
        if (chosen == lists) {
            recall = 1;
        }
        long scanned = 0;
        for (int[] ranking : rankings) {
            if (ranking != null) {
                scanned += rowsIn(blocks(ranking, chosen));
            }
        }
        double share = scanned / ((double) counted * rows);
        return new ClusteredScan(codes, rows, dimension, centroids, listStart, share > MAX_SCANNED ? 0 : chosen,
                recall, share);
    }

    /** The codes, in list order: they serve exact requests too (over all blocks). */
    QuantizedScan codes() {
        return codes;
    }

    /** Lists probed per request; 0 when the calibration refused the route (requests stay exact). */
    int probes() {
        return probes;
    }

    int lists() {
        return lists;
    }

    /** Mean recall@{@link #CALIBRATION_K} of the probed lists on the calibration items. */
    double calibratedRecall() {
        return calibratedRecall;
    }

    /**
     * Mean code positions a calibration request scanned with {@link #probes()} lists (padding included), as a share
     * of the rows: the work against the exact scan's.
     */
    double scannedShare() {
        return scannedShare;
    }

    /**
     * The best {@code n} rows by cosine that {@code keep} accepts among the rows of the {@link #probes()} lists
     * nearest {@code query}: exact scores, ties by item id.
     */
    List<ItemMatrix.Hit> best(float[] query, int n, IntPredicate keep) {
        return best(query, n, keep, probes);
    }

    /** {@link #best(float[], int, IntPredicate)} probing {@code probed} lists. */
    List<ItemMatrix.Hit> best(float[] query, int n, IntPredicate keep, int probed) {
        return codes.best(query, n, false, keep, blocks(listsByScore(query), Math.max(1, probed)));
    }

    /** The matrix rows a request probing {@code probed} lists scans. */
    int[] scannedRows(float[] query, int probed) {
        return codes.rowsOf(blocks(listsByScore(query), Math.max(1, probed)));
    }

    /** The lists by their centroid's dot product with {@code query}, best first, ties by list number. */
    private int[] listsByScore(float[] query) {
        long[] keyed = new long[lists];
        for (int c = 0; c < lists; c++) {
            float s = (float) dot(query, 0, centroids, c * dimension, dimension);
            // −s as an int in the same order as the floats, in the high half; the list number in the low half
            int bits = Float.floatToIntBits(-s);
            int sortable = bits ^ ((bits >> 31) & Integer.MAX_VALUE);
            keyed[c] = ((long) sortable << 32) | c;
        }
        Arrays.sort(keyed);
        int[] out = new int[lists];
        for (int k = 0; k < lists; k++) {
            out[k] = (int) keyed[k];
        }
        return out;
    }

    /** The code blocks holding the first {@code probed} lists of {@code ranking}, ascending. */
    private int[] blocks(int[] ranking, int probed) {
        int blockCount = listStart[lists] / QuantizedScan.BLOCK;
        boolean[] on = new boolean[blockCount];
        int size = 0;
        for (int k = 0; k < Math.min(probed, lists); k++) {
            int l = ranking[k];
            if (listStart[l] == listStart[l + 1]) {
                continue;
            }
            for (int b = listStart[l] / QuantizedScan.BLOCK; b <= (listStart[l + 1] - 1) / QuantizedScan.BLOCK; b++) {
                if (!on[b]) {
                    on[b] = true;
                    size++;
                }
            }
        }
        int[] out = new int[size];
        int at = 0;
        for (int b = 0; b < blockCount; b++) {
            if (on[b]) {
                out[at++] = b;
            }
        }
        return out;
    }

    private static int rowsIn(int[] blocks) {
        return blocks.length * QuantizedScan.BLOCK;
    }

    /** Approximate heap bytes beyond the codes. */
    long bytes() {
        return (long) centroids.length * Float.BYTES + (long) listStart.length * Integer.BYTES;
    }

    @Override
    public String toString() {
        return probes == 0
                ? String.format("inverted file of %d lists refused: %.0f %% of the items scanned for recall@%d %.3f",
                        lists, 100 * scannedShare, CALIBRATION_K, calibratedRecall)
                : String.format("inverted file: %d of %d lists probed, %.1f %% of the items scanned, recall@%d %.3f "
                        + "on %d calibration items", probes, lists, 100 * scannedShare, CALIBRATION_K,
                        calibratedRecall, Math.min(rows, CALIBRATION_QUERIES));
    }

    /** The list whose centroid has the largest dot product with the row at {@code offset} (lowest on ties). */
    private static int nearest(float[] values, int offset, float[] centroids, int lists, int d) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < lists; c++) {
            double s = dot(values, offset, centroids, c * d, d);
            if (s > bestScore) {
                bestScore = s;
                best = c;
            }
        }
        return best;
    }

    private static double dot(float[] a, int aOffset, float[] b, int bOffset, int d) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int j = 0;
        for (; j + 3 < d; j += 4) {
            s0 += a[aOffset + j] * b[bOffset + j];
            s1 += a[aOffset + j + 1] * b[bOffset + j + 1];
            s2 += a[aOffset + j + 2] * b[bOffset + j + 2];
            s3 += a[aOffset + j + 3] * b[bOffset + j + 3];
        }
        for (; j < d; j++) {
            s0 += a[aOffset + j] * b[bOffset + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static void setUnit(float[] out, int c, int d, float[] values, int offset, double norm) {
        for (int j = 0; j < d; j++) {
            out[c * d + j] = norm == 0 ? 0 : (float) (values[offset + j] / norm);
        }
    }

    /**
     * k-means++ seeding on the unit sample rows: the first centroid a random sample row, each next one a sample row
     * drawn with probability proportional to its squared distance 2 − 2·cos to the nearest centroid so far (spread
     * seeds: a random start can put two centroids in one cluster and none in another, and the rounds do not undo
     * that). Zero rows are never drawn.
     */
    private static float[] seeds(ItemMatrix matrix, float[] values, int[] sample, int lists, Random random) {
        int d = matrix.dimension();
        float[] centroids = new float[lists * d];
        double[] distance = new double[sample.length];
        Arrays.fill(distance, 2);
        for (int i = 0; i < sample.length; i++) {
            if (matrix.norm(sample[i]) == 0) {
                distance[i] = 0;
            }
        }
        for (int c = 0; c < lists; c++) {
            double total = 0;
            for (double x : distance) {
                total += x;
            }
            int pick = 0;
            if (total > 0) {
                double target = random.nextDouble() * total;
                while (pick < sample.length - 1 && (target -= distance[pick]) >= 0) {
                    pick++;
                }
            }
            int r = sample[pick];
            setUnit(centroids, c, d, values, r * d, matrix.norm(r));
            int centre = c;
            IntStream.range(0, sample.length).parallel().forEach(i -> {
                double norm = matrix.norm(sample[i]);
                if (distance[i] > 0) {
                    double cos = dot(values, sample[i] * d, centroids, centre * d, d) / norm;
                    distance[i] = Math.min(distance[i], Math.max(0, 2 - 2 * cos));
                }
            });
        }
        return centroids;
    }

    /** {@code count} distinct rows of {@code rows}, drawn by {@code random} (a partial Fisher–Yates shuffle). */
    private static int[] sample(int rows, int count, Random random) {
        int[] all = new int[rows];
        Arrays.setAll(all, r -> r);
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(rows - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, count);
    }
}
