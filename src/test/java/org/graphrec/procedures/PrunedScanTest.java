package org.graphrec.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The pruned top-n scan must give the full scan's answer, row for row and score for score, while reading fewer
 * rows where the data allows it.
 */
class PrunedScanTest {

    private static List<String> ids(int rows) {
        return IntStream.range(0, rows).mapToObj(r -> String.format("i%05d", r)).toList();
    }

    @Test
    void aHandComputedCaseWithATailStage() {
        // 12 dimensions: a head of 8 and a tail of 4. Rows (zeros elsewhere): r0 = 3·e0, r1 = 2·e0 + 2·e8,
        // r2 = 4·e8, r3 = e0 + e9, r4 = r1 (a twin), r5 = 0. Query q = e0 + e8:
        // dot r0 3, r1 4, r2 4, r3 1, r4 4, r5 0 → r1, r2, r4 tie at 4 (by id), then r0 → top-4 r1, r2, r4, r0
        int d = HandRows.D;
        float[] values = HandRows.values(1);
        ItemMatrix m = new ItemMatrix("v", d, ids(6), ids(6), values, new int[] {8, 8});
        float[] q = HandRows.query();
        PrunedScan scan = m.prunedScan();
        var hits = scan.best(q, 4, true, null, r -> true);
        assertThat(hits.stream().map(ItemMatrix.Hit::row).toList()).containsExactly(1, 2, 4, 0);
        assertThat(hits.stream().map(ItemMatrix.Hit::score).toList()).containsExactly(4.0, 4.0, 4.0, 3.0);
        // cosine: r0 and r3·… : r0 1/√2, r1 1, r2 1/√2, r3 1/2, r4 1, r5 0 → r1, r4, then r0 and r2 tie (by id)
        var cosine = scan.best(q, 4, false, null, r -> true);
        assertThat(cosine.stream().map(ItemMatrix.Hit::row).toList()).containsExactly(1, 4, 0, 2);
        assertThat(cosine.get(2).score()).isEqualTo(cosine.get(3).score());
    }

    /**
     * Items with a few strong directions and norms that vary (as propagated embeddings have), plus exact twins,
     * a zero row and integer-valued rows that tie.
     */
    private static ItemMatrix structured(int rows, int d, long seed, int[] pruneWidths) {
        Random random = new Random(seed);
        float[] values = new float[rows * d];
        for (int r = 0; r < rows; r++) {
            double scale = Math.exp(random.nextGaussian());
            for (int j = 0; j < d; j++) {
                double spread = j < 4 ? 3.0 : 0.3;
                values[r * d + j] = (float) (scale * spread * random.nextGaussian());
            }
        }
        for (int r = 0; r < 40; r++) {
            int twin = random.nextInt(rows);
            System.arraycopy(values, twin * d, values, (rows - 1 - r) * d, d);
        }
        java.util.Arrays.fill(values, 0, d, 0f);
        for (int r = 1; r < 20; r++) {
            for (int j = 0; j < d; j++) {
                values[r * d + j] = j < 4 ? 5 : 0;
            }
        }
        return new ItemMatrix("v", d, ids(rows), ids(rows), values, pruneWidths);
    }

    @Test
    void calibratesTheFirstStageOnTheData() {
        PrunedScan scan = structured(6000, 40, 3, ItemMatrix.CALIBRATED).prunedScan();
        assertThat(scan.firstStageWidth(true)).isEqualTo(8);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "first stage: dot {0}, cosine {1} coordinates")
    @org.junit.jupiter.params.provider.CsvSource({"8, 8", "16, 24", "40, 32", "0, 0"})
    void givesTheFullScansAnswerOnStructuredData(int dotWidth, int cosineWidth) {
        ItemMatrix m = structured(6000, 40, 3, new int[] {dotWidth, cosineWidth});
        Random random = new Random(5);
        int[] subset = IntStream.range(0, 6000).filter(r -> r % 3 != 0).toArray();
        for (int c = 0; c < 300; c++) {
            float[] q = new float[40];
            for (int j = 0; j < 40; j++) {
                q[j] = (float) ((j < 4 ? 3.0 : 0.3) * random.nextGaussian());
            }
            if (c % 10 == 0) {
                // integer query: the tied integer rows 1..19 score exactly alike
                for (int j = 0; j < 40; j++) {
                    q[j] = j < 4 ? 1 : 0;
                }
            }
            int n = 1 + random.nextInt(30);
            boolean dot = c % 2 == 0;
            int banned = random.nextInt(6000);
            int[] candidates = c % 3 == 0 ? subset : null;
            java.util.function.IntPredicate keep = r -> r % 7 != banned % 7;
            assertThat(m.best(q, n, dot, candidates, keep))
                    .as("call %d (n %d, %s)", c, n, dot ? "dot" : "cosine")
                    .isEqualTo(m.bestByScan(q, n, dot, candidates, keep));
        }
    }

