package org.graphrec.eval;

import java.util.Arrays;

/**
 * Gini index@K of how often each item of the catalogue is recommended in the top K: 0 = every item equally often,
 * → 1 = all recommendations go to one item. G = Σ_j (2j − n − 1) c_(j) / (n Σ c), counts sorted ascending, j from 1.
 */
public final class Gini extends CutoffMetric implements SystemMetric {

    private final Coverage counts;

    public Gini(int k, int items) {
        super("gini", k);
        this.counts = new Coverage(k, items);
    }

    @Override
    public void add(int[] ranking) {
        counts.add(ranking);
    }

    @Override
    public void combine(SystemMetric other) {
        counts.combine(((Gini) other).counts);
    }

    @Override
    public SystemMetric fresh() {
        return new Gini(cutoff(), counts.counts().length);
    }

    @Override
    public double result() {
        long[] c = counts.counts().clone();
        int n = c.length;
        Arrays.sort(c);
        double total = 0;
        double weighted = 0;
        for (int j = 0; j < n; j++) {
            total += c[j];
            weighted += (2.0 * (j + 1) - n - 1) * c[j];
        }
        return total == 0 ? Double.NaN : weighted / (n * total);
    }
}
