package org.graphrec.eval;

/**
 * A model's scores of every item for a block of users: the evaluator and serving rank by them. Implementations must
 * be safe to call from several threads with different output arrays.
 */
public interface Scorer {

    /** Number of items scored per user. */
    int items();

    /**
     * Writes the scores of every item for {@code users[from..to)} into {@code out}, row-major
     * ({@code (to − from) × items()}).
     */
    void score(int[] users, int from, int to, float[] out);

    /** Preferred number of users per block (memory: block × items floats). */
    default int blockSize() {
        return defaultBlockSize(items());
    }

    /** Users per block for {@code items} items: at most 1,024 and at most 32 million scores (128 MB) a block. */
    static int defaultBlockSize(int items) {
        return Math.max(16, Math.min(1024, 32_000_000 / Math.max(1, items)));
    }
}
