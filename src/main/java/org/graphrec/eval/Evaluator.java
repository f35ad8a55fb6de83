package org.graphrec.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.graphrec.core.Csr;
import org.graphrec.core.FactorModel;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.Parallel;
import org.graphrec.core.TopK;
import org.graphrec.progress.ProgressTracker;

/**
 * Full-ranking evaluation with the MMRec protocol, the one evaluator of graphrec ({@code evaluate}, the run summary
 * of {@code propagate}, early stopping of the trained modes, the refresh gate, every harness): for each user with
 * at least one interaction in the held-out split, rank <em>all</em> items by the model's score, remove only that
 * user's train items, and compare the top K with the held-out items; per-user metrics are averaged over those users.
 * Scores come from a {@link Scorer} a block of users at a time; ranking runs on the workers of a {@link Parallel}
 * in a fixed partition, and per-user values are summed in user order, so the result is the same for any thread
 * count. Cost: O(users × items × (d + log K)).
 */
public final class Evaluator {

    /**
     * Heap bytes an evaluation over {@code items} items with a {@link Scorer#defaultBlockSize default block}
     * needs beyond the model: one block of scores (block × items floats, at most 128 MB).
     */
    public static long memoryEstimate(int items) {
        return 4L * Scorer.defaultBlockSize(items) * items;
    }

    private final Csr train;
    private final Csr heldOut;
    private final EvaluationParameters parameters;
    private final ProgressTracker progress;
    private final Parallel parallel;

    /** Evaluates on the graph's held-out split named by the parameters. */
    public Evaluator(InteractionGraph graph, EvaluationParameters parameters, ProgressTracker progress) {
        this(graph.train(), graph.heldOut(parameters.split()), parameters, progress);
    }

    /**
     * Evaluates against {@code heldOut} (users × items, rows sorted), masking {@code train} (users × items, rows
     * sorted).
     */
    public Evaluator(Csr train, Csr heldOut, EvaluationParameters parameters, ProgressTracker progress) {
        this(train, heldOut, parameters, progress, null);
    }

    private Evaluator(Csr train, Csr heldOut, EvaluationParameters parameters, ProgressTracker progress,
                      Parallel parallel) {
        if (train.rows() != heldOut.rows() || train.columns() != heldOut.columns()) {
            throw new IllegalArgumentException("train and held-out interactions differ in shape");
        }
        this.train = train;
        this.heldOut = heldOut;
        this.parameters = parameters;
        this.progress = progress;
        this.parallel = parallel;
    }

    /** The same evaluator ranking on the given workers (default: the shared pool, or one thread if asked for). */
    public Evaluator withParallel(Parallel workers) {
        return new Evaluator(train, heldOut, parameters, progress, workers);
    }

    /**
     * The default per-user metrics: Recall, NDCG, Precision at every cutoff, and cold-start Recall@20 ranked among all
     * items and among the cold items only.
     */
    public List<UserMetric> defaultUserMetrics() {
        List<UserMetric> metrics = new ArrayList<>();
        for (int k : parameters.cutoffs()) {
            metrics.add(new Recall(k));
            metrics.add(new Ndcg(k));
            metrics.add(new Precision(k));
        }
        int[] popularity = itemPopularity();
        boolean[] cold = new boolean[popularity.length];
        for (int i = 0; i < cold.length; i++) {
            cold[i] = popularity[i] == 0;
        }
        metrics.add(new ColdStartRecall(20, cold));
        metrics.add(new ColdOnlyRecall(20, cold));
        return metrics;
    }

    public List<SystemMetric> defaultSystemMetrics() {
        List<SystemMetric> metrics = new ArrayList<>();
        int[] popularity = itemPopularity();
        for (int k : parameters.cutoffs()) {
            metrics.add(new Coverage(k, train.columns()));
            metrics.add(new Gini(k, train.columns()));
            metrics.add(new Novelty(k, popularity));
        }
        return metrics;
    }

    private int[] itemPopularity() {
        int[] popularity = new int[train.columns()];
        for (int item : train.targets()) {
            popularity[item]++;
        }
        return popularity;
    }

    /** Evaluates with the default metrics. */
    public EvaluationResult evaluate(Scorer scorer) {
        return evaluate(scorer, defaultUserMetrics(), defaultSystemMetrics());
    }

