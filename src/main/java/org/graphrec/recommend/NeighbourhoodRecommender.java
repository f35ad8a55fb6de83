package org.graphrec.recommend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.graphrec.graph.GraphConnection;
import org.graphrec.recommend.GraphLookup.Kind;
import org.graphrec.recommend.Recommendations.Source;

/**
 * Graph-neighbourhood recommendations: loads the bounded k-hop neighbourhood of a user or an item
 * ({@link Neighbourhood}, compact arrays) and ranks its items by personalised PageRank from that node
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
        PersonalizedPageRank.Scores walk = PersonalizedPageRank.run(hood.vertexCount(), hood.edgeFrom(),
                hood.edgeTo(), hood.edgeWeight(), 0, p.restart(), p.iterations(), p.tolerance());
        double[] x = walk.scores();
        List<String> keys = hood.keys();
        List<Integer> ranked = new ArrayList<>();
        for (int v = 1; v < x.length; v++) {
            String key = keys.get(v);
            if (key.startsWith("Item:") && !hood.seen().contains(key) && x[v] > 0) {
                ranked.add(v);
            }
        }
        ranked.sort(Comparator.<Integer>comparingDouble(v -> -x[v]).thenComparing(keys::get));
        List<String> ids = new ArrayList<>();
        for (int v : ranked.subList(0, Math.min(p.k(), ranked.size()))) {
            ids.add(keys.get(v).substring("Item:".length()));
        }
        Map<String, String> titles = titles(ids);
        List<Recommendations.Item> items = new ArrayList<>();
        for (int v : ranked.subList(0, ids.size())) {
            String id = ids.get(items.size());
            items.add(new Recommendations.Item(items.size() + 1, id, titles.get(id), x[v]));
        }
        String note = null;
        if (hood.edgeCount() == 0) {
            note = seed + " has no relationships: nothing to walk";
        } else if (hood.capped()) {
            note = "neighbourhood cut at " + p.maxNodes() + " nodes (raise --max-nodes for more reach)";
        }
        return new Result(seed, List.copyOf(items), hood.vertexCount(), hood.edgeCount(), hood.capped(),
                walk.iterations(), note);
    }

    /** Titles of the returned items only (absent titles stay null). */
    private Map<String, String> titles(List<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, String> titles = new HashMap<>();
        graph.read(tx -> tx.run("UNWIND $ids AS id MATCH (i:Item {id: id}) RETURN i.id AS id, i.title AS title",
                Map.of("ids", ids)).list()).forEach(r -> {
                    if (!r.get("title").isNull()) {
                        titles.put(r.get("id").asString(), r.get("title").asString());
                    }
                });
        return titles;
    }
}
