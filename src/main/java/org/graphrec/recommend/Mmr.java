package org.graphrec.recommend;

import java.util.ArrayList;
import java.util.List;

/**
 * Maximal Marginal Relevance (Carbonell &amp; Goldstein, SIGIR 1998): picks items one at a time, each maximising
 * {@code (1 − λ)·relevance − λ·max cosine to the items already picked}, with λ = {@code diversify}. Relevance is
 * the candidates' score rescaled to 0..1 (min–max), so λ means the same whatever the score's scale. λ = 0 keeps
 * the score order; ties go to the earlier candidate. O(k · n · d) for n candidates of dimension d.
 */
public final class Mmr {

    private Mmr() {
    }

    /**
     * Indexes of the chosen candidates, in pick order.
     *
     * @param scores    relevance of each candidate (any scale; NaN not allowed)
     * @param vectors   one vector per candidate (the fused item embedding); a null vector counts as unlike all
     * @param k         how many to pick (at most the number of candidates)
     * @param diversify λ in 0..1
     */
    public static List<Integer> select(double[] scores, double[][] vectors, int k, double diversify) {
        int n = scores.length;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        double range = max - min;
        double[] relevance = new double[n];
        for (int i = 0; i < n; i++) {
            relevance[i] = range > 0 ? (scores[i] - min) / range : 1.0;
        }
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            norms[i] = vectors[i] == null ? 0 : Math.sqrt(dot(vectors[i], vectors[i]));
        }
        double[] maxSimilarity = new double[n];
        java.util.Arrays.fill(maxSimilarity, Double.NEGATIVE_INFINITY);
        boolean[] chosen = new boolean[n];
        List<Integer> out = new ArrayList<>();
        for (int step = 0; step < Math.min(k, n); step++) {
            int best = -1;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (chosen[i]) {
                    continue;
                }
                double penalty = out.isEmpty() ? 0 : Math.max(0, maxSimilarity[i]);
                double value = (1 - diversify) * relevance[i] - diversify * penalty;
                if (value > bestValue) {
                    bestValue = value;
                    best = i;
                }
            }
            chosen[best] = true;
            out.add(best);
            for (int i = 0; i < n; i++) {
                if (!chosen[i] && norms[i] > 0 && norms[best] > 0) {
                    double cos = dot(vectors[i], vectors[best]) / (norms[i] * norms[best]);
                    maxSimilarity[i] = Math.max(maxSimilarity[i], cos);
                }
            }
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
