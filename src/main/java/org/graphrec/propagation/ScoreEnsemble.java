package org.graphrec.propagation;

import org.graphrec.core.DenseMath;
import org.graphrec.core.FactorModel;

/**
 * A weighted sum of two models' per-user standardised scores, written as one factor model so that it is served,
 * indexed and evaluated like any other. For a user u with embeddings a_u (model A) and b_u (model B),
 * {@code score(u, i) = w·(a_u·a_i − μ_a(u))/σ_a(u) + (1−w)·(b_u·b_i − μ_b(u))/σ_b(u)}, with μ and σ the mean
 * and standard deviation of the user's scores over all items. The means are constant per user and do not change
 * a user's ranking, so the same ranking comes from the concatenated embeddings
 * {@code user = [w·r_a/σ_a(u)·a_u, (1−w)·r_b/σ_b(u)·b_u]}, {@code item = [a_i/r_a, b_i/r_b]}, where r is each
 * model's root-mean-square item norm (so that the two halves of an item vector weigh alike in item–item
 * similarity). σ(u)² = u·C·u − (u·m)², with m the mean item vector and C the items' second-moment matrix:
 * O(items·d² + users·d²), no items × users pass.
 */
public final class ScoreEnsemble {

    private final FactorModel a;
    private final FactorModel b;
    private final double ra;
    private final double rb;
    private final double[] sa;
    private final double[] sb;

    private ScoreEnsemble(FactorModel a, FactorModel b) {
        if (a.users() != b.users() || a.items() != b.items()) {
            throw new IllegalArgumentException("the models index different users or items");
        }
        this.a = a;
        this.b = b;
        this.ra = rmsItemNorm(a);
        this.rb = rmsItemNorm(b);
        this.sa = userScoreDeviations(a);
        this.sb = userScoreDeviations(b);
    }

    /**
     * The two models with their per-user score deviations and item norms computed once, so that several weights
     * can be combined without repeating them. Both models index the same users and items.
     */
    public static ScoreEnsemble of(FactorModel a, FactorModel b) {
        return new ScoreEnsemble(a, b);
    }

    /** The combined model, weight {@code w} ∈ [0, 1] on {@code a}. Both models index the same users and items. */
    public static FactorModel combine(FactorModel a, FactorModel b, double w) {
        return of(a, b).combine(w);
    }

    /** The combined model at weight {@code w} ∈ [0, 1] on the first model. */
    public FactorModel combine(double w) {
        if (!(w >= 0 && w <= 1)) {
            throw new IllegalArgumentException("ensemble weight outside [0, 1]: " + w);
        }
        int da = a.dimension();
        int db = b.dimension();
        int d = da + db;
        float[] users = new float[a.users() * d];
        for (int u = 0; u < a.users(); u++) {
            double fa = sa[u] > 0 ? w * ra / sa[u] : 0;
            double fb = sb[u] > 0 ? (1 - w) * rb / sb[u] : 0;
            for (int k = 0; k < da; k++) {
                users[u * d + k] = (float) (fa * a.userVectors()[u * da + k]);
            }
            for (int k = 0; k < db; k++) {
                users[u * d + da + k] = (float) (fb * b.userVectors()[u * db + k]);
            }
        }
        float[] items = new float[a.items() * d];
        for (int i = 0; i < a.items(); i++) {
            for (int k = 0; k < da; k++) {
                items[i * d + k] = (float) (ra > 0 ? a.itemVectors()[i * da + k] / ra : 0);
            }
            for (int k = 0; k < db; k++) {
                items[i * d + da + k] = (float) (rb > 0 ? b.itemVectors()[i * db + k] / rb : 0);
            }
        }
        return new FactorModel(d, a.users(), a.items(), users, items);
    }

    /** The standard deviation of each user's scores over all items (two GEMMs: C = IᵀI / n, then U·C). */
    static double[] userScoreDeviations(FactorModel m) {
        int d = m.dimension();
        int n = m.items();
        float[] iv = m.itemVectors();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int x = 0; x < d; x++) {
                mean[x] += iv[i * d + x];
            }
        }
        for (int x = 0; x < d; x++) {
            mean[x] /= n;
        }
        float[] second = DenseMath.product(iv, n, d, iv, d, true);
        for (int x = 0; x < second.length; x++) {
            second[x] /= n;
        }
        float[] uv = m.userVectors();
        float[] uc = DenseMath.product(uv, m.users(), d, second, d, false);
        double[] out = new double[m.users()];
        for (int u = 0; u < m.users(); u++) {
            double mu = 0;
            double quad = 0;
            for (int x = 0; x < d; x++) {
                mu += mean[x] * uv[u * d + x];
                quad += (double) uc[u * d + x] * uv[u * d + x];
            }
            out[u] = Math.sqrt(Math.max(0, quad - mu * mu));
        }
        return out;
    }

    private static double rmsItemNorm(FactorModel m) {
        double s = 0;
        for (float v : m.itemVectors()) {
            s += (double) v * v;
        }
        return m.items() == 0 ? 0 : Math.sqrt(s / m.items());
    }
}
