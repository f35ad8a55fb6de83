package org.graphrec.eval;

import java.util.ArrayList;
import org.graphrec.propagation.TopK;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.graphrec.propagation.Csr;
import org.graphrec.propagation.InteractionGraph;
import org.graphrec.progress.ProgressTracker;

/**
 * Full-ranking evaluation with the MMRec protocol: for each user with at least one interaction in the held-out split,
 * rank <em>all</em> items by the model's score, remove only that user's train items, and compare the top K with the
 * held-out items; per-user metrics are averaged over those users. Scores come from a {@link Scorer} a block of users
 * at a time; ranking runs on {@code threads} workers. Cost: O(users × items × (d + log K)).
 */
public final class Evaluator {

    /**
     * Heap bytes an evaluation over {@code items} items with a {@link Scorer#defaultBlockSize default block}
     * needs beyond the model: one block of scores (block × items floats, at most 128 MB).
     */
    public static long memoryEstimate(int items) {
        return 4L * Scorer.defaultBlockSize(items) * items;
    }

    private final InteractionGraph graph;
    private final EvaluationParameters parameters;
    private final ProgressTracker progress;

    public Evaluator(InteractionGraph graph, EvaluationParameters parameters, ProgressTracker progress) {
        this.graph = graph;
        this.parameters = parameters;
        this.progress = progress;
    }

    /** The default metric set: Recall, NDCG, Precision at every cutoff, cold-start Recall, coverage, Gini, novelty. */
    public List<UserMetric> defaultUserMetrics() {
        List<UserMetric> metrics = new ArrayList<>();
        for (int k : parameters.cutoffs()) {
            metrics.add(new Recall(k));
            metrics.add(new Ndcg(k));
            metrics.add(new Precision(k));
        }
        boolean[] cold = new boolean[graph.items()];
        Csr byItem = graph.trainByItem();
        for (int i = 0; i < cold.length; i++) {
            cold[i] = byItem.degree(i) == 0;
        }
        metrics.add(new ColdStartRecall(20, cold));
        return metrics;
    }

    public List<SystemMetric> defaultSystemMetrics() {
        List<SystemMetric> metrics = new ArrayList<>();
        int[] popularity = graph.itemPopularity();
        for (int k : parameters.cutoffs()) {
            metrics.add(new Coverage(k, graph.items()));
            metrics.add(new Gini(k, graph.items()));
            metrics.add(new Novelty(k, popularity));
        }
        return metrics;
    }

    /** Evaluates with the default metrics. */
    public EvaluationResult evaluate(Scorer scorer) {
        return evaluate(scorer, defaultUserMetrics(), defaultSystemMetrics());
    }

    public EvaluationResult evaluate(Scorer scorer, List<UserMetric> userMetrics, List<SystemMetric> systemMetrics) {
        long start = System.nanoTime();
        if (scorer.items() != graph.items()) {
            throw new IllegalArgumentException("scorer has " + scorer.items() + " items, graph " + graph.items());
        }
        Csr heldOut = graph.heldOut(parameters.split());
        Csr train = graph.train();
        int[] eligible = java.util.stream.IntStream.range(0, graph.users()).filter(u -> heldOut.degree(u) > 0)
                .toArray();
        int[] users = sample(eligible, parameters.sampleUsers(), parameters.sampleSeed());
        int maxK = Math.max(parameters.maxCutoff(),
                userMetrics.stream().mapToInt(UserMetric::cutoff).max().orElse(1));
        int n = graph.items();
        int block = scorer.blockSize();
        int threads = parameters.threads();
        progress.begin("evaluate " + parameters.split().label() + (users.length < eligible.length
                ? String.format(java.util.Locale.ROOT, " (seeded sample of %,d of %,d users)", users.length,
                eligible.length) : ""), users.length);

        double[] sums = new double[userMetrics.size()];
        long[] counts = new long[userMetrics.size()];
        List<SystemMetric> totals = systemMetrics;
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "graphrec-eval");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            float[] scores = new float[block * n];
            for (int from = 0; from < users.length; from += block) {
                int to = Math.min(users.length, from + block);
                scorer.score(users, from, to, scores);
                int b = to - from;
                int fromF = from;
                List<double[]> partialSums = new ArrayList<>();
                List<long[]> partialCounts = new ArrayList<>();
                List<List<SystemMetric>> partialSystem = new ArrayList<>();
                AtomicInteger next = new AtomicInteger();
                Runnable work = () -> {
                    double[] s = new double[userMetrics.size()];
                    long[] c = new long[userMetrics.size()];
                    List<SystemMetric> sys = systemMetrics.stream().map(SystemMetric::fresh).toList();
                    int r;
                    while ((r = next.getAndIncrement()) < b) {
                        int u = users[fromF + r];
                        int[] ranking = TopK.select(scores, r * n, n, maxK, train.targets(), train.offsets()[u],
                                train.offsets()[u + 1]);
                        int[] relevant = heldOut.row(u);
                        for (int m = 0; m < userMetrics.size(); m++) {
                            double v = userMetrics.get(m).value(ranking, relevant);
                            if (!Double.isNaN(v)) {
                                s[m] += v;
                                c[m]++;
                            }
                        }
                        for (SystemMetric metric : sys) {
                            metric.add(ranking);
                        }
                    }
                    synchronized (partialSums) {
                        partialSums.add(s);
                        partialCounts.add(c);
                        partialSystem.add(sys);
                    }
                };
                if (pool == null) {
                    work.run();
                } else {
                    List<Future<?>> futures = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        futures.add(pool.submit(work));
                    }
                    for (Future<?> f : futures) {
                        f.get();
                    }
                }
                for (int p = 0; p < partialSums.size(); p++) {
                    for (int m = 0; m < sums.length; m++) {
                        sums[m] += partialSums.get(p)[m];
                        counts[m] += partialCounts.get(p)[m];
                    }
                    for (int m = 0; m < totals.size(); m++) {
                        totals.get(m).combine(partialSystem.get(p).get(m));
                    }
                }
                progress.advance(b);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("evaluation failed: " + e.getCause(), e.getCause());
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
            progress.end();
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (int m = 0; m < userMetrics.size(); m++) {
            values.put(userMetrics.get(m).name(), counts[m] == 0 ? Double.NaN : sums[m] / counts[m]);
        }
        for (SystemMetric metric : totals) {
            values.put(metric.name(), metric.result());
        }
        return new EvaluationResult(parameters.split(), users.length, values, (System.nanoTime() - start) / 1e9,
                eligible.length);
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
        int[] chosen = java.util.Arrays.copyOf(pool, size);
        java.util.Arrays.sort(chosen);
        return chosen;
    }
}
