package org.graphrec.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RidgeRegressionTest {

    @Test
    void oneFeatureWithIntercept() {
        // x = 0, 2 → y = 1, 5: centred x = −1, 1, y = −2, 2; XᵀX = 2, XᵀY = 4, W = 4 / (2 + λ) = 1 at λ = 2
        RidgeRegression ridge = RidgeRegression.fit(new double[] {0, 2}, 2, 1, new double[] {1, 5}, 1);
        double[] w = ridge.coefficients(2);
        assertThat(w[0]).isCloseTo(1.0, within(1e-12));
        // ȳ + (x − x̄) W = 3 + (4 − 1) × 1
        assertThat(ridge.predict(w, new double[] {4}, 0)[0]).isCloseTo(6.0, within(1e-12));
        assertThat(ridge.meanEigenvalue()).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void twoFeaturesTwoOutputsMatchTheNormalEquations() {
        // centred X = ±e1, ±e2 → XᵀX = 2I; Y = (2, 0), (1, 1), (−2, 0), (−1, −1) → XᵀY = [[4, 0], [2, 2]]
        double[] x = {1, 0, 0, 1, -1, 0, 0, -1};
        double[] y = {2, 0, 1, 1, -2, 0, -1, -1};
        RidgeRegression ridge = RidgeRegression.fit(x, 4, 2, y, 2);
        double[] w = ridge.coefficients(2); // (2I + 2I)⁻¹ XᵀY = XᵀY / 4
        assertThat(w).containsExactly(new double[] {1, 0, 0.5, 0.5}, within(1e-12));
        // x = (2, 2): 2 × (1, 0) + 2 × (0.5, 0.5) = (3, 1)
        assertThat(ridge.predict(w, new double[] {9, 2, 2}, 1)).containsExactly(new double[] {3, 1}, within(1e-12));
        // a larger penalty shrinks towards the mean
        assertThat(ridge.coefficients(6)).containsExactly(new double[] {0.5, 0, 0.25, 0.25}, within(1e-12));
    }

    @Test
    void refusesANonPositivePenalty() {
        RidgeRegression ridge = RidgeRegression.fit(new double[] {0, 2}, 2, 1, new double[] {1, 5}, 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ridge.coefficients(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
