package org.graphrec.core;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The vectors of one modality that take part in a kNN — present and non-zero — L2-normalised, in item order, and
 * the way back from their compact row numbers to item ids ({@link #scatter}). Shared by {@link ExactKnn} and
 * {@link HnswKnn} so that both see the same items and the same unit vectors.
 *
 * @param rows item id of every compact row
 * @param unit row-major {@code rows.length × dimension} unit vectors
 * @param dimension vector length
 */
public record Normalised(int[] rows, float[] unit, int dimension) {

    /** The usable vectors of {@code modality}. */
    public static Normalised of(ModalityMatrix modality) {
        int n = modality.items();
        int d = modality.dimension();
        float[] vectors = modality.vectors();
        int[] rows = IntStream.range(0, n).filter(i -> modality.present()[i] && norm(vectors, i, d) > 0).toArray();
        float[] unit = new float[rows.length * d];
        for (int r = 0; r < rows.length; r++) {
            double norm = norm(vectors, rows[r], d);
            for (int c = 0; c < d; c++) {
                unit[r * d + c] = (float) (vectors[rows[r] * d + c] / norm);
            }
        }
        return new Normalised(rows, unit, d);
    }

    /** Number of usable vectors. */
    public int size() {
        return rows.length;
    }

    /** Neighbours each row gets for {@code k}: fewer when fewer other rows exist. */
    public int neighbours(int k, boolean includeSelf) {
        int m = rows.length;
        return includeSelf ? Math.min(k, m) : Math.min(k, Math.max(0, m - 1));
    }

    /**
     * The {@code n × n} CSR over item ids from {@code kk} neighbours per compact row ({@code targets} already item
     * ids, in rank order): rows of the usable items hold their entries, the other rows are empty.
     */
    public Csr scatter(int n, int kk, int[] targets, float[] scores) {
        int m = rows.length;
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
