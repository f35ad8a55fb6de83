package org.graphrec.eval;

/** Catalogue coverage@K: the share of all items that appear in at least one user's top K. */
public final class Coverage implements SystemMetric {

    private final int k;
    private final long[] counts;

    public Coverage(int k, int items) {
        this.k = k;
        this.counts = new long[items];
    }

    @Override
    public int cutoff() {
        return k;
    }

    @Override
    public String label() {
        return "coverage";
    }

    @Override
    public void add(int[] ranking) {
        for (int p = 0; p < Math.min(k, ranking.length); p++) {
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
        return new Coverage(k, counts.length);
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
