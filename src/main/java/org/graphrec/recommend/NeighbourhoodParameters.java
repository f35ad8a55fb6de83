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
     * Upper bound of the heap one call needs, in bytes. Every expanded node returns at most {@code fanout}
     * relationships, so a call handles at most {@code maxNodes × fanout} of them; each costs ≈ 250 B while its
     * hop's query result is held (five driver values), ≈ 100 B in the set that counts a relationship once,
     * 16 B as a merged edge and 24 B in the walk's adjacency (both directions). Each node costs ≈ 200 B (its
     * key, its element id in the look-up map, the walk's score arrays).
     */
    public long memoryEstimateBytes() {
        long relationships = (long) maxNodes * fanout;
        return maxNodes * 200L + relationships * (250L + 100L + 16L + 24L);
    }
}