    public EvaluationResult evaluate(Scorer scorer, List<UserMetric> userMetrics, List<SystemMetric> systemMetrics) {
        long start = System.nanoTime();
        int n = train.columns();
        if (scorer.items() != n) {
            throw new IllegalArgumentException("scorer has " + scorer.items() + " items, graph " + n);
        }
        int[] eligible = eligibleUsers();
        int[] users = sample(eligible, parameters.sampleUsers(), parameters.sampleSeed());
        int maxK = maxCutoff(userMetrics);
        int block = scorer.blockSize();
        Parallel workers = workers();
        progress.begin("evaluate " + parameters.split().label() + (users.length < eligible.length
                ? String.format(Locale.ROOT, " (seeded sample of %,d of %,d users)", users.length,
                eligible.length) : ""), users.length);
        int metricCount = userMetrics.size();
        int[][] candidates = new int[metricCount][];
        for (int m = 0; m < metricCount; m++) {
            boolean[] c = userMetrics.get(m).candidates();
            candidates[m] = c == null ? null : IntStream.range(0, n).filter(i -> c[i]).toArray();
        }
        double[] sums = new double[metricCount];
        long[] counts = new long[metricCount];
        try {
            float[] scores = new float[block * n];
            double[] values = new double[block * metricCount];
            for (int from = 0; from < users.length; from += block) {
                int to = Math.min(users.length, from + block);
                scorer.score(users, from, to, scores);
                int b = to - from;
                int fromF = from;
                int[] bounds = workers.ranges(b);
                List<List<SystemMetric>> partialSystem = new ArrayList<>();
                for (int p = 0; p + 1 < bounds.length; p++) {
                    partialSystem.add(systemMetrics.stream().map(SystemMetric::fresh).toList());
                }
                workers.run(bounds.length - 1, part -> {
                    List<SystemMetric> sys = partialSystem.get(part);
                    for (int r = bounds[part]; r < bounds[part + 1]; r++) {
                        int u = users[fromF + r];
                        int[] ranking = TopK.select(scores, r * n, n, maxK, train.targets(), train.offsets()[u],
                                train.offsets()[u + 1]);
                        int[] relevant = heldOut.row(u);
                        for (int m = 0; m < metricCount; m++) {
                            UserMetric metric = userMetrics.get(m);
                            values[r * metricCount + m] = metric.value(candidates[m] == null ? ranking
                                    : restrictedRanking(scores, r * n, candidates[m], metric.cutoff()), relevant);
                        }
                        for (SystemMetric metric : sys) {
                            metric.add(ranking);
                        }
                    }
                });
                for (int r = 0; r < b; r++) {
                    for (int m = 0; m < metricCount; m++) {
                        double v = values[r * metricCount + m];
                        if (!Double.isNaN(v)) {
                            sums[m] += v;
                            counts[m]++;
                        }
                    }
                }
                for (List<SystemMetric> partial : partialSystem) {
                    for (int m = 0; m < systemMetrics.size(); m++) {
                        systemMetrics.get(m).combine(partial.get(m));
                    }
                }
                progress.advance(b);
            }
        } finally {
            release(workers);
            progress.end();
        }
        Map<String, Double> result = new LinkedHashMap<>();
        for (int m = 0; m < metricCount; m++) {
            result.put(userMetrics.get(m).name(), counts[m] == 0 ? Double.NaN : sums[m] / counts[m]);
        }
        for (SystemMetric metric : systemMetrics) {
            result.put(metric.name(), metric.result());
        }
        return new EvaluationResult(parameters.split(), users.length, result, (System.nanoTime() - start) / 1e9,
                eligible.length);
    }

