package org.graphrec.propagation;
import org.graphrec.core.Csr;
import org.graphrec.core.DenseMath;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.FactorModel;

import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.graphrec.progress.ProgressTracker;

/**
 * Training-free spectral propagation over the heterogeneous graph (a graph filter in the family of GF-CF, Shen et
 * al. 2021; Turbo-CF, Park et al. 2024; SGFCF, Peng et al. 2024), producing d-dimensional user and item embeddings
 * whose dot product is the score.
 *
 * <p>The item side of the graph is one sparse matrix A whose columns are items and whose rows are
 * <ul>
 *   <li>users (their train interactions, weight 1),</li>
 *   <li>one pseudo-user per item and modality: the item itself (selfWeight) and its k nearest neighbours in that
 *   modality (cosine), all times the modality's weight — so an item without interactions is still connected to the
 *   items it looks or sounds like,</li>
 *   <li>one pseudo-user per brand and per category, holding its items (brand/category weight).</li>
 * </ul>
 * A is normalised by degrees, Ã = D_r^{−a} A D_c^{−b}, and its top-d right singular vectors V (with values σ) are
 * found by randomized subspace iteration (Halko, Martinsson & Tropp 2011) on ÃᵀÃ with a Rayleigh–Ritz step. The
 * filter is H = D_c^{−β} V diag(σ^p) Vᵀ D_c^{γ} (γ = β = ½, p = 0 is GF-CF's ideal low-pass filter); it is split
 * into embeddings item_j = d_j^γ σ^{p/2} V_j and user_u = Σ_{j ∈ train(u)} d_j^{−β} σ^{p/2} V_j.
 *
 * <p>Cost: (2·iterations + 1) sparse products of nnz(A) × (d + oversampling) plus dense Gram/eigen steps of
 * O((rows + items)(d + oversampling)²). Deterministic for a seed (parallel loops write disjoint rows).
 */
public final class ClosedFormPropagation {

    private final ClosedFormParameters parameters;
    private final ProgressTracker progress;

    public ClosedFormPropagation(ClosedFormParameters parameters, ProgressTracker progress) {
        this.parameters = parameters;
        this.progress = progress;
    }

    /** The embeddings and the spectrum they came from. */
    public record Result(FactorModel model, double[] singularValues, int augmentedRows, long augmentedNonZeros) {
    }

    /** Bytes needed: the augmented matrix twice (and its transpose), the dense bases, the embeddings. */
    public static long memoryEstimate(InteractionGraph g, ClosedFormParameters p, Map<String, Csr> knn) {
        long rows = g.users() + g.itemBrands().columns() + g.itemCategories().columns();
        long nnz = g.train().nonZeros() + g.itemBrands().nonZeros() + g.itemCategories().nonZeros();
        for (var e : knn.entrySet()) {
            if (p.modalityWeights().getOrDefault(e.getKey(), 0.0) > 0) {
                rows += g.items();
                nnz += e.getValue().nonZeros() + g.items();
            }
        }
        long l = Math.min(p.dimension() + p.oversampling(), g.items());
        long sparse = 2 * (8 * nnz + 4 * rows + 4L * g.items());
        long dense = 8 * l * (rows + 3L * g.items()) + 8 * l * l * 3;
        long embeddings = 4L * p.dimension() * (g.users() + g.items());
        return sparse + dense + embeddings;
    }

    /**
     * Computes the embeddings.
     *
     * @param knn neighbour lists per modality ({@link ModalityKnn.Result#neighbours()}); modalities with weight 0
     *            or absent are ignored
     */
    public Result compute(InteractionGraph g, Map<String, Csr> knn) {
        Spectrum s = spectrum(g, knn);
        return new Result(s.model(g, s.dimension(), parameters.filterExponent(), parameters.userExponent(),
                parameters.itemExponent()), s.singularValues(), s.augmentedRows(), s.augmentedNonZeros());
    }

