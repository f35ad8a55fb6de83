package org.graphrec.propagation.trained;

import java.util.Arrays;

/**
 * A compressed-sparse-row float matrix and its product with row-major dense blocks ({@code rows × d} stored
 * flat). The parallel product splits the rows into a fixed set of contiguous chunks of about equal non-zeros,
 * one per thread, and every output row is summed by one thread in column order, so the result is bit-identical
 * for any thread count. Complexity O(nnz · d) per product.
 */
public final class CsrMatrix {

    private final int rows;
    private final int columns;
    private final int[] offsets;
    private final int[] indices;
    private final float[] values;

    public CsrMatrix(int rows, int columns, int[] offsets, int[] indices, float[] values) {
        if (offsets.length != rows + 1 || indices.length != values.length || offsets[rows] != indices.length) {
            throw new IllegalArgumentException("inconsistent CSR arrays");
        }
        this.rows = rows;
        this.columns = columns;
        this.offsets = offsets;
        this.indices = indices;
        this.values = values;
    }

    /** Builds a matrix from COO triplets; entries of the same cell are summed; rows sorted by column. */
    public static CsrMatrix fromTriplets(int rows, int columns, int[] r, int[] c, float[] v, int count) {
        int[] offsets = new int[rows + 1];
        for (int e = 0; e < count; e++) {
            offsets[r[e] + 1]++;
        }
        for (int i = 0; i < rows; i++) {
            offsets[i + 1] += offsets[i];
        }
        int[] cursor = Arrays.copyOf(offsets, rows);
        int[] cols = new int[count];
        float[] vals = new float[count];
        for (int e = 0; e < count; e++) {
            int p = cursor[r[e]]++;
            cols[p] = c[e];
            vals[p] = v[e];
        }
        // sort each row by column and merge duplicates
        int[] outOffsets = new int[rows + 1];
        int write = 0;
        Integer[] order = new Integer[0];
        for (int i = 0; i < rows; i++) {
            int start = offsets[i];
            int end = offsets[i + 1];
            int n = end - start;
            if (order.length < n) {
                order = new Integer[Math.max(n, 2 * order.length)];
            }
            for (int k = 0; k < n; k++) {
                order[k] = start + k;
            }
            final int[] colsRef = cols;
            Arrays.sort(order, 0, n, (a, b) -> Integer.compare(colsRef[a], colsRef[b]));
            int rowStart = write;
            int[] sortedCols = new int[n];
            float[] sortedVals = new float[n];
            for (int k = 0; k < n; k++) {
                sortedCols[k] = cols[order[k]];
                sortedVals[k] = vals[order[k]];
            }
            for (int k = 0; k < n; k++) {
                if (write > rowStart && cols[write - 1] == sortedCols[k]) {
                    vals[write - 1] += sortedVals[k];
                } else {
                    cols[write] = sortedCols[k];
                    vals[write] = sortedVals[k];
                    write++;
                }
            }
            outOffsets[i + 1] = write;
        }
        return new CsrMatrix(rows, columns, outOffsets, Arrays.copyOf(cols, write), Arrays.copyOf(vals, write));
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    public int nonZeros() {
        return indices.length;
    }

    int[] offsets() {
        return offsets;
    }

    int[] indices() {
        return indices;
    }

    float[] values() {
        return values;
    }

    /** The transpose, as a new CSR matrix. */
    public CsrMatrix transpose() {
        int[] tOffsets = new int[columns + 1];
        for (int c : indices) {
            tOffsets[c + 1]++;
        }
        for (int j = 0; j < columns; j++) {
            tOffsets[j + 1] += tOffsets[j];
        }
        int[] cursor = Arrays.copyOf(tOffsets, columns);
        int[] tIndices = new int[indices.length];
        float[] tValues = new float[values.length];
        for (int i = 0; i < rows; i++) {
            for (int p = offsets[i]; p < offsets[i + 1]; p++) {
                int q = cursor[indices[p]]++;
                tIndices[q] = i;
                tValues[q] = values[p];
            }
        }
        return new CsrMatrix(columns, rows, tOffsets, tIndices, tValues);
    }

    /** The value at (row, column), 0 when absent. */
    public float get(int row, int column) {
        int p = Arrays.binarySearch(indices, offsets[row], offsets[row + 1], column);
        return p >= 0 ? values[p] : 0f;
    }

    /**
     * {@code out = this · in} where {@code in} is {@code columns × d} and {@code out} is {@code rows × d}, both
     * row-major flat arrays starting at the given offsets. {@code out} must not alias {@code in}.
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
                float v = values[p];
                int s = inOffset + indices[p] * d;
                for (int k = 0; k < d; k++) {
                    out[o + k] += v * in[s + k];
                }
            }
        }
    }
}
