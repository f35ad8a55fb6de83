package org.graphrec.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.graphrec.progress.ProgressTracker;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ExactKnnTest {

    /**
     * Four items in 2-d: a = (1,0), b = (1,0) (a's twin), c = (0,1), d = (1,1)/√2 − cosines a·b = 1, a·d = b·d =
     * c·d = 0.7071, a·c = b·c = 0. Item e has no vector.
     */
    private static ModalityMatrix tiny() {
        float[] v = {1, 0, 1, 0, 0, 1, 1, 1, 0, 0};
        return new ModalityMatrix("t", "tEmbedding", 2, v, new boolean[] {true, true, true, true, false});
    }

    @Test
    void selfIsExcludedAndTiesGoToTheLowerIndex() {
        Csr nb = new ExactKnn(2, 2, false, new Parallel(1), ProgressTracker.none()).compute(tiny());
        assertThat(nb.row(0)).containsExactly(1, 3); // b (1.0), then d (0.707)
        assertThat(nb.row(1)).containsExactly(0, 3);
        // c: d (0.707), then a and b tie at 0 → a, the lower index
        assertThat(nb.row(2)).containsExactly(3, 0);
        // d: a, b, c tie at 0.707 → a, b
        assertThat(nb.row(3)).containsExactly(0, 1);
        assertThat(nb.degree(4)).isZero();
        assertThat(nb.weights()[0]).isEqualTo(1f);
    }

    @Test
    void includingSelfPutsTheItemFirstUnlessATwinWithALowerIndexTies() {
        Csr nb = new ExactKnn(2, 3, true, new Parallel(2), ProgressTracker.none()).compute(tiny());
        assertThat(nb.row(0)).containsExactly(0, 1);
        assertThat(nb.row(1)).containsExactly(0, 1); // a ties with b itself at 1.0 and has the lower index
        assertThat(nb.row(2)).containsExactly(2, 3);
    }

    @Test
    void selectRowGivesTheSameListAsSelect() {
        SplitMix64 random = new SplitMix64(3);
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + random.nextInt(60);
            float[] row = new float[n];
            for (int i = 0; i < n; i++) {
                int kind = random.nextInt(20);
                // few distinct values: many ties; some NaN and infinities
                row[i] = kind == 0 ? Float.NaN : kind == 1 ? Float.NEGATIVE_INFINITY : kind == 2 ? -0f
                        : random.nextInt(5) / 4f;
            }
            int k = 1 + random.nextInt(12);
            int skip = random.nextInt(3) == 0 ? -1 : random.nextInt(n);
            int[] mask = skip < 0 ? new int[0] : new int[] {skip};
            int[] expected = TopK.select(row, 0, n, k, mask, 0, mask.length);
            int[] ids = new int[k + 3];
            float[] scores = new float[k + 3];
            int kept = TopK.selectRow(FloatBuffer.wrap(row), 0, n, k, skip, ids, scores, 3);
            assertThat(Arrays.copyOfRange(ids, 3, 3 + kept)).as("trial %d", trial).containsExactly(expected);
            for (int p = 0; p < kept; p++) {
                assertThat(Float.floatToIntBits(scores[3 + p])).isEqualTo(Float.floatToIntBits(row[expected[p]]));
            }
        }
    }

    /** Bit for bit the lists and weights of the previous implementation (copy the block out, TopK.select). */
    @Test
    void equalsTheBlockCopyImplementationBitForBit() {
        int n = 203;
        int d = 6;
        SplitMix64 random = new SplitMix64(11);
        float[] v = new float[n * d];
        boolean[] present = new boolean[n];
        for (int i = 0; i < n; i++) {
            present[i] = i % 17 != 5;
            for (int c = 0; c < d; c++) {
                v[i * d + c] = random.nextInt(3) - 1; // coarse values: many exact ties
            }
        }
        for (boolean self : new boolean[] {false, true}) {
            for (int blockRows : new int[] {1, 64, 1000}) {
                Csr nb = new ExactKnn(7, blockRows, self, new Parallel(2), ProgressTracker.none())
                        .compute(new ModalityMatrix("t", "tEmbedding", d, v, present));
                Csr ref = reference(v, present, n, d, 7, blockRows, self);
                assertThat(nb.offsets()).as("self %s block %d", self, blockRows).containsExactly(ref.offsets());
                assertThat(nb.targets()).containsExactly(ref.targets());
                assertThat(nb.weights()).containsExactly(ref.weights());
            }
        }
    }

    private static Csr reference(float[] v, boolean[] present, int n, int d, int k, int blockRows, boolean self) {
        int[] rows = IntStream.range(0, n).filter(i -> present[i] && norm(v, i, d) > 0).toArray();
        int m = rows.length;
        int kk = self ? Math.min(k, m) : Math.min(k, m - 1);
        float[] unit = new float[m * d];
        for (int r = 0; r < m; r++) {
            double norm = norm(v, rows[r], d);
            for (int c = 0; c < d; c++) {
                unit[r * d + c] = (float) (v[rows[r] * d + c] / norm);
            }
        }
        int[] offsets = new int[n + 1];
        int[] targets = new int[m * kk];
        float[] weights = new float[m * kk];
        int[] position = new int[n];
        Arrays.fill(position, -1);
        for (int r = 0; r < m; r++) {
            position[rows[r]] = r;
        }
        try (INDArray all = Nd4j.create(unit, new long[] {m, d}, 'c')) {
            for (int from = 0; from < m; from += blockRows) {
                int to = Math.min(m, from + blockRows);
                float[] sims = DenseMath.scores(unit, from, to, d, all);
                for (int r = from; r < to; r++) {
                    int[] top = TopK.select(sims, (r - from) * m, m, kk, new int[] {r}, 0, self ? 0 : 1);
                    for (int p = 0; p < kk; p++) {
                        targets[r * kk + p] = rows[top[p]];
                        weights[r * kk + p] = sims[(r - from) * m + top[p]];
                    }
                }
            }
        }
        int[] outT = new int[m * kk];
        float[] outW = new float[m * kk];
        int out = 0;
        for (int i = 0; i < n; i++) {
            if (position[i] >= 0) {
                System.arraycopy(targets, position[i] * kk, outT, out, kk);
                System.arraycopy(weights, position[i] * kk, outW, out, kk);
                out += kk;
            }
            offsets[i + 1] = out;
        }
        return new Csr(n, n, offsets, outT, outW);
    }

    private static double norm(float[] v, int i, int d) {
        double s = 0;
        for (int c = 0; c < d; c++) {
            s += (double) v[i * d + c] * v[i * d + c];
        }
        return Math.sqrt(s);
    }

    @Test
    void largeCataloguesGetBlocksOfAtMost256MiB() {
        assertThat(ExactKnn.rowsPerBlock(1024, 50_000)).isEqualTo(1024);       // 2^26 / 50,000 = 1,342 allowed
        assertThat(ExactKnn.rowsPerBlock(1024, 300_000)).isEqualTo(223);       // 2^26 / 300,000
        assertThat(ExactKnn.rowsPerBlock(1024, 10_000_000)).isEqualTo(16);     // the floor
        assertThat(ExactKnn.rowsPerBlock(7, 300_000)).isEqualTo(7);
        assertThat(ExactKnn.memoryEstimate(300_000, 64, 10, 1024))
                .isEqualTo(4L * 300_000 * 64 + 4L * 223 * 300_000 + 8L * 300_000 * 10 + 4L * 300_000);
    }
}