    /**
     * The top singular vectors of the normalised augmented matrix at the parameters' dimension: everything of the
     * closed form but the filter, so that several ranks (a prefix of the spectrum), filter exponents and degree
     * exponents can be tried from one decomposition ({@link Spectrum#model}).
     */
    public Spectrum spectrum(InteractionGraph g, Map<String, Csr> knn) {
        int n = g.items();
        Csr a = augmentedMatrix(g, knn);
        progress.log(String.format(Locale.ROOT, "augmented matrix: %,d rows (%,d users) × %,d items, %,d non-zeros",
                a.rows(), g.users(), n, a.nonZeros()));
        double[] colDegree = new double[n];
        double[] rowDegree = new double[a.rows()];
        for (int r = 0; r < a.rows(); r++) {
            for (int q = a.offsets()[r]; q < a.offsets()[r + 1]; q++) {
                rowDegree[r] += a.weight(q);
                colDegree[a.targets()[q]] += a.weight(q);
            }
        }
        float[] normalised = new float[a.nonZeros()];
        for (int r = 0; r < a.rows(); r++) {
            double rs = rowDegree[r] > 0 ? Math.pow(rowDegree[r], -parameters.rowNormExponent()) : 0;
            for (int q = a.offsets()[r]; q < a.offsets()[r + 1]; q++) {
                int c = a.targets()[q];
                double cs = colDegree[c] > 0 ? Math.pow(colDegree[c], -parameters.columnNormExponent()) : 0;
                normalised[q] = (float) (a.weight(q) * rs * cs);
            }
        }
        Csr an = new Csr(a.rows(), n, a.offsets(), a.targets(), normalised);
        Csr anT = an.transpose();

        int d = Math.min(parameters.dimension(), n);
        int l = Math.min(d + parameters.oversampling(), n);
        int steps = parameters.powerIterations();
        progress.begin(String.format(Locale.ROOT, "randomized SVD (rank %d, %d iterations)", d, steps), steps + 1);
        double[] v;
        double[] sigma;
        try {
            SplittableRandom random = new SplittableRandom(parameters.seed());
            double[] z = new double[n * l];
            for (int i = 0; i < z.length; i++) {
                z[i] = gaussian(random);
            }
            z = DenseMath.orthonormalise(z, n, l);
            for (int it = 0; it < steps; it++) {
                double[] y = DenseMath.multiply(an, z, l);
                z = DenseMath.orthonormalise(DenseMath.multiply(anT, y, l), n, l);
                progress.advance(1);
            }
            // Rayleigh–Ritz: eigen-decomposition of zᵀ ÃᵀÃ z = (Ã z)ᵀ(Ã z)
            double[] y = DenseMath.multiply(an, z, l);
            DenseMath.Eigen e = DenseMath.symmetricEigen(DenseMath.gram(y, a.rows(), l), l);
            double[] w = new double[l * d];
            for (int i = 0; i < l; i++) {
                System.arraycopy(e.vectors(), i * l, w, i * d, d);
            }
            v = DenseMath.times(z, n, l, w, d);
            sigma = new double[d];
            for (int k = 0; k < d; k++) {
                sigma[k] = Math.sqrt(Math.max(0, e.values()[k]));
            }
            fixSigns(v, n, d);
            progress.advance(1);
        } finally {
            progress.end();
        }
        return new Spectrum(d, v, sigma, colDegree, a.rows(), a.nonZeros());
    }

    /**
     * The right singular vectors {@code v} (items × dimension, row-major, by decreasing σ), the singular values and
     * the item (column) degrees of the augmented matrix.
     */
    public record Spectrum(int dimension, double[] v, double[] singularValues, double[] itemDegrees,
                           int augmentedRows, long augmentedNonZeros) {

        /**
         * The embeddings of the filter at rank {@code d} (≤ {@link #dimension()}: the leading singular vectors),
         * exponent {@code p} and degree exponents {@code beta} (user side) / {@code gamma} (item side).
         */
        public FactorModel model(InteractionGraph g, int d, double p, double beta, double gamma) {
            if (d < 1 || d > dimension) {
                throw new IllegalArgumentException("rank " + d + " outside 1.." + dimension);
            }
            int n = itemDegrees.length;
            double[] filter = new double[d];
            for (int k = 0; k < d; k++) {
                filter[k] = Math.pow(singularValues[k], p / 2);
            }
            float[] items = new float[n * d];
            double[] userBasis = new double[n * d];
            for (int j = 0; j < n; j++) {
                double deg = itemDegrees[j];
                double up = deg > 0 ? Math.pow(deg, gamma) : 0;
                double down = deg > 0 ? Math.pow(deg, -beta) : 0;
                for (int k = 0; k < d; k++) {
                    items[j * d + k] = (float) (up * filter[k] * v[j * dimension + k]);
                    userBasis[j * d + k] = down * filter[k] * v[j * dimension + k];
                }
            }
            double[] users = DenseMath.multiply(g.train(), userBasis, d);
            float[] userVectors = new float[users.length];
            for (int i = 0; i < users.length; i++) {
                userVectors[i] = (float) users[i];
            }
            return new FactorModel(d, g.users(), n, userVectors, items);
        }
    }