    /**
     * Prepares the evaluation of models that share {@code base}'s user rows and item rows except those of the
     * {@code variable} items, which must have no train interaction (see {@link VariableRowsEvaluation}): ranks the
     * fixed items once for the evaluated users with {@code base}'s scores (the same users {@link #evaluate} takes).
     */
    public VariableRowsEvaluation forVariableRows(FactorModel base, int[] variable, List<UserMetric> userMetrics) {
        int n = train.columns();
        if (base.items() != n) {
            throw new IllegalArgumentException("model has " + base.items() + " items, graph " + n);
        }
        int[] sortedVariable = Arrays.stream(variable).sorted().distinct().toArray();
        boolean[] isVariable = new boolean[n];
        for (int i : sortedVariable) {
            isVariable[i] = true;
        }
        for (int item : train.targets()) {
            if (isVariable[item]) {
                throw new IllegalArgumentException("variable item " + item + " has train interactions");
            }
        }
        int[] eligible = eligibleUsers();
        int[] users = sample(eligible, parameters.sampleUsers(), parameters.sampleSeed());
        int maxK = maxCutoff(userMetrics);
        int metricCount = userMetrics.size();
        int[][] fixedCandidates = new int[metricCount][];
        for (int m = 0; m < metricCount; m++) {
            boolean[] c = userMetrics.get(m).candidates();
            fixedCandidates[m] = c == null ? null : IntStream.range(0, n).filter(i -> c[i] && !isVariable[i])
                    .toArray();
        }
        Ranked fixed = new Ranked(new int[users.length][], new float[users.length][],
                new int[metricCount][users.length][], new float[metricCount][users.length][]);
        DotProductScorer scorer = new DotProductScorer(base);
        int block = scorer.blockSize();
        Parallel workers = workers();
        progress.begin("rank the fixed items for " + users.length + " users", users.length);
        try {
            float[] scores = new float[block * n];
            for (int from = 0; from < users.length; from += block) {
                int to = Math.min(users.length, from + block);
                scorer.score(users, from, to, scores);
                int fromF = from;
                int[] bounds = workers.ranges(to - from);
                workers.run(bounds.length - 1, part -> {
                    for (int r = bounds[part]; r < bounds[part + 1]; r++) {
                        int x = fromF + r;
                        int u = users[x];
                        int[] mask = union(train.targets(), train.offsets()[u], train.offsets()[u + 1],
                                sortedVariable);
                        fixed.top()[x] = TopK.select(scores, r * n, n, maxK, mask, 0, mask.length);
                        fixed.topScores()[x] = scoresOf(scores, r * n, fixed.top()[x]);
                        for (int m = 0; m < metricCount; m++) {
                            if (fixedCandidates[m] != null) {
                                int[] top = restrictedRanking(scores, r * n, fixedCandidates[m],
                                        userMetrics.get(m).cutoff());
                                fixed.restricted()[m][x] = top;
                                fixed.restrictedScores()[m][x] = scoresOf(scores, r * n, top);
                            }
                        }
                    }
                });
                progress.advance(to - from);
            }
        } finally {
            release(workers);
            progress.end();
        }
        return new VariableRowsEvaluation(base, sortedVariable, heldOut, users, eligible.length, userMetrics, maxK,
                fixed, parameters);
    }

    /** Users with at least one held-out interaction, ascending. */
    private int[] eligibleUsers() {
        return IntStream.range(0, heldOut.rows()).filter(u -> heldOut.degree(u) > 0).toArray();
    }

    private int maxCutoff(List<UserMetric> userMetrics) {
        return Math.max(parameters.maxCutoff(), userMetrics.stream().mapToInt(UserMetric::cutoff).max().orElse(1));
    }

    /** The workers to rank on: the given ones, else the shared pool, or one thread if asked for. */
    private Parallel workers() {
        return parallel != null ? parallel : parameters.threads() == 1 ? new Parallel(1) : Parallel.shared();
    }

    private void release(Parallel workers) {
        if (workers != parallel && workers != Parallel.shared()) {
            workers.close();
        }
    }

    /**
     * Per evaluated user (in evaluation order): the fixed items' best {@code K} and their scores, and per restricted
     * metric (null rows for the others) the best fixed candidates and their scores.
     */
    record Ranked(int[][] top, float[][] topScores, int[][][] restricted, float[][][] restrictedScores) {
    }

    private static float[] scoresOf(float[] scores, int offset, int[] items) {
        float[] out = new float[items.length];
        for (int p = 0; p < items.length; p++) {
            out[p] = scores[offset + items[p]];
        }
        return out;
    }

    /** The sorted union of {@code a[from..to)} and {@code b}, both sorted. */
    private static int[] union(int[] a, int from, int to, int[] b) {
        int[] out = new int[to - from + b.length];
        int i = from;
        int j = 0;
        int k = 0;
        while (i < to || j < b.length) {
            if (j >= b.length || (i < to && a[i] < b[j])) {
                out[k++] = a[i++];
            } else if (i >= to || b[j] < a[i]) {
                out[k++] = b[j++];
            } else {
                out[k++] = a[i++];
                j++;
            }
        }
        return Arrays.copyOf(out, k);
    }

    /** The best {@code k} of {@code candidates} by {@code scores[offset + item]}, as item indices. */
    static int[] restrictedRanking(float[] scores, int offset, int[] candidates, int k) {
        float[] own = new float[candidates.length];
        for (int j = 0; j < candidates.length; j++) {
            own[j] = scores[offset + candidates[j]];
        }
        int[] top = TopK.select(own, 0, own.length, k, new int[0], 0, 0);
        for (int p = 0; p < top.length; p++) {
            top[p] = candidates[top[p]];
        }
        return top;
    }

    /**
     * A uniform sample of {@code size} of the {@code users} (all of them when {@code size} is 0 or not smaller),
     * drawn by a partial Fisher–Yates shuffle seeded with {@code seed}, returned in ascending order.
     */
    static int[] sample(int[] users, int size, long seed) {
        if (size <= 0 || size >= users.length) {
            return users;
        }
        int[] pool = users.clone();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(pool.length - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        int[] chosen = Arrays.copyOf(pool, size);
        Arrays.sort(chosen);
        return chosen;
    }
}
