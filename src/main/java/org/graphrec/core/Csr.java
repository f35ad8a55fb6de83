package org.graphrec.core;

import java.util.Arrays;

/**
 * A compressed sparse row matrix with int column indices and optional float weights (absent = all ones): the one
 * sparse matrix of graphrec (interactions, adjacency, item–item graphs, kNN lists). Rows built by
 * {@link #fromCoordinates} are sorted by column and hold no duplicates; kNN results keep their rows in rank order.
 * Immutable once built; the arrays are exposed for fast loops and must not be modified. The product with dense
 * row-major blocks ({@link #multiply}) sums every output row on one thread in stored order, so it is bit-identical
 * for any thread count; cost O(nnz · d).
 */
public final class Csr {

    private final int rows;
    private final int columns;
    private final int[] offsets;
    private final int[] targets;
    private final float[] weights;

    /** Wraps arrays without copying: {@code offsets} has {@code rows + 1} entries; {@code weights} may be null. */
    public Csr(int rows, int columns, int[] offsets, int[] targets, float[] weights) {
        if (offsets.length != rows + 1 || offsets[rows] != targets.length
                || (weights != null && weights.length != targets.length)) {
            throw new IllegalArgumentException("inconsistent CSR arrays");
        }
        this.rows = rows;
        this.columns = columns;
        this.offsets = offsets;
        this.targets = targets;
        this.weights = weights;
    }

    /** An empty {@code rows × columns} matrix. */
    public static Csr empty(int rows, int columns) {
        return new Csr(rows, columns, new int[rows + 1], new int[0], null);
    }

    /**
     * Builds a matrix from coordinate lists (unsorted; duplicate (row, column) pairs are summed). {@code w} may be
     * null (all ones; duplicates then collapse to one entry of weight 1 and the result is unweighted).
     */
    public static Csr fromCoordinates(int rows, int columns, int[] r, int[] c, float[] w, int count) {
        int[] offsets = new int[rows + 1];
        for (int e = 0; e < count; e++) {
            offsets[r[e] + 1]++;
        }
        for (int i = 0; i < rows; i++) {
            offsets[i + 1] += offsets[i];
        }
        int[] fill = Arrays.copyOf(offsets, rows);
        int[] t = new int[count];
        float[] v = w == null ? null : new float[count];
        for (int e = 0; e < count; e++) {
            int p = fill[r[e]]++;
            t[p] = c[e];
            if (v != null) {
                v[p] = w[e];
            }
        }
        // sort each row by column and merge duplicates
        int[] outOffsets = new int[rows + 1];
        int out = 0;
        for (int i = 0; i < rows; i++) {
            int from = offsets[i];
            int to = offsets[i + 1];
            sortRow(t, v, from, to);
            int rowStart = out;
            for (int p = from; p < to; p++) {
                if (out > rowStart && t[out - 1] == t[p]) {
                    if (v != null) {
                        v[out - 1] += v[p];
                    }
                } else {
                    t[out] = t[p];
                    if (v != null) {
                        v[out] = v[p];
                    }
                    out++;
                }
            }
            outOffsets[i + 1] = out;
        }
        return new Csr(rows, columns, outOffsets, Arrays.copyOf(t, out), v == null ? null : Arrays.copyOf(v, out));
    }

