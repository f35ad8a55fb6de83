package org.graphrec.core;

/**
 * Multi-output ridge regression with an unpenalised intercept, fitted in closed form and solvable for any penalty
 * λ after one decomposition: with centred features {@code X} (n × D) and centred targets {@code Y} (n × d),
 * {@code W_λ = (XᵀX + λI)⁻¹ XᵀY = V diag(1 / (s + λ)) Vᵀ XᵀY} where {@code XᵀX = V diag(s) Vᵀ}; a prediction is
 * {@code ȳ + (x − x̄) W_λ}. Cost: O(n D² + D³) to fit, O(D² d) per λ. Deterministic (nothing is sampled).
 */
public final class RidgeRegression {

    private final int features;
    private final int outputs;
    private final double[] featureMean;
    private final double[] targetMean;
    private final double[] eigenvalues;
    private final double[] eigenvectors;
    private final double[] projected;

    private RidgeRegression(int features, int outputs, double[] featureMean, double[] targetMean,
                            DenseMath.Eigen eigen, double[] projected) {
        this.features = features;
        this.outputs = outputs;
        this.featureMean = featureMean;
        this.targetMean = targetMean;
        this.eigenvalues = eigen.values();
        this.eigenvectors = eigen.vectors();
        this.projected = projected;
    }

    /**
     * Fits on {@code rows} samples: row-major features {@code x} (rows × features) and targets {@code y}
     * (rows × outputs).
     */
    public static RidgeRegression fit(double[] x, int rows, int features, double[] y, int outputs) {
        if (rows < 1 || x.length != (long) rows * features || y.length != (long) rows * outputs) {
            throw new IllegalArgumentException("ridge: " + x.length + " features and " + y.length
                    + " targets for " + rows + " rows of " + features + " → " + outputs);
        }
        double[] mx = columnMeans(x, rows, features);
        double[] my = columnMeans(y, rows, outputs);
        double[] xc = centred(x, rows, features, mx);
        double[] yc = centred(y, rows, outputs, my);
        DenseMath.Eigen eigen = DenseMath.symmetricEigen(DenseMath.gram(xc, rows, features), features);
        double[] xty = DenseMath.times(transpose(xc, rows, features), features, rows, yc, outputs);
        // Vᵀ XᵀY: (D × D)ᵀ (D × d)
        double[] vt = transpose(eigen.vectors(), features, features);
        double[] projected = DenseMath.times(vt, features, features, xty, outputs);
        return new RidgeRegression(features, outputs, mx, my, eigen, projected);
    }

    /** Mean eigenvalue of the centred Gram matrix: the natural unit of λ (trace / D). */
    public double meanEigenvalue() {
        double s = 0;
        for (double v : eigenvalues) {
            s += Math.max(0, v);
        }
        return s / features;
    }

    /** The coefficients {@code W_λ}, row-major features × outputs. */
    public double[] coefficients(double lambda) {
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("ridge: λ must be positive, got " + lambda);
        }
        double[] scaled = projected.clone();
        for (int k = 0; k < features; k++) {
            double f = 1.0 / (Math.max(0, eigenvalues[k]) + lambda);
            for (int o = 0; o < outputs; o++) {
                scaled[k * outputs + o] *= f;
            }
        }
        return DenseMath.times(eigenvectors, features, features, scaled, outputs);
    }

    /** The prediction for one feature row {@code x[offset .. offset + features)} with coefficients {@code w}. */
    public double[] predict(double[] w, double[] x, int offset) {
        double[] out = targetMean.clone();
        for (int f = 0; f < features; f++) {
            double v = x[offset + f] - featureMean[f];
            if (v != 0) {
                for (int o = 0; o < outputs; o++) {
                    out[o] += v * w[f * outputs + o];
                }
            }
        }
        return out;
    }

    private static double[] columnMeans(double[] a, int rows, int cols) {
        double[] m = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m[c] += a[r * cols + c];
            }
        }
        for (int c = 0; c < cols; c++) {
            m[c] /= rows;
        }
        return m;
    }

    private static double[] centred(double[] a, int rows, int cols, double[] mean) {
        double[] out = new double[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = a[r * cols + c] - mean[c];
            }
        }
        return out;
    }

    private static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }
}
