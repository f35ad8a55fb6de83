package org.graphrec.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The inverted file behind {@code graphrec.similar}'s approximate route: a hand-computed case where probing one
 * list misses the true best item and probing two finds it, the exact best of the scanned rows in every answer,
 * the calibration's recall on items it did not see, its refusal on vectors without clusters, and the codes in list
 * order answering exactly like the plain layout.
 */
class ClusteredScanTest {

    private static final int LEVELS = QuantizedScan.maxLevels(4);

    private static List<String> ids(int rows) {
        return IntStream.range(0, rows).mapToObj(r -> String.format("i%05d", r)).toList();
    }

    private static ItemMatrix plain(float[] values, int d) {
        int rows = values.length / d;
        return new ItemMatrix("v", d, ids(rows), ids(rows), values, null);
    }

    /**
     * Three lists of exactly one code block (256 rows) each, in 4 dimensions: A = (1, t, 0, 0) with t from −0.25
     * to 0.25 (rows 0–255), B = (s, 1, 0, 0) with s from −0.1 to 0.1 (rows 256–510) and b* = (0.6, 0.8, 0, 0)
     * (row 511), C = (0, 0, 1, u) (rows 512–767).
     */
    private static float[] threeLists() {
        float[] v = new float[768 * 4];
        for (int i = 0; i < 256; i++) {
            v[i * 4] = 1;
            v[i * 4 + 1] = -0.25f + 0.5f * i / 255;
            v[(512 + i) * 4 + 2] = 1;
            v[(512 + i) * 4 + 3] = -0.1f + 0.2f * i / 255;
        }
        for (int i = 0; i < 255; i++) {
            v[(256 + i) * 4] = -0.1f + 0.2f * i / 254;
            v[(256 + i) * 4 + 1] = 1;
        }
        v[511 * 4] = 0.6f;
        v[511 * 4 + 1] = 0.8f;
        return v;
    }

