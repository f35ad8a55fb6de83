package org.graphrec.recommend;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * same vertex and edge order.
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
        // compressed adjacency: each vertex's incident edges in edge order
        int[] offsets = new int[n + 1];
        for (int e = 0; e < from.length; e++) {
            offsets[from[e] + 1]++;
            offsets[to[e] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            offsets[i + 1] += offsets[i];
        }
        int[] fill = Arrays.copyOf(offsets, n);
        int[] targets = new int[offsets[n]];
        double[] probability = new double[offsets[n]];
        for (int e = 0; e < from.length; e++) {
            targets[fill[from[e]]] = to[e];
            probability[fill[from[e]]++] = weight[e];
            targets[fill[to[e]]] = from[e];
            probability[fill[to[e]]++] = weight[e];
        }
        for (int i = 0; i < n; i++) {
            double total = 0;
            for (int j = offsets[i]; j < offsets[i + 1]; j++) {
                total += probability[j];
            }
            for (int j = offsets[i]; j < offsets[i + 1]; j++) {
                probability[j] = total > 0 ? probability[j] / total : 0;
            }
        }
        double[] x = new double[n];
        double[] next = new double[n];
        x[seed] = 1.0;
        int iteration = 0;
        boolean converged = false;
        while (iteration < maxIterations && !converged) {
            Arrays.fill(next, 0);
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
            next[seed] += restart + (1 - restart) * stranded;
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
        return new Scores(x, iteration, converged);
    }
}
