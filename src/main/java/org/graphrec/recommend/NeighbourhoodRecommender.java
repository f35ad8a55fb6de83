package org.graphrec.recommend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.graphrec.graph.GraphConnection;
import org.graphrec.recommend.GraphLookup.Kind;
import org.graphrec.recommend.Recommendations.Source;

/**
 * Graph-neighbourhood recommendations: loads the bounded k-hop neighbourhood of a user or an item
 * ({@link Neighbourhood}, a JGraphT graph) and ranks its items by personalised PageRank from that node
 * ({@link PersonalizedPageRank}). Needs no embeddings (SIMILAR edges are used when present), so it also works
 * before the first propagation run. Items the user interacted with (any split), and the seed item itself, are
 * never returned.
 */
public final class NeighbourhoodRecommender {

    private final GraphConnection graph;

    public NeighbourhoodRecommender(GraphConnection graph) {
        this.graph = graph;
    }

    /**
     * The answer with what it was computed on.
     *
     * @param seed        {@code User:…} or {@code Item:…}
     * @param items       best first; score = PageRank probability
     * @param nodes       vertices of the loaded neighbourhood
     * @param edges       edges of the loaded neighbourhood
     * @param capped      whether the node budget cut the neighbourhood
     * @param iterations  power iterations
     * @param note        one line about the result (e.g. the budget was hit), or null
     */
    public record Result(String seed, List<Recommendations.Item> items, int nodes, int edges, boolean capped,
                         int iterations, String note) {
    }

    /** Recommends for a user. */
    public Result forUser(String userId, NeighbourhoodParameters p) {
        GraphLookup.require(graph, Kind.USER, userId);
        return run("User:" + userId, p);
    }

    /** Items near an item. */
    public Result forItem(String itemId, NeighbourhoodParameters p) {
        GraphLookup.require(graph, Kind.ITEM, itemId);
        return run("Item:" + itemId, p);
    }

    private Result run(String seed, NeighbourhoodParameters p) {
        Neighbourhood hood = Neighbourhood.load(graph, seed, p);
        var g = hood.graph();
        PersonalizedPageRank.Result walk = PersonalizedPageRank.run(g, seed, p.restart(), p.iterations(),
                p.tolerance());
        List<Map.Entry<String, Double>> ranked = new ArrayList<>();
        for (var e : walk.scores().entrySet()) {
            String key = e.getKey();
            if (key.startsWith("Item:") && !key.equals(seed) && !hood.seen().contains(key) && e.getValue() > 0) {
                ranked.add(e);
            }
        }
        ranked.sort(Comparator.<Map.Entry<String, Double>>comparingDouble(Map.Entry::getValue).reversed()
                .thenComparing(Map.Entry::getKey));
        List<Recommendations.Item> items = new ArrayList<>();
        for (var e : ranked.subList(0, Math.min(p.k(), ranked.size()))) {
            items.add(new Recommendations.Item(items.size() + 1, e.getKey().substring("Item:".length()),
                    hood.titles().get(e.getKey()), e.getValue()));
        }
        String note = null;
        if (g.edgeSet().isEmpty()) {
            note = seed + " has no relationships: nothing to walk";
        } else if (hood.capped()) {
            note = "neighbourhood cut at " + p.maxNodes() + " nodes (raise --max-nodes for more reach)";
        }
        return new Result(seed, List.copyOf(items), g.vertexSet().size(), g.edgeSet().size(), hood.capped(),
                walk.iterations(), note);
    }
}
