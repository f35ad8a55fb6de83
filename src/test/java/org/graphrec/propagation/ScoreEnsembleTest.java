package org.graphrec.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.graphrec.core.FactorModel;
import org.junit.jupiter.api.Test;

/** {@link ScoreEnsemble}: the concatenated model ranks like the weighted sum of per-user z-scored scores. */
class ScoreEnsembleTest {

    // model A: d = 1, scores of user 0 = [1, 2, 3], of user 1 = [-2, -4, -6]
    private static final FactorModel A = new FactorModel(1, 2, 3, new float[] {1, -2}, new float[] {1, 2, 3});
    // model B: d = 2, scores of user 0 = [3, 1, 2], of user 1 = [0, 2, 2]
    private static final FactorModel B = new FactorModel(2, 2, 3, new float[] {1, 0, 0, 1},
            new float[] {3, 0, 1, 2, 2, 2});

    @Test
    void standardDeviationsOfEachUsersScoresByHand() {
        double[] a = ScoreEnsemble.userScoreDeviations(A);
        // population standard deviation of [1, 2, 3] = sqrt(2/3), of [-2, -4, -6] = 2 sqrt(2/3)
        assertThat(a[0]).isCloseTo(Math.sqrt(2.0 / 3), within(1e-6));
        assertThat(a[1]).isCloseTo(2 * Math.sqrt(2.0 / 3), within(1e-6));
        double[] b = ScoreEnsemble.userScoreDeviations(B);
        assertThat(b[0]).isCloseTo(Math.sqrt(2.0 / 3), within(1e-6));
        // [0, 2, 2]: mean 4/3, variance (16/9 + 4/9 + 4/9) / 3 = 8/9
        assertThat(b[1]).isCloseTo(Math.sqrt(8.0 / 9), within(1e-6));
    }

    @Test
    void combinedScoresDifferLikeTheWeightedZScores() {
        FactorModel c = ScoreEnsemble.combine(A, B, 0.5);
        assertThat(c.dimension()).isEqualTo(3);
        // user 0 at w = 0.5: z_A = [-1, 0, 1]/σ, z_B = [1, -1, 0]/σ with σ = sqrt(2/3);
        // item 2 − item 0: 0.5 (2/σ) + 0.5 (−1/σ) = 0.5/σ
        assertThat(c.score(0, 2) - c.score(0, 0)).isCloseTo(0.5 / Math.sqrt(2.0 / 3), within(1e-5));
        // item 1 − item 0: 0.5 (1/σ) + 0.5 (−2/σ) = −0.5/σ
        assertThat(c.score(0, 1) - c.score(0, 0)).isCloseTo(-0.5 / Math.sqrt(2.0 / 3), within(1e-5));
        // every pair of items, both users, three weights, against the z-scores computed directly
        for (double w : new double[] {0, 0.25, 1}) {
            FactorModel e = ScoreEnsemble.combine(A, B, w);
            for (int u = 0; u < 2; u++) {
                double[] za = zScores(A, u);
                double[] zb = zScores(B, u);
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        double expected = w * (za[i] - za[j]) + (1 - w) * (zb[i] - zb[j]);
                        assertThat(e.score(u, i) - e.score(u, j)).isCloseTo(expected, within(1e-5));
                    }
                }
            }
        }
    }

    @Test
    void refusesMismatchedModelsAndWeights() {
        FactorModel other = new FactorModel(1, 1, 3, new float[] {1}, new float[] {1, 2, 3});
        assertThatThrownBy(() -> ScoreEnsemble.combine(A, other, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScoreEnsemble.combine(A, B, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    private static double[] zScores(FactorModel m, int u) {
        double[] s = new double[m.items()];
        double mean = 0;
        for (int i = 0; i < s.length; i++) {
            s[i] = m.score(u, i);
            mean += s[i] / s.length;
        }
        double var = 0;
        for (double x : s) {
            var += (x - mean) * (x - mean) / s.length;
        }
        for (int i = 0; i < s.length; i++) {
            s[i] = (s[i] - mean) / Math.sqrt(var);
        }
        return s;
    }
}
