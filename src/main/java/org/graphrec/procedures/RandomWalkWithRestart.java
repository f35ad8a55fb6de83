package org.graphrec.procedures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Personalised PageRank (random walk with restart) by power iteration on a weighted undirected graph given as edge
 * arrays, and the ranking of its items: the walk {@code graphrec.neighbours} runs next to the data and the shell
 * runs on a neighbourhood loaded through Cypher ({@code recommend.PersonalizedPageRank} documents the method).
 * Deterministic: no sampling, a fixed summation order.
 */
public final class RandomWalkWithRestart {

    private RandomWalkWithRestart() {
    }

    /**
     * The walk's scores.
     *
     * @param scores     stationary probability per vertex (sums to 1)
     * @param iterations power iterations done
     * @param converged  whether the tolerance was reached within the limit
     */
    public record Scores(double[] scores, int iterations, boolean converged) {
    }

    /**
     * Runs the walk on the graph of {@code n} vertices whose edge {@code e} joins {@code from[e]} and {@code to[e]}
     * with weight {@code weight[e]} (no self-loops), from vertex {@code seed}: {@code x ← α·e_seed + (1 − α)·Pᵀx}
     * until the L1 change is below {@code tolerance}; a vertex without edges sends its mass back to the seed.
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

    /**
     * The vertices to recommend, best first: items ({@code Item:} keys) other than the seed (vertex 0) and the
     * {@code seen} ones, with a positive score, by score descending then key; at most {@code k}.
     */
    public static List<Integer> topItems(List<String> keys, double[] scores, Set<String> seen, int k) {
        List<Integer> ranked = new ArrayList<>();
        for (int v = 1; v < scores.length; v++) {
            String key = keys.get(v);
            if (key.startsWith("Item:") && !seen.contains(key) && scores[v] > 0) {
                ranked.add(v);
            }
        }
        ranked.sort(Comparator.<Integer>comparingDouble(v -> -scores[v]).thenComparing(keys::get));
        return List.copyOf(ranked.subList(0, Math.min(k, ranked.size())));
    }
}
