package org.graphrec.eval;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graphrec.core.Csr;
import org.graphrec.core.FactorModel;
import org.graphrec.core.TopK;

/**
 * The evaluation of many factor models that differ from one base model only in the rows of a few variable items
 * without train interactions (the cold-start step's candidates), with the numbers {@link Evaluator#evaluate} gives
 * but at a fraction of the cost. The base model's ranking of the fixed items (all others) is computed once per
 * evaluated user: its best {@code K} (the largest cutoff), and for each metric restricted to candidates its best
 * among the fixed candidates. A model then scores only its variable rows, and each ranking is the merge of the two
 * lists in {@link TopK}'s order (score descending, the lower index first, NaN last). Exact: an item outside a
 * user's fixed best K cannot enter the top K of a ranking that holds those K. Built by
 * {@link Evaluator#forVariableRows}; the users, sample and metric averages are the evaluator's.
 */
public final class VariableRowsEvaluation {

    private final FactorModel base;
    private final int[] variable;
    private final boolean[] isVariable;
    private final Csr heldOut;
    private final int[] users;
    private final int eligible;
    private final List<UserMetric> metrics;
    private final int maxK;
    private final Evaluator.Ranked fixed;
    private final int[][] variableCandidates;
    private final EvaluationParameters parameters;

    VariableRowsEvaluation(FactorModel base, int[] variable, Csr heldOut, int[] users, int eligible,
                           List<UserMetric> metrics, int maxK, Evaluator.Ranked fixed,
                           EvaluationParameters parameters) {
        this.base = base;
        this.variable = variable;
        this.heldOut = heldOut;
        this.users = users;
        this.eligible = eligible;
        this.metrics = metrics;
        this.maxK = maxK;
        this.fixed = fixed;
        this.parameters = parameters;
        this.isVariable = new boolean[base.items()];
        for (int i : variable) {
            isVariable[i] = true;
        }
        this.variableCandidates = new int[metrics.size()][];
        for (int m = 0; m < metrics.size(); m++) {
            boolean[] c = metrics.get(m).candidates();
            if (c != null) {
                // positions in the variable list, ascending, so that ties still go to the lower item index
                variableCandidates[m] = java.util.stream.IntStream.range(0, variable.length)
                        .filter(v -> c[variable[v]]).toArray();
            }
        }
    }

    /** The items whose rows may differ from the base model's, ascending. */
    public int[] variableItems() {
        return variable.clone();
    }

    /**
     * Evaluates {@code model}, which must have the base model's shape, user rows and every fixed item row (checked:
     * a model that differs elsewhere is refused, since its numbers would be wrong).
     */
    public EvaluationResult evaluate(FactorModel model) {
        long start = System.nanoTime();
        requireSameFixedRows(model);
        int d = model.dimension();
        int nv = variable.length;
        float[] rows = new float[nv * d];
        for (int v = 0; v < nv; v++) {
            System.arraycopy(model.itemVectors(), variable[v] * d, rows, v * d, d);
        }
        DotProductScorer scorer = new DotProductScorer(new FactorModel(d, model.users(), nv, model.userVectors(),
                rows));
        int block = Math.max(1, Math.min(users.length, scorer.blockSize()));
        float[] scores = new float[block * nv];
        int metricCount = metrics.size();
        double[] sums = new double[metricCount];
        long[] counts = new long[metricCount];
        for (int from = 0; from < users.length; from += block) {
            int to = Math.min(users.length, from + block);
            if (nv > 0) {
                scorer.score(users, from, to, scores);
            }
            for (int r = 0; r < to - from; r++) {
                int x = from + r;
                int[] own = TopK.select(scores, r * nv, nv, maxK, new int[0], 0, 0);
                int[] ranking = merge(fixed.top()[x], fixed.topScores()[x], own, scores, r * nv, maxK);
                int[] relevant = heldOut.row(users[x]);
                for (int m = 0; m < metricCount; m++) {
                    UserMetric metric = metrics.get(m);
                    int[] list = ranking;
                    if (variableCandidates[m] != null) {
                        int[] c = variableCandidates[m];
                        int[] top = Evaluator.restrictedRanking(scores, r * nv, c, metric.cutoff());
                        list = merge(fixed.restricted()[m][x], fixed.restrictedScores()[m][x], top, scores, r * nv,
                                metric.cutoff());
                    }
                    double value = metric.value(list, relevant);
                    if (!Double.isNaN(value)) {
                        sums[m] += value;
                        counts[m]++;
                    }
                }
            }
        }
        Map<String, Double> result = new LinkedHashMap<>();
        for (int m = 0; m < metricCount; m++) {
            result.put(metrics.get(m).name(), counts[m] == 0 ? Double.NaN : sums[m] / counts[m]);
        }
        return new EvaluationResult(parameters.split(), users.length, result, (System.nanoTime() - start) / 1e9,
                eligible);
    }

    /**
     * The best {@code k} of a fixed list (item ids, their scores) and a variable one (positions in the variable
     * list, their scores at {@code offset + position}), both best first, in {@link TopK}'s order.
     */
    private int[] merge(int[] fixedIds, float[] fixedScores, int[] own, float[] scores, int offset, int k) {
        int n = Math.min(k, fixedIds.length + own.length);
        int[] out = new int[n];
        int a = 0;
        int b = 0;
        for (int p = 0; p < n; p++) {
            boolean takeFixed = b >= own.length || (a < fixedIds.length && TopK.better(fixedScores[a], fixedIds[a],
                    scores[offset + own[b]], variable[own[b]]));
            out[p] = takeFixed ? fixedIds[a++] : variable[own[b++]];
        }
        return out;
    }

    private void requireSameFixedRows(FactorModel model) {
        int d = base.dimension();
        boolean same = model.dimension() == d && model.users() == base.users() && model.items() == base.items()
                && (model.userVectors() == base.userVectors()
                || Arrays.equals(model.userVectors(), base.userVectors()));
        for (int i = 0; same && i < base.items(); i++) {
            if (!isVariable[i] && !Arrays.equals(model.itemVectors(), i * d, i * d + d, base.itemVectors(), i * d,
                    i * d + d)) {
                same = false;
            }
        }
        if (!same) {
            throw new IllegalArgumentException("the model differs from the base model outside the variable rows");
        }
    }
}
