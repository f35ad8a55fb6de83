package org.graphrec.recommend;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.graphrec.graph.GraphConnection;
import org.graphrec.procedures.NeighbourIndex;
import org.graphrec.procedures.RandomWalkWithRestart;
import org.graphrec.recommend.GraphLookup.Kind;
import org.graphrec.recommend.Recommendations.Source;
import org.neo4j.driver.Value;

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
        return run("User:" + userId, p);
    }

    /** Items near an item. */
    public Result forItem(String itemId, NeighbourhoodParameters p) {
        return run("Item:" + itemId, p);
    }

    private static final String PROCEDURE = """
            CALL graphrec.neighbours($seed, $k, $options)
            YIELD itemIds, scores, nodes, edges, capped, iterations
            RETURN itemIds, scores, nodes, edges, capped, iterations,
                   [id IN itemIds | COLLECT { MATCH (i:Item {id: id}) RETURN i.title }[0]] AS titles
            """;

    private Result run(String seed, NeighbourhoodParameters p) {
        if (!ServingProcedureCheck.neighbourhood(graph)) {
            return runHere(seed, p);
        }
        try {
            return runThroughProcedure(seed, p);
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            int at = message.indexOf(NeighbourIndex.REFUSED);
            if (at < 0) {
                throw e;
            }
            // the database cannot hold the index: the same answer through Cypher, slower
            Result here = runHere(seed, p);
            String why = message.substring(at).lines().findFirst().orElse("");
            return new Result(here.seed(), here.items(), here.nodes(), here.edges(), here.capped(), here.iterations(),
                    (here.note() == null ? "" : here.note() + "; ") + "loaded through Cypher: " + why);
        }
    }

    /** Loads and walks next to the data ({@code graphrec.neighbours}): only the k answers travel. */
    Result runThroughProcedure(String seed, NeighbourhoodParameters p) {
        Map<String, Object> options = Map.of("hops", (long) p.hops(), "fanout", (long) p.fanout(),
                "maxNodes", (long) p.maxNodes(), "restart", p.restart(), "iterations", (long) p.iterations(),
                "tolerance", p.tolerance());
        var rows = graph.query(PROCEDURE, Map.of("seed", seed, "k", (long) p.k(), "options", options));
        if (rows.isEmpty()) {
            // no row: the seed does not exist (one query fewer per call than checking first)
            throw GraphLookup.missing(graph, kind(seed), seed.substring(seed.indexOf(':') + 1));
        }
        var r = rows.get(0);
        List<String> ids = r.get("itemIds").asList(Value::asString);
        List<Double> scores = r.get("scores").asList(Value::asDouble);
        List<String> titles = r.get("titles").asList(v -> v.isNull() ? null : v.asString());
        List<Recommendations.Item> items = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            items.add(new Recommendations.Item(i + 1, ids.get(i), titles.get(i), scores.get(i)));
        }
        return result(seed, items, r.get("nodes").asInt(), r.get("edges").asInt(), r.get("capped").asBoolean(),
                r.get("iterations").asInt(), p);
    }

    /** Loads through Cypher and walks in this JVM (servers without graphrec's procedures). */
    Result runHere(String seed, NeighbourhoodParameters p) {
        GraphLookup.require(graph, kind(seed), seed.substring(seed.indexOf(':') + 1));
        Neighbourhood hood = Neighbourhood.loadByCypher(graph, seed, p);
        PersonalizedPageRank.Scores walk = PersonalizedPageRank.run(hood.vertexCount(), hood.edgeFrom(),
                hood.edgeTo(), hood.edgeWeight(), 0, p.restart(), p.iterations(), p.tolerance());
        double[] x = walk.scores();
        List<String> keys = hood.keys();
        List<Integer> ranked = RandomWalkWithRestart.topItems(keys, x, hood.seen(), p.k());
        List<String> ids = new ArrayList<>();
        for (int v : ranked) {
            ids.add(keys.get(v).substring("Item:".length()));
        }
        Map<String, String> titles = titles(ids);
        List<Recommendations.Item> items = new ArrayList<>();
        for (int v : ranked) {
            String id = ids.get(items.size());
            items.add(new Recommendations.Item(items.size() + 1, id, titles.get(id), x[v]));
        }
        return result(seed, items, hood.vertexCount(), hood.edgeCount(), hood.capped(), walk.iterations(), p);
    }

    private static Kind kind(String seed) {
        return seed.startsWith("User:") ? Kind.USER : Kind.ITEM;
    }

    private static Result result(String seed, List<Recommendations.Item> items, int nodes, int edges, boolean capped,
                                 int iterations, NeighbourhoodParameters p) {
        String note = null;
        if (edges == 0) {
            note = seed + " has no relationships: nothing to walk";
        } else if (capped) {
            note = "neighbourhood cut at " + p.maxNodes() + " nodes (raise --max-nodes for more reach)";
        }
        return new Result(seed, List.copyOf(items), nodes, edges, capped, iterations, note);
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
