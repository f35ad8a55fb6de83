package org.graphrec.eval;

/** Catalogue coverage@K: the share of all items that appear in at least one user's top K. */
public final class Coverage extends CutoffMetric implements SystemMetric {

    private final long[] counts;

    public Coverage(int k, int items) {
        super("coverage", k);
        this.counts = new long[items];
    }

    @Override
    public void add(int[] ranking) {
        for (int p = 0; p < Math.min(cutoff(), ranking.length); p++) {
            counts[ranking[p]]++;
        }
    }

    @Override
    public void combine(SystemMetric other) {
        long[] o = ((Coverage) other).counts;
        for (int i = 0; i < counts.length; i++) {
            counts[i] += o[i];
        }
    }

    @Override
    public SystemMetric fresh() {
        return new Coverage(cutoff(), counts.length);
    }

    @Override
    public double result() {
        if (counts.length == 0) {
            return Double.NaN;
        }
        int covered = 0;
        for (long c : counts) {
            if (c > 0) {
                covered++;
            }
        }
        return (double) covered / counts.length;
    }

    long[] counts() {
        return counts;
    }
}
