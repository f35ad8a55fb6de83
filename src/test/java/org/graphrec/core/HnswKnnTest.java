package org.graphrec.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.graphrec.progress.ProgressTracker;
import org.junit.jupiter.api.Test;

class HnswKnnTest {

    private static ModalityMatrix random(int n, int d, long seed) {
        SplitMix64 random = new SplitMix64(seed);
        float[] v = new float[n * d];
        boolean[] present = new boolean[n];
        for (int i = 0; i < n; i++) {
            present[i] = i % 11 != 3; // some items without a vector
            for (int c = 0; c < d && present[i]; c++) {
                v[i * d + c] = (float) (random.nextDouble() * 2 - 1);
            }
        }
        return new ModalityMatrix("t", "tEmbedding", d, v, present);
    }

    /** 30 items: every node links to every other on the bottom level, so the search sees all and must be exact. */
    @Test
    void onATinyCatalogueTheApproximateListsAreTheExactOnes() {
        ModalityMatrix m = random(33, 5, 1);
        Csr exact = new ExactKnn(4, 8, false, new Parallel(1), ProgressTracker.none()).compute(m);
        HnswKnn.Result approx = new HnswKnn(4, false, HnswKnn.Settings.defaults(7), new Parallel(2),
                ProgressTracker.none()).compute(m);
        assertThat(approx.neighbours().offsets()).containsExactly(exact.offsets());
        assertThat(approx.neighbours().targets()).containsExactly(exact.targets());
        for (int p = 0; p < exact.weights().length; p++) {
            assertThat(approx.neighbours().weights()[p]).isCloseTo(exact.weights()[p], within(1e-6f));
        }
        assertThat(approx.recall()).isEqualTo(1.0);
        assertThat(approx.sampled()).isEqualTo(30); // the 30 items with a vector, all of them sampled
    }

    @Test
    void aFixedSeedGivesTheSameListsWhateverTheThreadCount() {
        ModalityMatrix m = random(3000, 8, 5);
        HnswKnn.Settings settings = new HnswKnn.Settings(8, 20, 12, 99, 200);
        HnswKnn.Result one = new HnswKnn(10, false, settings, new Parallel(1), ProgressTracker.none()).compute(m);
        HnswKnn.Result two = new HnswKnn(10, false, settings, new Parallel(2), ProgressTracker.none()).compute(m);
        assertThat(two.neighbours().targets()).containsExactly(one.neighbours().targets());
        assertThat(two.neighbours().weights()).containsExactly(one.neighbours().weights());
        assertThat(two.recall()).isEqualTo(one.recall());
        // a small graph and candidate list on purpose: the lists are approximate, and the estimate says how much
        assertThat(one.recall()).isBetween(0.5, 1.0);
        // every row: 10 distinct neighbours, never the item itself
        Csr nb = one.neighbours();
        for (int i = 0; i < nb.rows(); i++) {
            int[] row = nb.row(i);
            assertThat(row).doesNotContain(i).doesNotHaveDuplicates();
            assertThat(row.length).isEqualTo(i % 11 == 3 ? 0 : 10);
        }
    }

    @Test
    void recallIsTheMeanFractionOfExactNeighboursFound() {
        int[] exact = {1, 2, 9, 7, 8, 9};
        int[] approx = {2, 1, 3, 4, 5, 6}; // query 0 finds 1 and 2 (order does not matter), query 1 nothing
        assertThat(HnswKnn.recall(approx, exact, 2, 3)).isCloseTo((2 / 3.0 + 0) / 2, within(1e-12));
        assertThat(HnswKnn.recall(exact, exact, 2, 3)).isEqualTo(1.0);
        assertThat(HnswKnn.recall(new int[0], new int[0], 0, 3)).isNaN();
    }
}
