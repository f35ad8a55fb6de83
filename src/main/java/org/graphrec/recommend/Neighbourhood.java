package org.graphrec.recommend;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.graphrec.graph.GraphConnection;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultUndirectedWeightedGraph;
import org.jgrapht.graph.DefaultWeightedEdge;

/**
 * A bounded k-hop neighbourhood of one node, loaded from Neo4j into a JGraphT graph: Users, Items, Brands and
 * Categories joined by INTERACTED, MADE_BY, IN_CATEGORY and SIMILAR (every modality), undirected. Vertices are
 * keys such as {@code User:u1}, {@code Item:i9}, {@code Brand:Acme}. Edge weights: 1 for INTERACTED, MADE_BY and
 * IN_CATEGORY; the cosine score (clamped at 0) for SIMILAR; parallel relationships between the same two nodes
 * (e.g. SIMILAR by text and by image) add up.
 *
 * @param graph   the loaded neighbourhood
 * @param seed    the seed vertex key
 * @param seen    for a user seed: keys of all items the user interacted with (any split), loaded apart from the
 *                fan-out limit so none slips through as a recommendation
 * @param titles  item titles by vertex key
 * @param capped  whether the node budget stopped the expansion
 */
public record Neighbourhood(Graph<String, DefaultWeightedEdge> graph, String seed, Set<String> seen,
                            Map<String, String> titles, boolean capped) {

    /** Loads the neighbourhood of {@code seedKey} ({@code User:…} or {@code Item:…}); the seed must exist. */
    public static Neighbourhood load(GraphConnection connection, String seedKey, NeighbourhoodParameters p) {
        String label = seedKey.substring(0, seedKey.indexOf(':'));
        String id = seedKey.substring(seedKey.indexOf(':') + 1);
        return connection.read(tx -> {
            // built inside the transaction function: a retried transaction starts from scratch
            Graph<String, DefaultWeightedEdge> graph =
                    new DefaultUndirectedWeightedGraph<>(DefaultWeightedEdge.class);
            Map<String, String> titles = new HashMap<>();
            // label is "User" or "Item", chosen by the caller from a fixed set
            var seedRow = tx.run("MATCH (n:" + ("User".equals(label) ? "User" : "Item") + " {id: $id}) "
                    + "RETURN elementId(n) AS eid", Map.of("id", id)).single();
            Map<String, String> keyByElement = new HashMap<>();
            String seedElement = seedRow.get("eid").asString();
            keyByElement.put(seedElement, seedKey);
            graph.addVertex(seedKey);
            Set<String> seen = new HashSet<>();
            if ("User".equals(label)) {
                tx.run("MATCH (:User {id: $id})-[:INTERACTED]->(i:Item) RETURN i.id AS id", Map.of("id", id))
                        .forEachRemaining(r -> seen.add("Item:" + r.get("id").asString()));
            }
            Set<String> relationships = new HashSet<>();
            List<String> frontier = List.of(seedElement);
            boolean capped = false;
            for (int hop = 0; hop < p.hops() && !frontier.isEmpty(); hop++) {
                List<String> next = new ArrayList<>();
                var rows = tx.run("""
                        UNWIND $frontier AS eid
                        MATCH (n) WHERE elementId(n) = eid
                        CALL (n) {
                          MATCH (n)-[r:INTERACTED|MADE_BY|IN_CATEGORY|SIMILAR]-(m)
                          WITH r, m, CASE WHEN m:Item OR m:User THEN m.id ELSE m.name END AS key
                          ORDER BY coalesce(r.score, 0.0) DESC, coalesce(r.ts, 0) DESC, key ASC
                          LIMIT $fanout
                          RETURN elementId(r) AS rel, elementId(m) AS other, key,
                                 CASE WHEN m:User THEN 'User' WHEN m:Item THEN 'Item' WHEN m:Brand THEN 'Brand'
                                      ELSE 'Category' END AS label,
                                 CASE WHEN m:Item THEN m.title END AS title,
                                 CASE WHEN type(r) = 'SIMILAR' THEN
                                      CASE WHEN r.score > 0 THEN toFloat(r.score) ELSE 0.0 END
                                      ELSE 1.0 END AS weight
                        }
                        RETURN eid, rel, other, key, label, title, weight
                        """, Map.of("frontier", frontier, "fanout", p.fanout())).list();
                for (var r : rows) {
                    String from = keyByElement.get(r.get("eid").asString());
                    String otherElement = r.get("other").asString();
                    String to = keyByElement.get(otherElement);
                    if (to == null) {
                        if (graph.vertexSet().size() >= p.maxNodes()) {
                            capped = true;
                            continue;
                        }
                        to = r.get("label").asString() + ":" + r.get("key").asString("");
                        keyByElement.put(otherElement, to);
                        graph.addVertex(to);
                        next.add(otherElement);
                        if (!r.get("title").isNull()) {
                            titles.put(to, r.get("title").asString());
                        }
                    }
                    double weight = r.get("weight").asDouble();
                    // a relationship between two expanded nodes comes back from both ends: count it once
                    if (from.equals(to) || weight <= 0 || !relationships.add(r.get("rel").asString())) {
                        continue;
                    }
                    DefaultWeightedEdge edge = graph.getEdge(from, to);
                    if (edge == null) {
                        graph.setEdgeWeight(graph.addEdge(from, to), weight);
                    } else {
                        graph.setEdgeWeight(edge, graph.getEdgeWeight(edge) + weight);
                    }
                }
                frontier = next;
            }
            return new Neighbourhood(graph, seedKey, Set.copyOf(seen), Map.copyOf(titles), capped);
        });
    }
}
