package org.graphrec.procedures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory scan behind graphrec.recommend / graphrec.similar, against hand-computed rankings. */
class ItemMatrixTest {

    // rows: a [1, 0], b [2, 2], c [0, 3], d [1, 0] (a's twin), e [0, 0]
    private final ItemMatrix m = new ItemMatrix("v", 2, List.of("ea", "eb", "ec", "ed", "ee"),
            List.of("a", "b", "c", "d", "e"), new float[] {1, 0, 2, 2, 0, 3, 1, 0, 0, 0});

    private List<String> ids(List<ItemMatrix.Hit> hits) {
        return hits.stream().map(h -> m.itemId(h.row())).toList();
    }

    @Test
    void dotProductRanksWithTiesByItemId() {
        // q = [1, 1]: a 1, b 4, c 3, d 1, e 0 → b, c, then the tie a/d by id
        var hits = m.best(new float[] {1, 1}, 4, true, null, r -> true);
        assertThat(ids(hits)).containsExactly("b", "c", "a", "d");
        assertThat(hits.get(0).score()).isEqualTo(4.0);
    }

    @Test
    void cosineRanksByAngleNotLength() {
        // q = [1, 0]: a 1, d 1, b 0.7071, c 0, e 0 (zero vector) → a, d, b
        var hits = m.best(new float[] {1, 0}, 3, false, null, r -> true);
        assertThat(ids(hits)).containsExactly("a", "d", "b");
        assertThat(hits.get(2).score()).isCloseTo(Math.sqrt(0.5), within(1e-12));
    }

    @Test
    void candidatesAndTheKeepFilterNarrowTheScan() {
        // only rows a, c, d (0, 2, 3); b excluded anyway; keep drops c → d and a tie at 1, a first
        var hits = m.best(new float[] {1, 1}, 5, true, new int[] {0, 2, 3}, r -> r != 2);
        assertThat(ids(hits)).containsExactly("a", "d");
        assertThat(m.row("ec")).isEqualTo(2);
        assertThat(m.row("nope")).isEqualTo(-1);
    }

    @Test
    void aScanLargeEnoughToSplitScoresEveryRowAsASingleLookupDoes() {
        // 4,096 rows × 512 dimensions = PARALLEL_TERMS: the scan runs in two halves; each value must equal the
        // single-row dot (bit for bit), and the order of hits must not depend on the split
        int rows = 4096;
        int dimension = 512;
        assertThat((long) rows * dimension).isGreaterThanOrEqualTo(ItemMatrix.PARALLEL_TERMS);
        java.util.Random random = new java.util.Random(11);
        float[] values = new float[rows * dimension];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        List<String> ids = java.util.stream.IntStream.range(0, rows).mapToObj(r -> String.format("i%05d", r)).toList();
        ItemMatrix big = new ItemMatrix("v", dimension, ids, ids, values);
        float[] q = new float[dimension];
        for (int j = 0; j < dimension; j++) {
            q[j] = (float) random.nextGaussian();
        }
        double[] scores = big.scores(q, true, null);
        int best = 0;
        for (int r = 0; r < rows; r++) {
            assertThat(scores[r]).isEqualTo(big.dot(r, q));
            best = scores[r] > scores[best] ? r : best;
        }
        assertThat(big.best(q, 1, true, null, r -> true).get(0).row()).isEqualTo(best);
        // the personal scores of search go through the same split: rows in reverse order, every 7th missing (−1)
        // so both halves hold missing rows
        int[] picked = new int[rows];
        for (int c = 0; c < rows; c++) {
            picked[c] = c % 7 == 3 ? -1 : rows - 1 - c;
        }
        double[] dots = big.dots(q, picked);
        for (int c = 0; c < rows; c++) {
            if (picked[c] < 0) {
                assertThat(dots[c]).as("row %d", c).isNaN();
            } else {
                assertThat(dots[c]).as("row %d", c).isEqualTo(big.dot(picked[c], q));
            }
        }
    }

    @Test
    void rowsInAnotherMatrixGoByElementIdAndMissingItemsScoreNaN() {
        // fused vectors for c and a only (in that order): a → row 1, c → row 0, the others −1
        ItemMatrix fused = new ItemMatrix("f", 2, List.of("ec", "ea"), List.of("c", "a"), new float[] {1, 2, 3, 4});
        int[] rows = m.rowsIn(fused);
        assertThat(rows).containsExactly(1, -1, 0, -1, -1);
        assertThat(m.rowsIn(fused)).isSameAs(rows);
        double[] dots = fused.dots(new float[] {1, 1}, new int[] {rows[0], rows[1], rows[2]});
        assertThat(dots[0]).isEqualTo(7.0);
        assertThat(dots[1]).isNaN();
        assertThat(dots[2]).isEqualTo(3.0);
    }
}
