package org.graphrec.eval;

import org.graphrec.core.FactorModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scores by the dot product of user and item embeddings (the serving contract), a block of users at a time with one
 * ND4J GEMM: {@code items × d} times {@code d × block} into a column-major {@code items × block} result, whose memory
 * is exactly the row-major {@code block × items} score block the evaluator ranks (BLAS writes it in place; a
 * row-major result would make ND4J compute into a temporary and transpose-copy it, 4–5× the CPU time on Clothing).
 */
public final class DotProductScorer implements Scorer {

    private final FactorModel model;
    private final INDArray items;

    public DotProductScorer(FactorModel model) {
        this.model = model;
        int d = model.dimension();
        this.items = d == 0 ? null : Nd4j.create(model.itemVectors(), new long[] {model.items(), d}, 'c');
    }

    @Override
    public int items() {
        return model.items();
    }

    @Override
    public void score(int[] users, int from, int to, float[] out) {
        int d = model.dimension();
        int n = model.items();
        int b = to - from;
        if (d == 0) {
            java.util.Arrays.fill(out, 0, b * n, 0f);
            return;
        }
        float[] block = new float[b * d];
        float[] uv = model.userVectors();
        for (int r = 0; r < b; r++) {
            System.arraycopy(uv, users[from + r] * d, block, r * d, d);
        }
        // native buffers are released explicitly: ND4J frees them only when the Java wrappers are collected, and a
        // small Java heap then lets off-heap memory grow by one score block per batch
        try (INDArray u = Nd4j.create(block, new long[] {b, d}, 'c');
             INDArray s = Nd4j.createUninitialized(DataType.FLOAT, new long[] {n, b}, 'f')) {
            items.mmul(u.transpose(), s);
            s.data().asNioFloat().get(out, 0, b * n);
        }
    }
}
