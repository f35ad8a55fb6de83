package org.graphrec.core;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The dense kernels: CSR × dense in plain multithreaded Java (double precision, spectral propagation), dense GEMMs
 * and the small symmetric eigenproblems in ND4J (double precision), and single-precision GEMMs for scoring blocks
 * and training ({@link #floatMatrix}, {@link #scores}, {@link #product}). Dense matrices are row-major
 * {@code [rows × cols]} flat arrays.
 */
public final class DenseMath {

    private DenseMath() {
    }

    /** {@code a × x}, {@code x} being {@code a.columns() × cols}. */
    public static double[] multiply(Csr a, double[] x, int cols) {
        double[] y = new double[a.rows() * cols];
        int[] off = a.offsets();
        int[] t = a.targets();
        float[] w = a.weights();
        Parallel.shared().forRange(a.rows(), 256, i -> {
            int base = i * cols;
            for (int p = off[i]; p < off[i + 1]; p++) {
                double v = w == null ? 1 : w[p];
                int src = t[p] * cols;
                for (int c = 0; c < cols; c++) {
                    y[base + c] += v * x[src + c];
                }
            }
        });
        return y;
    }

    public static INDArray matrix(double[] data, int rows, int cols) {
        return Nd4j.create(data, new long[] {rows, cols}, 'c');
    }

    public static double[] toArray(INDArray m) {
        if (m.ordering() == 'c' && !m.isView()) {
            return m.data().asDouble();
        }
        try (INDArray copy = m.dup('c')) {
            return copy.data().asDouble();
        }
    }

    /** {@code xᵀ x} for row-major {@code x} of {@code rows × cols}. */
    public static double[] gram(double[] x, int rows, int cols) {
        try (INDArray m = matrix(x, rows, cols); INDArray g = m.transpose().mmul(m)) {
            return toArray(g);
        }
    }

    /** {@code x × w}: {@code (rows × k)(k × cols)}. */
    public static double[] times(double[] x, int rows, int k, double[] w, int cols) {
        try (INDArray a = matrix(x, rows, k); INDArray b = matrix(w, k, cols); INDArray c = a.mmul(b)) {
            return toArray(c);
        }
    }

    /** Eigen-decomposition of a symmetric matrix: values descending, vectors as the columns of a row-major matrix. */
    public record Eigen(double[] values, double[] vectors, int n) {
    }

    public static Eigen symmetricEigen(double[] a, int n) {
        INDArray m = Nd4j.create(a.clone(), new long[] {n, n}, 'c').castTo(DataType.DOUBLE);
        // symmetrise against round-off
        m = m.add(m.transpose()).muli(0.5).dup('f');
        INDArray values = Nd4j.create(DataType.DOUBLE, n);
        Nd4j.getBlasWrapper().lapack().syev('V', 'U', m, values);
        double[] lambda = values.data().asDouble();
        double[] vecs = toArray(m);
        // syev leaves eigenvectors in the columns; check the interpretation by the residual, fall back to rows
        if (!residualSmall(a, n, lambda, vecs, false)) {
            if (residualSmall(a, n, lambda, vecs, true)) {
                vecs = toArray(matrix(vecs, n, n).transpose());
            } else {
                return jacobi(a, n);
            }
        }
        return sortDescending(lambda, vecs, n);
    }

    private static boolean residualSmall(double[] a, int n, double[] lambda, double[] v, boolean rows) {
        double scale = 0;
        for (double x : lambda) {
            scale = Math.max(scale, Math.abs(x));
        }
        for (int k = 0; k < Math.min(n, 3); k++) {
            int col = n - 1 - k; // largest eigenvalues
            double err = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    double vj = rows ? v[col * n + j] : v[j * n + col];
                    s += a[i * n + j] * vj;
                }
                double vi = rows ? v[col * n + i] : v[i * n + col];
                err = Math.max(err, Math.abs(s - lambda[col] * vi));
            }
            if (err > 1e-6 * Math.max(scale, 1e-300) + 1e-12) {
                return false;
            }
        }
        return true;
    }

    private static Eigen sortDescending(double[] lambda, double[] vecs, int n) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(lambda[y], lambda[x]));
        double[] values = new double[n];
        double[] sorted = new double[n * n];
        for (int k = 0; k < n; k++) {
            values[k] = lambda[order[k]];
            for (int i = 0; i < n; i++) {
                sorted[i * n + k] = vecs[i * n + order[k]];
            }
        }
        return new Eigen(values, sorted, n);
    }

    /** Cyclic Jacobi (the fallback; O(n³) per sweep). */
    public static Eigen jacobi(double[] input, int n) {
        double[] a = input.clone();
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += a[p * n + q] * a[p * n + q];
                }
            }
            if (off < 1e-22) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p * n + q];
                    if (Math.abs(apq) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k * n + p];
                        double akq = a[k * n + q];
                        a[k * n + p] = c * akp - s * akq;
                        a[k * n + q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p * n + k];
                        double aqk = a[q * n + k];
                        a[p * n + k] = c * apk - s * aqk;
                        a[q * n + k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k * n + p];
                        double vkq = v[k * n + q];
                        v[k * n + p] = c * vkp - s * vkq;
                        v[k * n + q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] lambda = new double[n];
        for (int i = 0; i < n; i++) {
            lambda[i] = a[i * n + i];
        }
        return sortDescending(lambda, v, n);
    }

    /**
     * Orthonormalises the columns of {@code x} ({@code rows × cols}) through the eigen-decomposition of its Gram
     * matrix: {@code x W Λ^{-1/2}}; directions with negligible energy become zero columns.
     */
    public static double[] orthonormalise(double[] x, int rows, int cols) {
        Eigen e = symmetricEigen(gram(x, rows, cols), cols);
        double max = Math.max(e.values()[0], 1e-300);
        double[] w = e.vectors().clone();
        for (int k = 0; k < cols; k++) {
            double lambda = e.values()[k];
            double scale = lambda > 1e-12 * max ? 1 / Math.sqrt(lambda) : 0;
            for (int i = 0; i < cols; i++) {
                w[i * cols + k] *= scale;
            }
        }
        return times(x, rows, cols, w, cols);
    }

    /** A {@code rows × d} row-major flat float array as an ND4J matrix (copied to native memory). */
    public static INDArray floatMatrix(float[] flat, int rows, int d) {
        return Nd4j.create(flat, new long[] {rows, d}, DataType.FLOAT);
    }

    /** {@code queries[from..to) · targetsᵀ} as a row-major flat {@code (to − from) × targets.rows} array. */
    public static float[] scores(float[] queries, int from, int to, int d, INDArray targets) {
        int b = to - from;
        float[] block = new float[b * d];
        System.arraycopy(queries, from * d, block, 0, b * d);
        try (INDArray q = floatMatrix(block, b, d);
             INDArray out = Nd4j.create(DataType.FLOAT, new long[] {b, targets.rows()}, 'c')) {
            Nd4j.gemm(q, targets, out, false, true, 1.0, 0.0);
            return out.data().asFloat();
        }
    }

    /**
     * {@code A · B} ({@code transposeA = false}, A is {@code rows × inner}) or {@code Aᵀ · B}
     * ({@code transposeA = true}, A is {@code rows × inner}, result {@code inner × cols}) as a row-major flat float
     * array; B is {@code (transposeA ? rows : inner) × cols}.
     */
    public static float[] product(float[] a, int rows, int inner, float[] b, int cols, boolean transposeA) {
        try (INDArray left = floatMatrix(a, rows, inner);
             INDArray right = floatMatrix(b, transposeA ? rows : inner, cols);
             INDArray out = Nd4j.create(DataType.FLOAT, new long[] {transposeA ? inner : rows, cols}, 'c')) {
            Nd4j.gemm(left, right, out, transposeA, false, 1.0, 0.0);
            return out.data().asFloat();
        }
    }
}
