package org.graphrec.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The quantized top-n scan must give the full scan's answer, row for row and score for score, and its bound must
 * never fall below a score — tested with coarse codes too, where the bound is loose and carries the answer.
 */
class QuantizedScanTest {

    private static List<String> ids(int rows) {
        return IntStream.range(0, rows).mapToObj(r -> String.format("i%05d", r)).toList();
    }

    private static ItemMatrix plain(float[] values, int d) {
        int rows = values.length / d;
        return new ItemMatrix("v", d, ids(rows), ids(rows), values, null);
    }

    @Test
    void codesAVectorByItsLargestValue() {
        int[] code = new int[4];
        // max |v| = 3, 6 levels: step 0.5; 0.2 / 0.5 = 0.4 rounds to 0, −1.3 / 0.5 = −2.6 to −3
        double s = QuantizedScan.quantize(new float[] {9, 3, -1.5f, 0.2f, -1.3f}, 1, 4, 6, code);
        assertThat(s).isEqualTo(0.5);
        assertThat(code).containsExactly(6, -3, 0, -3);
        assertThat(QuantizedScan.quantize(new float[3], 0, 3, 6, code)).isZero();
        assertThat(code).startsWith(0, 0, 0);
        // d·L² fits a 32-bit sum: 64 → √(2³¹/64) = 5,792; odd d counts as the next even one; capped at a short
        assertThat(QuantizedScan.maxLevels(64)).isEqualTo(5792);
        assertThat(QuantizedScan.maxLevels(1024)).isEqualTo(1448);
        assertThat(QuantizedScan.maxLevels(3)).isEqualTo(QuantizedScan.maxLevels(4)).isEqualTo(23170);
        assertThat(QuantizedScan.maxLevels(1)).isEqualTo(Short.MAX_VALUE);
    }

    @Test
    void aHandComputedCaseWithOneLevel() {
        // 12 dimensions, rows (zeros elsewhere): r0 = 3·e0, r1 = 2·e0 + 2·e8, r2 = 4·e8, r3 = e0 + 0.5·e9,
        // r4 = r1 (a twin), r5 = 0. Query q = e0 + e8. One level codes every row as its sign pattern at its
        // largest value, so r3 is coded e0 + e9 (0.5 rounds up) and the bound has to carry the 0.5 that drops.
        // dot: r0 3, r1 4, r2 4, r3 1, r4 4, r5 0 → r1, r2, r4 tie at 4 (by id), then r0
        int d = HandRows.D;
        float[] values = HandRows.values(0.5f);
        ItemMatrix m = plain(values, d);
        QuantizedScan scan = QuantizedScan.build(m, values, 1);
        float[] q = HandRows.query();
        var hits = scan.best(q, 4, true, r -> true);
        assertThat(hits.stream().map(ItemMatrix.Hit::row).toList()).containsExactly(1, 2, 4, 0);
        assertThat(hits.stream().map(ItemMatrix.Hit::score).toList()).containsExactly(4.0, 4.0, 4.0, 3.0);
        // cosine: r0 1/√2, r1 1, r2 1/√2, r3 1/(√2·√1.25) ≈ 0.632, r4 1, r5 0 → r1, r4, then r0 and r2 tie (by id)
        var cosine = scan.best(q, 4, false, r -> true);
        assertThat(cosine.stream().map(ItemMatrix.Hit::row).toList()).containsExactly(1, 4, 0, 2);
        assertThat(cosine.get(2).score()).isEqualTo(cosine.get(3).score()).isEqualTo(1 / Math.sqrt(2), within(1e-12));
        // r3 (scale 1) dropped 0.5 and its code meets q in e0 alone:
        // its dot bound is 1·1 + ‖q‖·((1 + ε)·0.5 + (ε + margin)·‖r3‖)
        double epsilon = QuantizedScan.epsilon(d, 1);
        double r3 = Math.sqrt(1.25);
        assertThat(scan.bounds(q, true)[3]).isCloseTo(1 + Math.sqrt(2) * ((1 + epsilon) * 0.5
                + (epsilon + QuantizedScan.MARGIN) * r3), within(1e-6));
        // without a filter's admissible rows the list is short, never padded
        assertThat(scan.best(q, 4, true, r -> r == 3 || r == 5)).extracting(ItemMatrix.Hit::row).containsExactly(3, 5);
    }

    private static org.assertj.core.data.Offset<Double> within(double offset) {
        return org.assertj.core.data.Offset.offset(offset);
    }

