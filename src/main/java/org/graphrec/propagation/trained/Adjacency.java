package org.graphrec.propagation.trained;

import org.graphrec.core.Csr;
import org.graphrec.core.InteractionGraph;

/**
 * Builds the symmetric-normalised adjacency {@code D^-1/2 A D^-1/2} of the bipartite user–item train graph
 * (users first, then items, one square matrix of {@code users + items} rows), as LightGCN propagates over it.
 * Nodes without edges get empty rows.
 */
public final class Adjacency {

    private Adjacency() {
    }

    /** The full train graph. */
    public static Csr bipartite(InteractionGraph graph) {
        Csr train = graph.train();
        return bipartite(graph.users(), graph.items(), train.rowOfEntries(), train.targets(), train.nonZeros());
    }

    /**
     * The graph of the first {@code count} edges {@code (edgeUsers[e], edgeItems[e])}, normalised by the
     * degrees within that edge set (FREEDOM's pruned graph is renormalised this way every epoch).
     */
    public static Csr bipartite(int users, int items, int[] edgeUsers, int[] edgeItems, int count) {
        int n = users + items;
        int[] degree = new int[n];
        for (int e = 0; e < count; e++) {
            degree[edgeUsers[e]]++;
            degree[users + edgeItems[e]]++;
        }
        int[] offsets = new int[n + 1];
        for (int i = 0; i < n; i++) {
            offsets[i + 1] = offsets[i] + degree[i];
        }
        int[] cursor = new int[n];
        System.arraycopy(offsets, 0, cursor, 0, n);
        int[] indices = new int[2 * count];
        float[] values = new float[2 * count];
        // users' rows: edges come grouped by user in CSR order when callers pass CSR edges, but we do not rely on it
        for (int e = 0; e < count; e++) {
            int u = edgeUsers[e];
            int i = users + edgeItems[e];
            float v = (float) (1.0 / Math.sqrt((double) degree[u] * degree[i]));
            int pu = cursor[u]++;
            indices[pu] = i;
            values[pu] = v;
            int pi = cursor[i]++;
            indices[pi] = u;
            values[pi] = v;
        }
        sortRows(offsets, indices, values);
        return new Csr(n, n, offsets, indices, values);
    }

    /** Insertion-sorts every row by column so products sum in a canonical order. */
    static void sortRows(int[] offsets, int[] indices, float[] values) {
        for (int r = 0; r + 1 < offsets.length; r++) {
            for (int p = offsets[r] + 1; p < offsets[r + 1]; p++) {
                int c = indices[p];
                float v = values[p];
                int q = p - 1;
                while (q >= offsets[r] && indices[q] > c) {
                    indices[q + 1] = indices[q];
                    values[q + 1] = values[q];
                    q--;
                }
                indices[q + 1] = c;
                values[q + 1] = v;
            }
        }
    }
}