    /** The user rows, then modality pseudo-users, then brand and category rows, as one CSR (see class doc). */
    Csr augmentedMatrix(InteractionGraph g, Map<String, Csr> knn) {
        int n = g.items();
        Csr train = g.train();
        long capacity = train.nonZeros();
        int rows = g.users();
        java.util.List<String> modalities = knn.keySet().stream().sorted()
                .filter(m -> parameters.modalityWeights().getOrDefault(m, 0.0) > 0).toList();
        for (String m : modalities) {
            capacity += knn.get(m).nonZeros() + n;
            rows += n;
        }
        Csr brands = g.itemBrands().transpose();
        Csr categories = g.itemCategories().transpose();
        if (parameters.brandWeight() > 0) {
            capacity += brands.nonZeros();
            rows += brands.rows();
        }
        if (parameters.categoryWeight() > 0) {
            capacity += categories.nonZeros();
            rows += categories.rows();
        }
        int[] r = new int[(int) capacity];
        int[] c = new int[(int) capacity];
        float[] w = new float[(int) capacity];
        int e = 0;
        int row = 0;
        for (int u = 0; u < train.rows(); u++, row++) {
            for (int q = train.offsets()[u]; q < train.offsets()[u + 1]; q++) {
                r[e] = row;
                c[e] = train.targets()[q];
                w[e++] = 1f;
            }
        }
        for (String m : modalities) {
            Csr nb = knn.get(m);
            float weight = parameters.modalityWeights().get(m).floatValue();
            for (int i = 0; i < n; i++, row++) {
                if (nb.degree(i) == 0) {
                    continue; // items without a vector get no pseudo-user
                }
                r[e] = row;
                c[e] = i;
                w[e++] = (float) (weight * parameters.selfWeight());
                for (int q = nb.offsets()[i]; q < nb.offsets()[i + 1]; q++) {
                    float s = nb.weight(q);
                    if (s > 0) {
                        r[e] = row;
                        c[e] = nb.targets()[q];
                        w[e++] = weight * s;
                    }
                }
            }
        }
        e = appendGroups(brands, parameters.brandWeight(), r, c, w, e, row);
        row += parameters.brandWeight() > 0 ? brands.rows() : 0;
        e = appendGroups(categories, parameters.categoryWeight(), r, c, w, e, row);
        row += parameters.categoryWeight() > 0 ? categories.rows() : 0;
        return Csr.fromCoordinates(row, n, r, c, w, e);
    }

    private static int appendGroups(Csr groups, double weight, int[] r, int[] c, float[] w, int e, int row) {
        if (weight <= 0) {
            return e;
        }
        for (int b = 0; b < groups.rows(); b++) {
            for (int q = groups.offsets()[b]; q < groups.offsets()[b + 1]; q++) {
                r[e] = row + b;
                c[e] = groups.targets()[q];
                w[e++] = (float) weight;
            }
        }
        return e;
    }

    /** Makes each singular vector's largest-magnitude entry positive, so results do not flip between runs. */
    private static void fixSigns(double[] v, int n, int d) {
        for (int k = 0; k < d; k++) {
            double best = 0;
            for (int j = 0; j < n; j++) {
                if (Math.abs(v[j * d + k]) > Math.abs(best)) {
                    best = v[j * d + k];
                }
            }
            if (best < 0) {
                for (int j = 0; j < n; j++) {
                    v[j * d + k] = -v[j * d + k];
                }
            }
        }
    }

    private static double gaussian(SplittableRandom random) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(Math.max(u1, 1e-300))) * Math.cos(2 * Math.PI * u2);
    }
}
