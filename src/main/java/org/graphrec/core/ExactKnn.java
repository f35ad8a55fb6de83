package org.graphrec.core;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.graphrec.progress.ProgressTracker;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Exact top-k cosine neighbours of every item of one modality: the one exact kNN of graphrec (the closed form's
 * {@code SIMILAR} graphs and the trained mode's frozen item–item graphs). Vectors are L2-normalised, then a block of
 * {@code blockRows} rows at a time is multiplied with all vectors (one ND4J GEMM, {@code blockRows × items} floats,
 * never {@code items × items}) and the k best columns of each row are kept, with or without the item itself. Items
 * without a vector (or with a zero vector) get no neighbours and are nobody's neighbour. Cost
 * O(items² · dimension) time, O(blockRows · items) extra memory; deterministic (ties go to the lower index).
 */
public final class ExactKnn {

    /** Rows per GEMM block by default: 1,024 × items floats. */
    public static final int DEFAULT_BLOCK_ROWS = 1024;

    private final int k;
    private final int blockRows;
    private final boolean includeSelf;
    private final Parallel parallel;
    private final ProgressTracker progress;

    /**
     * @param k           neighbours per item (≥ 1; fewer when fewer items have vectors)
     * @param blockRows   rows per GEMM block (≥ 1)
     * @param includeSelf whether an item is its own first neighbour (FREEDOM's item graphs) or excluded
     *                    ({@code SIMILAR})
     */
    public ExactKnn(int k, int blockRows, boolean includeSelf, Parallel parallel, ProgressTracker progress) {
        this.k = Require.atLeast("k", k, 1);
        this.blockRows = Require.atLeast("blockRows", blockRows, 1);
        this.includeSelf = includeSelf;
        this.parallel = parallel;
        this.progress = progress;
    }

    /** Heap bytes for {@code items} vectors of {@code dimension}: normalised copy, one similarity block, result. */
    public static long memoryEstimate(int items, int dimension, int k, int blockRows) {
        return 4L * items * dimension + 4L * Math.min(blockRows, items) * items + 8L * items * k + 4L * items;
    }

    /**
     * The neighbour lists: an {@code items × items} CSR whose rows are in rank order (best first, not sorted by
     * column), weighted by the cosine similarity.
     */
    public Csr compute(ModalityMatrix modality) {
        int n = modality.items();
        int d = modality.dimension();
        float[] vectors = modality.vectors();
        int[] rows = IntStream.range(0, n).filter(i -> modality.present()[i] && norm(vectors, i, d) > 0).toArray();
        int m = rows.length;
        int kk = includeSelf ? Math.min(k, m) : Math.min(k, Math.max(0, m - 1));
        float[] unit = new float[m * d];
        for (int r = 0; r < m; r++) {
            double norm = norm(vectors, rows[r], d);
            for (int c = 0; c < d; c++) {
                unit[r * d + c] = (float) (vectors[rows[r] * d + c] / norm);
            }
        }
        int[] targets = new int[m * kk];
        float[] scores = new float[m * kk];
        progress.begin("kNN " + modality.name() + " (k=" + k + ")", m);
        try {
            if (m > 0 && kk > 0) {
                int rowsPerBlock = Math.min(blockRows, m);
                try (INDArray all = Nd4j.create(unit, new long[] {m, d}, 'c');
                     INDArray block = Nd4j.create(DataType.FLOAT, new long[] {rowsPerBlock, m}, 'c')) {
                    for (int from = 0; from < m; from += rowsPerBlock) {
                        int to = Math.min(m, from + rowsPerBlock);
                        // the last, shorter block gets an output of its own; all others reuse one
                        try (INDArray q = DenseMath.floatMatrix(Arrays.copyOfRange(unit, from * d, to * d), to - from,
                                d);
                             INDArray last = to - from == rowsPerBlock ? null
                                     : Nd4j.create(DataType.FLOAT, new long[] {to - from, m}, 'c')) {
                            INDArray out = last == null ? block : last;
                            Nd4j.gemm(q, all, out, false, true, 1.0, 0.0);
                            selectBlock(out.data().asNioFloat(), from, to, m, kk, rows, targets, scores);
                        }
                        progress.advance(to - from);
                    }
                }
            }
        } finally {
            progress.end();
        }
        return scatter(n, m, kk, rows, targets, scores);
    }

    private void selectBlock(FloatBuffer sims, int from, int to, int m, int kk, int[] rows, int[] targets,
                             float[] scores) {
        int[] bounds = parallel.ranges(to - from);
        parallel.run(bounds.length - 1, part -> {
            for (int b = bounds[part]; b < bounds[part + 1]; b++) {
                int r = from + b;
                int kept = TopK.selectRow(sims, b * m, m, kk, includeSelf ? -1 : r, targets, scores, r * kk);
                for (int p = 0; p < kept; p++) {
                    targets[r * kk + p] = rows[targets[r * kk + p]];
                }
            }
        });
    }

    /** Rows of the present items hold their k entries, the other rows are empty. */
    private static Csr scatter(int n, int m, int kk, int[] rows, int[] targets, float[] scores) {
        int[] position = new int[n];
        Arrays.fill(position, -1);
        for (int r = 0; r < m; r++) {
            position[rows[r]] = r;
        }
        int[] offsets = new int[n + 1];
        int[] outTargets = new int[m * kk];
        float[] outScores = new float[m * kk];
        int out = 0;
        for (int i = 0; i < n; i++) {
            int r = position[i];
            if (r >= 0) {
                System.arraycopy(targets, r * kk, outTargets, out, kk);
                System.arraycopy(scores, r * kk, outScores, out, kk);
                out += kk;
            }
            offsets[i + 1] = out;
        }
        return new Csr(n, n, offsets, outTargets, outScores);
    }

    private static double norm(float[] v, int row, int d) {
        double s = 0;
        for (int c = 0; c < d; c++) {
            double x = v[row * d + c];
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
