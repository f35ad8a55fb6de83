package org.graphrec.propagation.trained;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Dense products with ND4J (OpenBLAS GEMM): the one place where dense math pays — scoring blocks. */
final class DenseBlocks {

    private DenseBlocks() {
    }

    /** A {@code rows × d} row-major flat array as an ND4J matrix. */
    static INDArray matrix(float[] flat, int rows, int d) {
        return Nd4j.create(flat, new long[]{rows, d}, DataType.FLOAT);
    }

    /**
     * {@code queries[from..to) · targetsᵀ} as a row-major flat {@code (to-from) × targets.rows} array.
     */
    static float[] scores(float[] queries, int from, int to, int d, INDArray targets) {
        int b = to - from;
        float[] block = new float[b * d];
        System.arraycopy(queries, from * d, block, 0, b * d);
        INDArray q = matrix(block, b, d);
        INDArray out = Nd4j.create(DataType.FLOAT, new long[]{b, targets.rows()}, 'c');
        Nd4j.gemm(q, targets, out, false, true, 1.0, 0.0);
        return out.data().asFloat();
    }

    /**
     * {@code A · B} ({@code transposeA = false}, A is {@code rows × inner}) or {@code Aᵀ · B}
     * ({@code transposeA = true}, A is {@code rows × inner}, result {@code inner × cols}) as a row-major flat array;
     * B is {@code (transposeA ? rows : inner) × cols}.
     */
    static float[] product(float[] a, int rows, int inner, float[] b, int cols, boolean transposeA) {
        INDArray left = matrix(a, rows, inner);
        INDArray right = matrix(b, transposeA ? rows : inner, cols);
        INDArray out = Nd4j.create(DataType.FLOAT, new long[]{transposeA ? inner : rows, cols}, 'c');
        Nd4j.gemm(left, right, out, transposeA, false, 1.0, 0.0);
        return out.data().asFloat();
    }
}
