package org.graphrec.recommend;

import org.graphrec.config.UserException;

/**
 * Parameters of graph-neighbourhood recommendations ({@link NeighbourhoodRecommender}).
 *
 * @param k           how many items to return
 * @param hops        how far from the seed the neighbourhood reaches (1..5)
 * @param maxNodes    node budget of the loaded neighbourhood; expansion stops when it is reached
 * @param fanout      at most this many relationships followed from each node (hubs such as big categories
 *                    would otherwise pull in the whole graph); strongest SIMILAR edges and newest interactions
 *                    first, then by key, so the choice is deterministic
 * @param restart     restart probability α of the random walk (0.15 = PageRank's usual damping 0.85)
 * @param iterations  power-iteration limit
 * @param tolerance   stop when the L1 change of the scores is below this
 */
public record NeighbourhoodParameters(int k, int hops, int maxNodes, int fanout, double restart, int iterations,
                                      double tolerance) {

    public NeighbourhoodParameters {
        if (k < 1 || k > RecommendRequest.MAX_K) {
            throw new UserException("--k must be between 1 and " + RecommendRequest.MAX_K + ", found " + k);
        }
        if (hops < 1 || hops > 5) {
            throw new UserException("--hops must be between 1 and 5, found " + hops);
        }
        if (maxNodes < 10 || maxNodes > 1_000_000) {
            throw new UserException("--max-nodes must be between 10 and 1000000, found " + maxNodes);
        }
        if (fanout < 1) {
            throw new UserException("--fanout must be at least 1, found " + fanout);
        }
        if (!(restart > 0 && restart < 1)) {
            throw new UserException("--restart must be between 0 and 1 (exclusive), found " + restart);
        }
        if (iterations < 1 || !(tolerance > 0)) {
            throw new UserException("iterations must be >= 1 and tolerance > 0");
        }
    }

    /** k = 10, 3 hops, 5,000 nodes, fan-out 50, restart 0.15, at most 100 iterations to 1e-10. */
    public static NeighbourhoodParameters defaults(int k) {
        return new NeighbourhoodParameters(k, 3, 5_000, 50, 0.15, 100, 1e-10);
    }

    /**
     * Upper bound of the heap the neighbourhood needs, in bytes: the JGraphT graph (≈ 200 B per vertex with its
     * key, ≈ 120 B per edge with its weight and incidence entries) plus the walk's arrays (3 doubles per node,
     * an int and a double per directed edge). Edges are bounded by nodes × fan-out.
     */
    public long memoryEstimateBytes() {
        long edges = (long) maxNodes * fanout;
        return maxNodes * 200L + edges * 120L + maxNodes * 24L + edges * 2 * 12L;
    }
}
