package org.graphrec.recommend;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.graphrec.procedures.RandomWalkWithRestart;
import org.jgrapht.Graph;

/**
 * Personalised PageRank, i.e. random walk with restart (Page et al. 1999; Tong, Faloutsos &amp; Pan, ICDM 2006):
 * the stationary distribution of a walk on a weighted undirected graph that moves to a neighbour with
 * probability proportional to the edge weight and jumps back to the seed with probability {@code restart}.
 * Computed by power iteration {@code x ← α·e_seed + (1 − α)·Pᵀx} on arrays (no sampling, so the result is
 * deterministic), until the L1 change is below the tolerance. A vertex without edges keeps its mass (it walks
 * back to the seed), so the scores always sum to 1. O(iterations · |E|) time, O(|V| + |E|) memory.
 *
 * <p>Two entry points: {@link #run(Graph, Object, double, int, double)} for any JGraphT graph, and
 * {@link #run(int, int[], int[], double[], int, double, int, double)} for a graph given as edge arrays (what
 * {@link Neighbourhood} loads), which skips building a JGraphT graph. Both give bit-identical scores for the
 * same vertex and edge order. The walk itself is {@link RandomWalkWithRestart}'s, which the {@code graphrec.neighbours}
 * procedure runs next to the data.
 */
public final class PersonalizedPageRank {

    private PersonalizedPageRank() {
    }

    /**
     * The result on a JGraphT graph.
     *
     * @param scores     stationary probability per vertex (sums to 1)
     * @param iterations power iterations done
     * @param converged  whether the tolerance was reached within the limit
     */
    public record Result<V>(Map<V, Double> scores, int iterations, boolean converged) {
    }

    /**
     * The result on edge arrays.
     *
     * @param scores     stationary probability per vertex index (sums to 1)
     * @param iterations power iterations done
     * @param converged  whether the tolerance was reached within the limit
     */
    public record Scores(double[] scores, int iterations, boolean converged) {
    }

    /**
     * Runs the walk from {@code seed}, which must be a vertex of {@code graph}. Self-loops are ignored; the
     * vertex order of {@code vertexSet()} and the edge order of {@code edgeSet()} fix the summation order.
     */
    public static <V, E> Result<V> run(Graph<V, E> graph, V seed, double restart, int maxIterations,
                                       double tolerance) {
        List<V> vertices = List.copyOf(graph.vertexSet());
        Map<V, Integer> index = new HashMap<>();
        for (int i = 0; i < vertices.size(); i++) {
            index.put(vertices.get(i), i);
        }
        int m = 0;
        int[] from = new int[graph.edgeSet().size()];
        int[] to = new int[from.length];
        double[] weight = new double[from.length];
        for (E e : graph.edgeSet()) {
            int a = index.get(graph.getEdgeSource(e));
            int b = index.get(graph.getEdgeTarget(e));
            if (a != b) {
                from[m] = a;
                to[m] = b;
                weight[m] = graph.getEdgeWeight(e);
                m++;
            }
        }
        Scores s = run(vertices.size(), Arrays.copyOf(from, m), Arrays.copyOf(to, m), Arrays.copyOf(weight, m),
                index.get(seed), restart, maxIterations, tolerance);
        Map<V, Double> scores = new HashMap<>();
        for (int i = 0; i < vertices.size(); i++) {
            scores.put(vertices.get(i), s.scores()[i]);
        }
        return new Result<>(scores, s.iterations(), s.converged());
    }

    /**
     * Runs the walk on the undirected graph of {@code n} vertices whose edge {@code e} joins {@code from[e]} and
     * {@code to[e]} with weight {@code weight[e]} (no self-loops), from vertex {@code seed}.
     */
    public static Scores run(int n, int[] from, int[] to, double[] weight, int seed, double restart,
                             int maxIterations, double tolerance) {
        RandomWalkWithRestart.Scores s = RandomWalkWithRestart.run(n, from, to, weight, seed, restart, maxIterations,
                tolerance);
        return new Scores(s.scores(), s.iterations(), s.converged());
    }
}
