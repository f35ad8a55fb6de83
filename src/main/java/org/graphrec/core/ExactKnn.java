package org.graphrec.core;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.graphrec.progress.ProgressTracker;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Exact top-k cosine neighbours of every item of one modality: the one exact kNN of graphrec (the closed form's
 * {@code SIMILAR} graphs and the trained mode's frozen item–item graphs). Vectors are L2-normalised, then a block of
 * {@code blockRows} rows at a time is multiplied with all vectors (one ND4J GEMM, {@code blockRows × items} floats,
 * never {@code items × items}, into one reused native buffer) and the k best columns of each row are selected
 * straight from that buffer ({@link TopK#selectRow}: one pass, one compare per column, nothing copied to the heap),
 * with or without the item itself; the time is the GEMM's (docs/scale.md, "kNN"). Items
 * without a vector (or with a zero vector) get no neighbours and are nobody's neighbour. Cost
 * O(items² · dimension) time, O(blockRows · items) extra memory; deterministic (ties go to the lower index).
 */
public final class ExactKnn {

    /** Rows per GEMM block by default: 1,024 × items floats. */
    public static final int DEFAULT_BLOCK_ROWS = 1024;
    /** Similarities in one block at most (256 MiB): above 65,536 items a block has fewer rows than asked for. */
    static final long MAX_BLOCK_FLOATS = 1L << 26;

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
        return 4L * items * dimension + 4L * Math.min(rowsPerBlock(blockRows, items), items) * items
                + 8L * items * k + 4L * items;
    }

    /**
     * The rows of one block over {@code items} items: {@code blockRows}, but no more than {@link #MAX_BLOCK_FLOATS}
     * allows (at least 16). At 300,000 items a 1,024-row block was 1.2 GB of native memory; 223 rows are 256 MiB.
     */
    public static int rowsPerBlock(int blockRows, int items) {
        return (int) Math.min(blockRows, Math.max(16, MAX_BLOCK_FLOATS / Math.max(1, items)));
    }

    /**
     * The neighbour lists: an {@code items × items} CSR whose rows are in rank order (best first, not sorted by
     * column), weighted by the cosine similarity.
     */
    public Csr compute(ModalityMatrix modality) {
        Normalised norm = Normalised.of(modality);
        int kk = norm.neighbours(k, includeSelf);
        progress.begin("kNN " + modality.name() + " (k=" + k + ")", norm.size());
        try {
            float[] scores = new float[norm.size() * kk];
            int[] targets = neighbours(norm, null, kk, scores);
            return norm.scatter(modality.items(), kk, targets, scores);
        } finally {
            progress.end();
        }
    }

    /**
     * The exact neighbours (item ids, best first, {@code kk} per query) of the compact rows {@code queries} of
     * {@code norm} (null = every row, in order), e.g. a sample to measure an approximate kNN against.
     */
    public int[] neighboursOf(Normalised norm, int[] queries) {
        int kk = norm.neighbours(k, includeSelf);
        return neighbours(norm, queries, kk, new float[(queries == null ? norm.size() : queries.length) * kk]);
    }

    private int[] neighbours(Normalised norm, int[] queries, int kk, float[] scores) {
        int m = norm.size();
        int d = norm.dimension();
        float[] unit = norm.unit();
        int[] rows = norm.rows();
        int count = queries == null ? m : queries.length;
        int[] targets = new int[count * kk];
        if (count == 0 || kk == 0) {
            return targets;
        }
        int rowsPerBlock = Math.min(rowsPerBlock(blockRows, m), count);
        try (INDArray all = Nd4j.create(unit, new long[] {m, d}, 'c');
             INDArray block = Nd4j.create(DataType.FLOAT, new long[] {rowsPerBlock, m}, 'c')) {
            for (int from = 0; from < count; from += rowsPerBlock) {
                int to = Math.min(count, from + rowsPerBlock);
                // the last, shorter block gets an output of its own; all others reuse one
                try (INDArray q = DenseMath.floatMatrix(gather(unit, d, queries, from, to), to - from, d);
                     INDArray last = to - from == rowsPerBlock ? null
                             : Nd4j.create(DataType.FLOAT, new long[] {to - from, m}, 'c')) {
                    INDArray out = last == null ? block : last;
                    Nd4j.gemm(q, all, out, false, true, 1.0, 0.0);
                    selectBlock(out.data().asNioFloat(), from, to, m, kk, queries, rows, targets, scores);
                }
                progress.advance(to - from);
            }
        }
        return targets;
    }

    /** The unit vectors of queries {@code from..to} as one row-major block. */
    private static float[] gather(float[] unit, int d, int[] queries, int from, int to) {
        if (queries == null) {
            return Arrays.copyOfRange(unit, from * d, to * d);
        }
        float[] block = new float[(to - from) * d];
        for (int q = from; q < to; q++) {
            System.arraycopy(unit, queries[q] * d, block, (q - from) * d, d);
        }
        return block;
    }

    private void selectBlock(FloatBuffer sims, int from, int to, int m, int kk, int[] queries, int[] rows,
                             int[] targets, float[] scores) {
        int[] bounds = parallel.ranges(to - from);
        parallel.run(bounds.length - 1, part -> {
            for (int b = bounds[part]; b < bounds[part + 1]; b++) {
                int q = from + b;
                int self = queries == null ? q : queries[q];
                int kept = TopK.selectRow(sims, b * m, m, kk, includeSelf ? -1 : self, targets, scores, q * kk);
                for (int p = 0; p < kept; p++) {
                    targets[q * kk + p] = rows[targets[q * kk + p]];
                }
            }
        });
    }
}
