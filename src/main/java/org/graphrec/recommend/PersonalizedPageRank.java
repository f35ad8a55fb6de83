package org.graphrec.recommend;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;

/**
 * Personalised PageRank, i.e. random walk with restart (Page et al. 1999; Tong, Faloutsos &amp; Pan, ICDM 2006):
 * the stationary distribution of a walk on a weighted undirected graph that moves to a neighbour with
 * probability proportional to the edge weight and jumps back to the seed with probability {@code restart}.
 * Computed by power iteration {@code x ← α·e_seed + (1 − α)·Pᵀx} on arrays (no sampling, so the result is
 * deterministic), until the L1 change is below the tolerance. A vertex without edges keeps its mass (it walks
 * back to the seed), so the scores always sum to 1. O(iterations · |E|) time, O(|V| + |E|) memory.
 */
public final class PersonalizedPageRank {

    private PersonalizedPageRank() {
    }

    /**
     * The result.
     *
     * @param scores     stationary probability per vertex (sums to 1)
     * @param iterations power iterations done
     * @param converged  whether the tolerance was reached within the limit
     */
    public record Result(Map<String, Double> scores, int iterations, boolean converged) {
    }

    /** Runs the walk from {@code seed}; {@code seed} must be a vertex of {@code graph}. */
    public static <E> Result run(Graph<String, E> graph, String seed, double restart, int maxIterations,
                                 double tolerance) {
        List<String> vertices = List.copyOf(graph.vertexSet());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < vertices.size(); i++) {
            index.put(vertices.get(i), i);
        }
        int n = vertices.size();
        int[] offsets = new int[n + 1];
        for (int i = 0; i < n; i++) {
            offsets[i + 1] = offsets[i] + graph.degreeOf(vertices.get(i));
        }
        int[] targets = new int[offsets[n]];
        double[] probability = new double[offsets[n]];
        for (int i = 0; i < n; i++) {
            String v = vertices.get(i);
            double total = 0;
            int at = offsets[i];
            for (E e : graph.edgesOf(v)) {
                targets[at] = index.get(Graphs.getOppositeVertex(graph, e, v));
                probability[at] = graph.getEdgeWeight(e);
                total += probability[at];
                at++;
            }
            for (int j = offsets[i]; j < at; j++) {
                probability[j] = total > 0 ? probability[j] / total : 0;
            }
        }
        int s = index.get(seed);
        double[] x = new double[n];
        double[] next = new double[n];
        x[s] = 1.0;
        int iteration = 0;
        boolean converged = false;
        while (iteration < maxIterations && !converged) {
            java.util.Arrays.fill(next, 0);
            double stranded = 0;
            for (int i = 0; i < n; i++) {
                if (x[i] == 0) {
                    continue;
                }
                if (offsets[i] == offsets[i + 1]) {
                    stranded += x[i];
                    continue;
                }
                double moving = (1 - restart) * x[i];
                for (int j = offsets[i]; j < offsets[i + 1]; j++) {
                    next[targets[j]] += moving * probability[j];
                }
            }
            next[s] += restart + (1 - restart) * stranded;
            double change = 0;
            for (int i = 0; i < n; i++) {
                change += Math.abs(next[i] - x[i]);
            }
            double[] swap = x;
            x = next;
            next = swap;
            iteration++;
            converged = change < tolerance;
        }
        Map<String, Double> scores = new HashMap<>();
        for (int i = 0; i < n; i++) {
            scores.put(vertices.get(i), x[i]);
        }
        return new Result(scores, iteration, converged);
    }
}