    @Test
    void probingOneListMissesAnItemOfTheNextOneAndProbingTwoFindsIt() {
        float[] values = threeLists();
        ItemMatrix m = plain(values, 4);
        ClusteredScan scan = ClusteredScan.build(m, values, LEVELS, 3, 0.97, 7);
        // q = (0.8, 0.6): centroid of A ≈ e0 (dot ≈ 0.8) ranks before B's ≈ e1 (≈ 0.6) and C's (0). Best items:
        // b* with cosine 0.48 + 0.48 = 0.96, then A's t = 0.25 with (0.8 + 0.15)/√1.0625 = 0.92164
        float[] q = {0.8f, 0.6f, 0, 0};
        List<ItemMatrix.Hit> one = scan.best(q, 2, r -> true, 1);
        assertThat(one.stream().map(ItemMatrix.Hit::row).toList()).containsExactly(255, 254);
        assertThat(one.get(0).score()).isCloseTo(0.95 / Math.sqrt(1.0625), org.assertj.core.data.Offset.offset(1e-6));
        List<ItemMatrix.Hit> two = scan.best(q, 2, r -> true, 2);
        assertThat(two.stream().map(ItemMatrix.Hit::row).toList()).containsExactly(511, 255);
        assertThat(two.get(0).score()).isCloseTo(0.96, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(two).isEqualTo(m.bestByScan(q, 2, false, null, r -> true));
        // one list probed = one block of three scanned: exactly the rows of A
        assertThat(Arrays.stream(scan.scannedRows(q, 1)).sorted().toArray())
                .isEqualTo(IntStream.range(0, 256).toArray());
        // every item's 10 nearest share its list (b*'s too: B's rows at ≥ 0.85, A's at ≤ 0.78), so the
        // calibration needs one list, a third of the rows
        assertThat(scan.probes()).isEqualTo(1);
        assertThat(scan.calibratedRecall()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(scan.scannedShare()).isCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void answersAreTheExactBestOfTheScannedRowsAndReachTheCalibratedRecallOnOtherItems() {
        int d = 16;
        float[] values = ClusteredVectors.of(12_000, d, 60, 0.6, 3);
        ItemMatrix m = plain(values, d);
        ClusteredScan scan = ClusteredScan.build(m, values, QuantizedScan.maxLevels(d),
                ClusteredScan.defaultLists(12_000), 0.97, 5);
        assertThat(scan.lists()).isEqualTo(110);
        assertThat(scan.probes()).isBetween(1, scan.lists() - 1);
        assertThat(scan.calibratedRecall()).isGreaterThanOrEqualTo(0.97);
        assertThat(scan.scannedShare()).isLessThan(ClusteredScan.MAX_SCANNED);
        Random random = new Random(99);
        float[] q = new float[d];
        double recall = 0;
        int queries = 300;
        for (int i = 0; i < queries; i++) {
            int self = random.nextInt(12_000);
            m.copyRow(self, q);
            List<ItemMatrix.Hit> approximate = scan.best(q, 10, r -> r != self);
            int[] scanned = scan.scannedRows(q, scan.probes());
            assertThat(approximate).isEqualTo(m.bestByScan(q, 10, false, scanned, r -> r != self));
            List<ItemMatrix.Hit> exact = m.bestByScan(q, 10, false, null, r -> r != self);
            assertThat(scan.best(q, 10, r -> r != self, scan.lists())).isEqualTo(exact);
            Set<Integer> truth = new HashSet<>();
            exact.forEach(h -> truth.add(h.row()));
            recall += approximate.stream().filter(h -> truth.contains(h.row())).count() / 10.0;
        }
        assertThat(recall / queries).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void isRefusedWhereRecallNeedsMostOfTheRowsAndTheMatrixThenAnswersExactly() {
        int d = 32;
        Random random = new Random(8);
        float[] values = new float[6_000 * d];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        ItemMatrix m = withMinRows(1_000, () -> new ItemMatrix("v", d, ids(6_000), ids(6_000), values,
                ItemMatrix.CALIBRATED));
        ClusteredScan scan = m.clusteredScan();
        assertThat(scan).isNotNull();
        // isotropic Gaussian rows: an item's nearest items lie in any list, so 97 % recall needs most of them
        assertThat(scan.probes()).isZero();
        assertThat(scan.scannedShare()).isGreaterThan(ClusteredScan.MAX_SCANNED);
        assertThat(m.quantizedScan()).isSameAs(scan.codes());
        float[] q = new float[d];
        for (int self : new int[] {0, 17, 5_999}) {
            m.copyRow(self, q);
            assertThat(m.approximateBest(q, 10, r -> r != self)).isNull();
            assertThat(m.best(q, 10, false, null, r -> r != self))
                    .isEqualTo(m.bestByScan(q, 10, false, null, r -> r != self));
        }
    }

    @Test
    void theMatrixHasTheRouteFromItsSizeOnAndDeclinesWhenTooFewRowsAreAdmissible() {
        int d = 16;
        float[] values = ClusteredVectors.of(12_000, d, 60, 0.6, 3);
        ItemMatrix m = withMinRows(10_000, () -> new ItemMatrix("v", d, ids(12_000), ids(12_000), values,
                ItemMatrix.CALIBRATED));
        ItemMatrix small = withMinRows(10_000, () -> new ItemMatrix("v", d, ids(9_000), ids(9_000),
                Arrays.copyOf(values, 9_000 * d), ItemMatrix.CALIBRATED));
        assertThat(small.clusteredScan()).isNull();
        ClusteredScan scan = m.clusteredScan();
        assertThat(scan.probes()).isPositive();
        float[] q = new float[d];
        int differ = 0;
        for (int self = 0; self < 200; self++) {
            m.copyRow(self, q);
            int me = self;
            List<ItemMatrix.Hit> exact = m.bestByScan(q, 10, false, null, r -> r != me);
            List<ItemMatrix.Hit> approximate = m.approximateBest(q, 10, r -> r != me);
            assertThat(approximate).isEqualTo(scan.best(q, 10, r -> r != me));
            differ += approximate.equals(exact) ? 0 : 1;
            // the plain route stays exact for cosines and dot products
            assertThat(m.best(q, 10, false, null, r -> r != me)).isEqualTo(exact);
            assertThat(m.best(q, 10, true, null, r -> r != me))
                    .isEqualTo(m.bestByScan(q, 10, true, null, r -> r != me));
        }
        assertThat(differ).isPositive();
        // keep admits only rows of one far list: the probed lists hold fewer than n, so the route declines
        m.copyRow(0, q);
        Set<Integer> far = new HashSet<>();
        for (int r : scan.scannedRows(negated(q), 1)) {
            far.add(r);
        }
        assertThat(m.approximateBest(q, 10, far::contains)).isNull();
    }

    /** {@code build} run with {@link ClusteredScan#MIN_ROWS_PROPERTY} at {@code rows}, the property restored after. */
    private static <T> T withMinRows(int rows, java.util.function.Supplier<T> build) {
        String before = System.getProperty(ClusteredScan.MIN_ROWS_PROPERTY);
        System.setProperty(ClusteredScan.MIN_ROWS_PROPERTY, Integer.toString(rows));
        try {
            return build.get();
        } finally {
            if (before == null) {
                System.clearProperty(ClusteredScan.MIN_ROWS_PROPERTY);
            } else {
                System.setProperty(ClusteredScan.MIN_ROWS_PROPERTY, before);
            }
        }
    }

    private static float[] negated(float[] q) {
        float[] out = new float[q.length];
        for (int j = 0; j < q.length; j++) {
            out[j] = -q[j];
        }
        return out;
    }

    @Test
    void codesInListOrderAnswerLikeThePlainLayoutAndABlockSubsetLikeItsRows() {
        int d = 16;
        float[] values = ClusteredVectors.of(3_000, d, 10, 1.0, 4);
        ItemMatrix m = plain(values, d);
        int[] order = IntStream.range(0, 3_000).map(p -> (p * 7 + 11) % 3_000).toArray();
        QuantizedScan permuted = QuantizedScan.build(m, values, QuantizedScan.maxLevels(d), order);
        Random random = new Random(2);
        float[] q = new float[d];
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < d; j++) {
                q[j] = (float) random.nextGaussian();
            }
            for (boolean dot : new boolean[] {true, false}) {
                assertThat(permuted.best(q, 7, dot, r -> r % 5 != 0))
                        .isEqualTo(m.bestByScan(q, 7, dot, null, r -> r % 5 != 0));
                int[] blocks = {1, 4, 11};
                List<Integer> rows = new ArrayList<>();
                for (int b : blocks) {
                    for (int p = b * QuantizedScan.BLOCK; p < Math.min(3_000, (b + 1) * QuantizedScan.BLOCK); p++) {
                        rows.add(order[p]);
                    }
                }
                int[] subset = rows.stream().mapToInt(Integer::intValue).toArray();
                assertThat(permuted.rowsOf(blocks)).containsExactly(subset);
                assertThat(permuted.best(q, 7, dot, r -> true, blocks))
                        .isEqualTo(m.bestByScan(q, 7, dot, subset, r -> true));
            }
        }
    }

    @Test
    void theSameSeedBuildsTheSameLists() {
        int d = 16;
        float[] values = ClusteredVectors.of(5_000, d, 30, 0.6, 6);
        ItemMatrix m = plain(values, d);
        ClusteredScan a = ClusteredScan.build(m, values, QuantizedScan.maxLevels(d), 71, 0.97, 5);
        ClusteredScan b = ClusteredScan.build(m, values, QuantizedScan.maxLevels(d), 71, 0.97, 5);
        assertThat(a.probes()).isEqualTo(b.probes());
        assertThat(a.calibratedRecall()).isEqualTo(b.calibratedRecall());
        float[] q = new float[d];
        for (int self = 0; self < 50; self++) {
            m.copyRow(self, q);
            assertThat(a.scannedRows(q, 3)).isEqualTo(b.scannedRows(q, 3));
        }
    }
}
