package org.graphrec.propagation.trained;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Recall@K and NDCG@K under the MMRec protocol, for early stopping inside training (the shared evaluator of the
 * propagation package is the reference for reported numbers): for every user with target items, rank
 * <b>all</b> items by dot product, mask only that user's <b>train</b> items, Recall@K = hits / |targets|,
 * NDCG@K with binary gains and the ideal DCG over min(|targets|, K) positions; both averaged over those users.
 * Scores come from ND4J GEMM in blocks of users; ties go to the lower item id.
 */
public final class RankingEvaluator {

    private static final int BLOCK = 1024;

    /** Mean metrics over the users that have targets. */
    public record Metrics(double recall, double ndcg, int users) {
    }

    private RankingEvaluator() {
    }

    /** Metrics over every user that has targets. */
    public static Metrics evaluate(TrainingGraph graph, float[] userEmbeddings, float[] itemEmbeddings, int d,
                                   int[][] targets, int k, Parallel parallel) {
        return evaluate(graph, userEmbeddings, itemEmbeddings, d, targets, k, parallel,
                sampleUsers(targets, 0, 0L));
    }

    /**
     * Metrics over the given users (ascending ids, each with targets); only their rows are scored, so a sample of
     * users costs proportionally less.
     */
    public static Metrics evaluate(TrainingGraph graph, float[] userEmbeddings, float[] itemEmbeddings, int d,
                                   int[][] targets, int k, Parallel parallel, int[] evaluatedUsers) {
        int items = graph.items();
        int kk = Math.min(k, items);
        INDArray itemMatrix = DenseBlocks.matrix(itemEmbeddings, items, d);
        double[] idcg = new double[kk + 1];
        for (int i = 1; i <= kk; i++) {
            idcg[i] = idcg[i - 1] + 1.0 / log2(i + 1);
        }
        double[] recallPart = new double[parallel.threads()];
        double[] ndcgPart = new double[parallel.threads()];
        int counted = evaluatedUsers.length;
        float[] block = new float[Math.min(BLOCK, Math.max(1, counted)) * d];
        for (int from = 0; from < counted; from += BLOCK) {
            int to = Math.min(counted, from + BLOCK);
            for (int r = from; r < to; r++) {
                System.arraycopy(userEmbeddings, evaluatedUsers[r] * d, block, (r - from) * d, d);
            }
            float[] scores = DenseBlocks.scores(block, 0, to - from, d, itemMatrix);
            int start = from;
            int[] bounds = parallel.ranges(to - from);
            parallel.run(bounds.length - 1, part -> {
                TopK top = new TopK(kk);
                double recall = 0;
                double ndcg = 0;
                for (int r = bounds[part]; r < bounds[part + 1]; r++) {
                    int u = evaluatedUsers[start + r];
                    int[] target = targets[u];
                    top.reset();
                    int base = r * items;
                    int p = graph.userOffsets()[u];
                    int end = graph.userOffsets()[u + 1];
                    for (int i = 0; i < items; i++) {
                        if (p < end && graph.userItems()[p] == i) {
                            p++;
                            continue;
                        }
                        top.offer(i, scores[base + i]);
                    }
                    int hits = 0;
                    double dcg = 0;
                    for (int rank = 0; rank < top.size; rank++) {
                        if (contains(target, top.ids[rank])) {
                            hits++;
                            dcg += 1.0 / log2(rank + 2);
                        }
                    }
                    recall += (double) hits / target.length;
                    ndcg += dcg / idcg[Math.min(target.length, kk)];
                }
                recallPart[part] += recall;
                ndcgPart[part] += ndcg;
            });
        }
        double recall = 0;
        double ndcg = 0;
        for (int t = 0; t < recallPart.length; t++) {
            recall += recallPart[t];
            ndcg += ndcgPart[t];
        }
        return counted == 0 ? new Metrics(0, 0, 0) : new Metrics(recall / counted, ndcg / counted, counted);
    }

    /**
     * The users with targets, ascending; with {@code sample > 0} a seeded uniform sample of at most {@code sample}
     * of them (partial Fisher–Yates with its own generator, so the training random stream is untouched).
     */
    public static int[] sampleUsers(int[][] targets, int sample, long seed) {
        int eligible = 0;
        for (int[] t : targets) {
            if (t.length > 0) {
                eligible++;
            }
        }
        int[] ids = new int[eligible];
        int n = 0;
        for (int u = 0; u < targets.length; u++) {
            if (targets[u].length > 0) {
                ids[n++] = u;
            }
        }
        if (sample <= 0 || sample >= eligible) {
            return ids;
        }
        SplitMix64 rng = new SplitMix64(seed ^ 0x76A11DA7E5EEDL);
        for (int i = 0; i < sample; i++) {
            int j = i + rng.nextInt(eligible - i);
            int tmp = ids[i];
            ids[i] = ids[j];
            ids[j] = tmp;
        }
        int[] chosen = java.util.Arrays.copyOf(ids, sample);
        java.util.Arrays.sort(chosen);
        return chosen;
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
