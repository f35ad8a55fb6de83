package org.graphrec.eval;

/**
 * Novelty@K: the mean self-information −log2 p(i) of recommended items, with p(i) = (train interactions of i + 1) /
 * (all train interactions + items) (add-one smoothing, so never-seen items have a finite value). Higher = less
 * popular recommendations.
 */
public final class Novelty extends CutoffMetric implements SystemMetric {

    private final double[] selfInformation;
    private double sum;
    private long count;

    /** {@code popularity[i]} = number of train interactions of item {@code i}. */
    public Novelty(int k, int[] popularity) {
        this(k, selfInformation(popularity));
    }

    private Novelty(int k, double[] selfInformation) {
        super("novelty", k);
        this.selfInformation = selfInformation;
    }

    private static double[] selfInformation(int[] popularity) {
        long total = 0;
        for (int p : popularity) {
            total += p;
        }
        double[] info = new double[popularity.length];
        for (int i = 0; i < info.length; i++) {
            double share = (popularity[i] + 1.0) / (total + popularity.length);
            info[i] = -Math.log(share) / Math.log(2);
        }
        return info;
    }

    @Override
    public void add(int[] ranking) {
        for (int p = 0; p < Math.min(cutoff(), ranking.length); p++) {
            sum += selfInformation[ranking[p]];
            count++;
        }
    }

    @Override
    public void combine(SystemMetric other) {
        Novelty o = (Novelty) other;
        sum += o.sum;
        count += o.count;
    }

    @Override
    public SystemMetric fresh() {
        return new Novelty(cutoff(), selfInformation);
    }

    @Override
    public double result() {
        return count == 0 ? Double.NaN : sum / count;
    }
}