    private static void sortRow(int[] t, float[] v, int from, int to) {
        if (v == null) {
            Arrays.sort(t, from, to);
            return;
        }
        // insertion sort for short rows, index sort otherwise
        if (to - from < 32) {
            for (int a = from + 1; a < to; a++) {
                int key = t[a];
                float val = v[a];
                int b = a - 1;
                while (b >= from && t[b] > key) {
                    t[b + 1] = t[b];
                    v[b + 1] = v[b];
                    b--;
                }
                t[b + 1] = key;
                v[b + 1] = val;
            }
            return;
        }
        long[] packed = new long[to - from];
        for (int p = from; p < to; p++) {
            packed[p - from] = ((long) t[p] << 32) | (p - from);
        }
        Arrays.sort(packed);
        float[] vs = Arrays.copyOfRange(v, from, to);
        for (int p = from; p < to; p++) {
            long x = packed[p - from];
            t[p] = (int) (x >>> 32);
            v[p] = vs[(int) x];
        }
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    /** Number of stored entries. */
    public int nonZeros() {
        return targets.length;
    }

    public int degree(int row) {
        return offsets[row + 1] - offsets[row];
    }

    public int[] offsets() {
        return offsets;
    }

    public int[] targets() {
        return targets;
    }

    /** The weights, or null when every stored entry is 1. */
    public float[] weights() {
        return weights;
    }

    public float weight(int position) {
        return weights == null ? 1f : weights[position];
    }

    /** The column indices of {@code row}, as a fresh array. */
    public int[] row(int row) {
        return Arrays.copyOfRange(targets, offsets[row], offsets[row + 1]);
    }

    /** True when {@code row} holds {@code column} (binary search). */
    public boolean contains(int row, int column) {
        return Arrays.binarySearch(targets, offsets[row], offsets[row + 1], column) >= 0;
    }

    /** The row of every stored entry, in storage order (e.g. the user of each train interaction). */
    public int[] rowOfEntries() {
        int[] rows = new int[targets.length];
        for (int r = 0; r < this.rows; r++) {
            Arrays.fill(rows, offsets[r], offsets[r + 1], r);
        }
        return rows;
    }

    /** The value at (row, column), 0 when absent (binary search: rows must be sorted by column). */
    public float get(int row, int column) {
        int p = Arrays.binarySearch(targets, offsets[row], offsets[row + 1], column);
        return p < 0 ? 0f : weight(p);
    }

    /**
     * {@code out = this · in} where {@code in} is {@code columns × d} and {@code out} is {@code rows × d}, both
     * row-major flat arrays starting at the given offsets; {@code out} must not alias {@code in}. Rows are split
     * into chunks of about equal non-zeros, one per thread of {@code parallel}.
     */
    public void multiply(float[] in, int inOffset, float[] out, int outOffset, int d, Parallel parallel) {
        int[] bounds = parallel.partition(offsets);
        parallel.run(bounds.length - 1, chunk -> multiplyRows(in, inOffset, out, outOffset, d, bounds[chunk],
                bounds[chunk + 1]));
    }

    private void multiplyRows(float[] in, int inOffset, float[] out, int outOffset, int d, int from, int to) {
        for (int i = from; i < to; i++) {
            int o = outOffset + i * d;
            Arrays.fill(out, o, o + d, 0f);
            for (int p = offsets[i]; p < offsets[i + 1]; p++) {
                float v = weights == null ? 1f : weights[p];
                int s = inOffset + targets[p] * d;
                for (int k = 0; k < d; k++) {
                    out[o + k] += v * in[s + k];
                }
            }
        }
    }

    /** The transposed matrix ({@code columns × rows}). */
    public Csr transpose() {
        int[] tOffsets = new int[columns + 1];
        for (int t : targets) {
            tOffsets[t + 1]++;
        }
        for (int c = 0; c < columns; c++) {
            tOffsets[c + 1] += tOffsets[c];
        }
        int[] fill = Arrays.copyOf(tOffsets, columns);
        int[] tTargets = new int[targets.length];
        float[] tWeights = weights == null ? null : new float[targets.length];
        for (int r = 0; r < rows; r++) {
            for (int p = offsets[r]; p < offsets[r + 1]; p++) {
                int q = fill[targets[p]]++;
                tTargets[q] = r;
                if (tWeights != null) {
                    tWeights[q] = weights[p];
                }
            }
        }
        return new Csr(columns, rows, tOffsets, tTargets, tWeights);
    }

    /** Bytes held by the arrays. */
    public long bytes() {
        return 4L * offsets.length + 4L * targets.length + (weights == null ? 0 : 4L * weights.length);
    }
}