    /**
     * Rows with varying norms (a few strong directions in half of them, near-isotropic in the other half), exact
     * twins, a zero row, integer rows that tie, and one row with a single huge value (its code keeps little else).
     */
    private static float[] data(int rows, int d, long seed) {
        Random random = new Random(seed);
        float[] values = new float[rows * d];
        for (int r = 0; r < rows; r++) {
            double scale = Math.exp(random.nextGaussian());
            for (int j = 0; j < d; j++) {
                double spread = r % 2 == 0 && j < 4 ? 3.0 : 0.3;
                values[r * d + j] = (float) (scale * spread * random.nextGaussian());
            }
        }
        for (int r = 0; r < 40; r++) {
            System.arraycopy(values, random.nextInt(rows) * d, values, (rows - 1 - r) * d, d);
        }
        Arrays.fill(values, 0, d, 0f);
        for (int r = 1; r < 20; r++) {
            for (int j = 0; j < d; j++) {
                values[r * d + j] = j < 4 ? 5 : 0;
            }
        }
        values[25 * d + 3] = 1000;
        return values;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 40, 0})
    void givesTheFullScansAnswer(int levels) {
        int d = 21;
        float[] values = data(3000, d, 7);
        ItemMatrix m = plain(values, d);
        QuantizedScan scan = QuantizedScan.build(m, values, levels == 0 ? QuantizedScan.maxLevels(d) : levels);
        Random random = new Random(levels);
        List<IntPredicate> filters = List.of(r -> true, r -> r % 3 != 0, r -> r < 10 || r > 2990);
        for (int t = 0; t < 60; t++) {
            float[] q = new float[d];
            if (t % 3 == 0) {
                m.copyRow(random.nextInt(m.rows()), q);
            } else {
                for (int j = 0; j < d; j++) {
                    q[j] = (float) random.nextGaussian();
                }
            }
            for (boolean dot : new boolean[] {true, false}) {
                for (int n : new int[] {1, 5, 40}) {
                    IntPredicate keep = filters.get(t % filters.size());
                    assertThat(scan.best(q, n, dot, keep)).as("query %d, n %d, dot %s", t, n, dot)
                            .isEqualTo(m.bestByScan(q, n, dot, null, keep));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 0})
    void theBoundIsNeverBelowAScore(int levels) {
        int d = 9;
        float[] values = data(2000, d, 11);
        ItemMatrix m = plain(values, d);
        QuantizedScan scan = QuantizedScan.build(m, values, levels == 0 ? QuantizedScan.maxLevels(d) : levels);
        Random random = new Random(5);
        for (int t = 0; t < 20; t++) {
            float[] q = new float[d];
            for (int j = 0; j < d; j++) {
                q[j] = (float) (random.nextGaussian() * (t % 4 == 0 ? 100 : 1));
            }
            for (boolean dot : new boolean[] {true, false}) {
                double[] bounds = scan.bounds(q, dot);
                double[] scores = m.scores(q, dot, null);
                for (int r = 0; r < m.rows(); r++) {
                    assertThat(bounds[r]).as("row %d, dot %s", r, dot).isGreaterThanOrEqualTo(scores[r]);
                }
            }
        }
    }

    @Test
    void fullCodesScoreFewRowsExactly() {
        int d = 32;
        Random random = new Random(2);
        float[] values = new float[20_000 * d];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        ItemMatrix m = plain(values, d);
        QuantizedScan scan = QuantizedScan.build(m, values, QuantizedScan.maxLevels(d));
        float[] q = new float[d];
        m.copyRow(123, q);
        // near-isotropic rows: a first stage of a few coordinates rules out nothing, full-width codes almost all
        assertThat(scan.scoredRows(q, 10, false)).isLessThan(400);
        assertThat(scan.scoredRows(q, 10, true)).isLessThan(400);
    }

    @Test
    void aScanSplitOverTwoThreadsGivesTheSameAnswer() {
        int d = 64;
        int rows = (int) (QuantizedScan.SPLIT_TERMS / d) + 1001;
        float[] values = data(rows, d, 13);
        ItemMatrix m = plain(values, d);
        QuantizedScan scan = QuantizedScan.build(m, values, 2);
        Random random = new Random(1);
        for (int t = 0; t < 5; t++) {
            float[] q = new float[d];
            m.copyRow(random.nextInt(rows), q);
            for (boolean dot : new boolean[] {true, false}) {
                assertThat(scan.best(q, 25, dot, r -> r % 5 != 1)).isEqualTo(m.bestByScan(q, 25, dot, null,
                        r -> r % 5 != 1));
            }
        }
    }

    @Test
    void noCopyForValuesWithoutABound() {
        float[] values = {1, 2, Float.NaN, 4};
        assertThat(QuantizedScan.build(plain(values, 2), values, 3)).isNull();
        float[] finite = {1, 2, 3, 4};
        assertThat(QuantizedScan.build(plain(finite, 2), finite, QuantizedScan.maxLevels(2) + 1)).isNull();
    }

    @Test
    void aLargeCatalogueServesWhatPruningLeavesThroughTheCodes() {
        // near-isotropic vectors: the pruned scan's calibration keeps neither metric, so the codes serve both
        int d = 16;
        int rows = PrunedScan.MIN_ROWS;
        Random random = new Random(4);
        float[] values = new float[rows * d];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        ItemMatrix m = new ItemMatrix("v", d, ids(rows), ids(rows), values);
        assertThat(m.prunedScan()).isNull();
        assertThat(m.quantizedScan()).isNotNull();
        float[] q = new float[d];
        m.copyRow(77, q);
        for (boolean dot : new boolean[] {true, false}) {
            assertThat(m.best(q, 10, dot, null, r -> r != 77)).isEqualTo(m.bestByScan(q, 10, dot, null, r -> r != 77));
        }
    }
}
