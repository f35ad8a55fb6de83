package org.graphrec.eval;

import java.util.Arrays;

/**
 * NDCG@K with binary gains and log2 discount: DCG = Σ_{p<K, item p relevant} 1/log2(p + 2), divided by the ideal
 * DCG over min(|relevant|, K) positions (MMRec's definition).
 */
public final class Ndcg extends CutoffMetric implements UserMetric {

    public Ndcg(int cutoff) {
        super("ndcg", cutoff);
    }

    @Override
    public double value(int[] ranking, int[] relevant) {
        double dcg = 0;
        for (int p = 0; p < Math.min(cutoff(), ranking.length); p++) {
            if (Arrays.binarySearch(relevant, ranking[p]) >= 0) {
                dcg += 1 / log2(p + 2);
            }
        }
        double ideal = 0;
        for (int p = 0; p < Math.min(cutoff(), relevant.length); p++) {
            ideal += 1 / log2(p + 2);
        }
        return dcg / ideal;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
