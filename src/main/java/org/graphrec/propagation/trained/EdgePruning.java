package org.graphrec.propagation.trained;

import java.util.Arrays;
import org.graphrec.core.Csr;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.SplitMix64;

/**
 * FREEDOM's degree-sensitive edge pruning (Zhou et al. 2023): each epoch keeps {@code (1 − dropout)·|E|} user–item
 * edges, sampled without replacement with probability ∝ {@code 1/sqrt(d_u d_i)} (Efraimidis–Spirakis exponential
 * keys), and renormalises the kept graph. O(|E| log |E|) per epoch; the draws come from the training generator.
 */
final class EdgePruning {

    private final int users;
    private final int items;
    private final double dropout;
    private final int[] edgeUsers;
    private final int[] edgeItems;
    private final double[] weights;

    EdgePruning(InteractionGraph graph, int[] itemDegrees, double dropout) {
        Csr train = graph.train();
        this.users = graph.users();
        this.items = graph.items();
        this.dropout = dropout;
        this.edgeUsers = train.rowOfEntries();
        this.edgeItems = train.targets();
        this.weights = new double[edgeUsers.length];
        for (int e = 0; e < weights.length; e++) {
            int du = train.degree(edgeUsers[e]);
            weights[e] = 1.0 / Math.sqrt((double) du * itemDegrees[edgeItems[e]]);
        }
    }

    /** The renormalised adjacency of this epoch's kept edges. */
    Csr prunedAdjacency(SplitMix64 rng) {
        int edges = edgeUsers.length;
        int keep = (int) (edges * (1.0 - dropout));
        double[] keys = new double[edges];
        for (int e = 0; e < edges; e++) {
            keys[e] = -Math.log(1.0 - rng.nextDouble()) / weights[e];
        }
        Integer[] order = new Integer[edges];
        for (int e = 0; e < edges; e++) {
            order[e] = e;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(keys[a], keys[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] kept = new int[keep];
        for (int k = 0; k < keep; k++) {
            kept[k] = order[k];
        }
        Arrays.sort(kept); // CSR order, so adjacency rows come out sorted
        int[] ku = new int[keep];
        int[] ki = new int[keep];
        for (int k = 0; k < keep; k++) {
            ku[k] = edgeUsers[kept[k]];
            ki[k] = edgeItems[kept[k]];
        }
        return Adjacency.bipartite(users, items, ku, ki, keep);
    }
}