    @Test
    void aFirstStageSplitOverTwoThreadsGivesTheSameAnswer() {
        // 70,001 rows × a 32-coordinate first stage ≥ PARALLEL_TERMS: two halves meeting at a block boundary,
        // the last block partly filled
        int rows = 70_001;
        assertThat((long) rows * 32).isGreaterThanOrEqualTo(ItemMatrix.PARALLEL_TERMS);
        ItemMatrix m = structured(rows, 40, 21, new int[] {32, 32});
        Random random = new Random(23);
        for (int c = 0; c < 20; c++) {
            float[] q = new float[40];
            for (int j = 0; j < 40; j++) {
                q[j] = (float) ((j < 4 ? 3.0 : 0.3) * random.nextGaussian());
            }
            boolean dot = c % 2 == 0;
            int n = 1 + random.nextInt(50);
            assertThat(m.best(q, n, dot, null, r -> true)).as("call %d", c)
                    .isEqualTo(m.bestByScan(q, n, dot, null, r -> true));
        }
    }

    @Test
    void readsFewRowsPastTheFirstStageWhenTheDataHasStrongDirections() {
        ItemMatrix m = structured(6000, 40, 7, new int[] {8, 8});
        Random random = new Random(9);
        List<Integer> survivors = new ArrayList<>();
        for (int c = 0; c < 20; c++) {
            float[] q = new float[40];
            for (int j = 0; j < 40; j++) {
                q[j] = (float) ((j < 4 ? 3.0 : 0.3) * random.nextGaussian());
            }
            survivors.add(m.prunedScan().firstStageSurvivors(q, 10, true));
        }
        // the full scan reads all 6,000 rows; the bound leaves a small fraction after 8 coordinates
        assertThat(survivors.stream().mapToInt(Integer::intValue).average().orElseThrow()).isLessThan(600);
    }

    @Test
    void nearIsotropicVectorsKeepTheFullScan() {
        // no strong directions: the first stage cannot rule rows out, so the calibration keeps the full scan
        Random random = new Random(13);
        int rows = 3000;
        int d = 64;
        float[] values = new float[rows * d];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        ItemMatrix m = new ItemMatrix("v", d, ids(rows), ids(rows), values, ItemMatrix.CALIBRATED);
        // … for either metric, so no staged copy is kept at all
        assertThat(m.prunedScan()).isNull();
        float[] q = java.util.Arrays.copyOfRange(values, 5 * d, 6 * d);
        assertThat(m.best(q, 10, false, null, r -> true)).isEqualTo(m.bestByScan(q, 10, false, null, r -> true));
    }

    @Test
    void theRotationIsOrthonormal() {
        Random random = new Random(17);
        int rows = 500;
        int d = 24;
        float[] values = new float[rows * d];
        for (int i = 0; i < values.length; i++) {
            int j = i % d;
            values[i] = (float) (random.nextGaussian() * (j == d - 1 ? 100 : 1 + j));
        }
        double[] axes = PrunedScan.principalAxes(values, rows, d);
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    dot += axes[a * d + k] * axes[b * d + k];
                }
                assertThat(Math.abs(dot - (a == b ? 1 : 0))).as("axes %d·%d", a, b).isLessThan(1e-9);
            }
        }
        // the first axis carries the largest spread: here the last coordinate (scale 100, the others 1..23)
        assertThat(Math.abs(axes[d - 1])).isGreaterThan(0.99);
    }
}
