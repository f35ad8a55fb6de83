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

    public static Metrics evaluate(TrainingGraph graph, float[] userEmbeddings, float[] itemEmbeddings, int d,
                                   int[][] targets, int k, Parallel parallel) {
        int users = graph.users();
        int items = graph.items();
        int kk = Math.min(k, items);
        INDArray itemMatrix = DenseBlocks.matrix(itemEmbeddings, items, d);
        double[] idcg = new double[kk + 1];
        for (int i = 1; i <= kk; i++) {
            idcg[i] = idcg[i - 1] + 1.0 / log2(i + 1);
        }
        double[] recallPart = new double[parallel.threads()];
        double[] ndcgPart = new double[parallel.threads()];
        int counted = 0;
        for (int u = 0; u < users; u++) {
            if (targets[u].length > 0) {
                counted++;
            }
        }
        for (int from = 0; from < users; from += BLOCK) {
            int to = Math.min(users, from + BLOCK);
            float[] scores = DenseBlocks.scores(userEmbeddings, from, to, d, itemMatrix);
            int start = from;
            int[] bounds = parallel.ranges(to - from);
            parallel.run(bounds.length - 1, part -> {
                TopK top = new TopK(kk);
                double recall = 0;
                double ndcg = 0;
                for (int r = bounds[part]; r < bounds[part + 1]; r++) {
                    int u = start + r;
                    int[] target = targets[u];
                    if (target.length == 0) {
                        continue;
                    }
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
