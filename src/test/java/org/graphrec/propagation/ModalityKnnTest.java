package org.graphrec.propagation;
import org.graphrec.core.Csr;
import org.graphrec.core.ModalityMatrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.graphrec.progress.ProgressTracker;
import org.junit.jupiter.api.Test;

class ModalityKnnTest {

    @Test
    void aLowApproximateRecallSaysHowToGetExactLists() {
        ModalityKnn.Result low = new ModalityKnn.Result("image", null, KnnMethod.APPROX, 0.8151, 1000);
        ModalityKnn.Result fine = new ModalityKnn.Result("text", null, KnnMethod.APPROX, 0.9500, 1000);
        assertThat(low.describe(10)).contains("recall@10 vs exact 0.8151 on 1,000 sampled items")
                .contains("below 0.95: `propagate --knn exact`");
        assertThat(fine.advice()).isEmpty();
        assertThat(new ModalityKnn.Result("text", null).advice()).isEmpty();
    }

    @Test
    void blockedKnnEqualsBruteForceAndSkipsItemsWithoutVectors() {
        int n = 53;
        int d = 8;
        Random random = new Random(7);
        float[] v = new float[n * d];
        boolean[] present = new boolean[n];
        for (int i = 0; i < n; i++) {
            present[i] = i % 9 != 4; // some items have no vector
            for (int c = 0; c < d && present[i]; c++) {
                v[i * d + c] = (float) random.nextGaussian();
            }
        }
        present[10] = true; // present but zero: excluded like a missing vector
        java.util.Arrays.fill(v, 10 * d, 11 * d, 0f);
        ModalityMatrix m = new ModalityMatrix("image", "imageEmbedding", d, v, present);
        int k = 5;
        ModalityKnn.Result result = new ModalityKnn(new KnnParameters(k, 7), ProgressTracker.none()).compute(m);
        Csr nb = result.neighbours();
        for (int i = 0; i < n; i++) {
            boolean usable = present[i] && i != 10;
            if (!usable) {
                assertThat(nb.degree(i)).as("item %d", i).isZero();
                continue;
            }
            List<double[]> brute = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (j != i && present[j] && j != 10) {
                    brute.add(new double[] {j, cosine(v, i, j, d)});
                }
            }
            brute.sort(Comparator.comparingDouble((double[] x) -> -x[1]));
            assertThat(nb.degree(i)).isEqualTo(k);
            for (int r = 0; r < k; r++) {
                assertThat(result.neighbour(i, r)).as("item %d rank %d", i, r).isEqualTo((int) brute.get(r)[0]);
                assertThat((double) nb.weights()[nb.offsets()[i] + r]).isCloseTo(brute.get(r)[1], within(1e-5));
            }
        }
        // nobody has a missing or zero-vector item as neighbour
        for (int t : nb.targets()) {
            assertThat(present[t] && t != 10).isTrue();
        }
    }

    @Test
    void fewerItemsThanKGivesEveryOtherItem() {
        float[] v = {1, 0, 0.6f, 0.8f, 0, 1};
        ModalityMatrix m = new ModalityMatrix("audio", "audioEmbedding", 2, v, new boolean[] {true, true, true});
        Csr nb = new ModalityKnn(KnnParameters.of(10), ProgressTracker.none()).compute(m).neighbours();
        // item 0 = (1,0): cos to item 1 = 0.6, to item 2 = 0
        assertThat(nb.row(0)).containsExactly(1, 2);
        assertThat(nb.weights()[0]).isCloseTo(0.6f, within(1e-6f));
        // item 1 = (0.6, 0.8): closer to item 2 (0.8) than to item 0 (0.6)
        assertThat(nb.row(1)).containsExactly(2, 0);
    }

    private static double cosine(float[] v, int i, int j, int d) {
        double dot = 0;
        double ni = 0;
        double nj = 0;
        for (int c = 0; c < d; c++) {
            dot += (double) v[i * d + c] * v[j * d + c];
            ni += (double) v[i * d + c] * v[i * d + c];
            nj += (double) v[j * d + c] * v[j * d + c];
        }
        return dot / Math.sqrt(ni * nj);
    }
}
