package org.graphrec.procedures;

/** The six 12-dimensional rows of the scans' hand-computed tests (zeros elsewhere). */
final class HandRows {

    static final int D = 12;

    private HandRows() {
    }

    /**
     * r0 = 3·e0, r1 = 2·e0 + 2·e8, r2 = 4·e8, r3 = e0 + {@code r3Tail}·e9, r4 = r1 (a twin), r5 = 0; with the query
     * q = e0 + e8 the dot products are 3, 4, 4, 1, 4, 0.
     */
    static float[] values(float r3Tail) {
        float[] values = new float[6 * D];
        values[0] = 3;
        values[D] = 2;
        values[D + 8] = 2;
        values[2 * D + 8] = 4;
        values[3 * D] = 1;
        values[3 * D + 9] = r3Tail;
        values[4 * D] = 2;
        values[4 * D + 8] = 2;
        return values;
    }

    /** q = e0 + e8. */
    static float[] query() {
        float[] q = new float[D];
        q[0] = 1;
        q[8] = 1;
        return q;
    }
}
