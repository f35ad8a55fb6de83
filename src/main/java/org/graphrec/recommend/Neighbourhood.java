package org.graphrec.recommend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.graphrec.graph.GraphConnection;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultUndirectedWeightedGraph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.neo4j.driver.Value;

/**
 * A bounded k-hop neighbourhood of one node, loaded from Neo4j as compact arrays: Users, Items, Brands and
 * Categories joined by INTERACTED, MADE_BY, IN_CATEGORY and SIMILAR (every modality), undirected. Vertices are
 * numbered in discovery order (0 = the seed) and named by keys such as {@code User:u1}, {@code Item:i9},
 * {@code Brand:Acme}. Edge weights: 1 for INTERACTED, MADE_BY and IN_CATEGORY; the cosine score (clamped at 0)
 * for SIMILAR; parallel relationships between the same two nodes (e.g. SIMILAR by text and by image, or both
 * directions) add up to one edge. {@link #toGraph()} gives the same graph as a JGraphT graph.
 *
 * <p>Loading is breadth-first, one query per hop inside one read transaction; each query returns one row per
 * frontier node holding parallel lists (relationship, neighbour, key, label, weight) of at most
 * {@code fanout} relationships — the strongest SIMILAR and newest interactions first, then by key, then by
 * relationship (element id) — so a hop
 * returns at most {@code frontier × fanout} entries and the node budget bounds the frontier. New nodes are
 * admitted in that order until {@code maxNodes}; relationships to nodes already admitted are always kept.
 *
 * @param seed        the seed vertex key
 * @param keys        vertex keys by index, in discovery order ({@code keys.get(0)} is the seed)
 * @param edgeFrom    first endpoint of each edge, edges in creation order
 * @param edgeTo      second endpoint of each edge
 * @param edgeWeight  weight of each edge (sum over parallel relationships, always &gt; 0)
 * @param seen        for a user seed: keys of all items the user interacted with (any split), loaded apart from
 *                    the fan-out limit so none slips through as a recommendation
 * @param capped      whether the node budget stopped the expansion
 */
public record Neighbourhood(String seed, List<String> keys, int[] edgeFrom, int[] edgeTo, double[] edgeWeight,
                            Set<String> seen, boolean capped) {

    /** Label codes returned by the hop query, in the order of {@link #LABELS}. */
    private static final String[] LABELS = {"User", "Item", "Brand", "Category"};

    /**
     * One hop: per frontier node, the best {@code $fanout} of its relationships as parallel lists (one row per
     * node instead of one per relationship: measured about half the transfer cost). Sorting each node's
     * relationships in Java instead of in the query measured no faster, as the sort keys must be read anyway.
     */
    private static final String HOP = """
            UNWIND $frontier AS eid
            MATCH (n) WHERE elementId(n) = eid
            CALL (n) {
              MATCH (n)-[r:INTERACTED|MADE_BY|IN_CATEGORY|SIMILAR]-(m)
              WHERE type(r) <> 'SIMILAR' OR r.version = $similarVersion
              WITH r, m, CASE WHEN m:Item OR m:User THEN m.id ELSE m.name END AS key
              ORDER BY coalesce(r.score, 0.0) DESC, coalesce(r.ts, 0) DESC, key ASC, elementId(r) ASC
              LIMIT $fanout
              RETURN collect(elementId(r)) AS rels, collect(elementId(m)) AS others, collect(coalesce(key, '')) AS keys,
                     collect(CASE WHEN m:User THEN 0 WHEN m:Item THEN 1 WHEN m:Brand THEN 2 ELSE 3 END) AS labels,
                     collect(CASE WHEN type(r) <> 'SIMILAR' THEN 1.0
                                  WHEN r.score > 0 THEN toFloat(r.score) ELSE 0.0 END) AS weights
            }
            RETURN eid, rels, others, keys, labels, weights
            """;




    private static final String USER_SEED = """
            MATCH (n:User {id: $id})
            RETURN elementId(n) AS eid, [(n)-[:INTERACTED]->(i:Item) | i.id] AS seen
            """;

    private static final String ITEM_SEED = "MATCH (n:Item {id: $id}) RETURN elementId(n) AS eid, [] AS seen";

    /** Number of vertices. */
    public int vertexCount() {
        return keys.size();
    }

    /** Number of (merged) edges. */
    public int edgeCount() {
        return edgeFrom.length;
    }

    private static final String PROCEDURE = """
            CALL graphrec.neighbourhood($seed, $hops, $fanout, $maxNodes)
            YIELD keys, edgeFrom, edgeTo, edgeWeight, seen, capped
            RETURN keys, edgeFrom, edgeTo, edgeWeight, seen, capped
            """;

    /**
     * Loads the neighbourhood of {@code seedKey} ({@code User:…} or {@code Item:…}); the seed must exist. Through
     * the {@code graphrec.neighbourhood} procedure (an in-memory copy of the relationships) where the database has
     * it, else hop by hop through Cypher: the same neighbourhood either way.
     */
    public static Neighbourhood load(GraphConnection connection, String seedKey, NeighbourhoodParameters p) {
        return ServingProcedureCheck.neighbourhood(connection) ? loadThroughProcedure(connection, seedKey, p)
                : loadByCypher(connection, seedKey, p);
    }

    static Neighbourhood loadThroughProcedure(GraphConnection connection, String seedKey, NeighbourhoodParameters p) {
        Map<String, Object> params = Map.of("seed", seedKey, "hops", (long) p.hops(), "fanout", (long) p.fanout(),
                "maxNodes", (long) p.maxNodes());
        return connection.read(tx -> {
            var rows = tx.run(PROCEDURE, params).list();
            if (rows.isEmpty()) {
                throw new IllegalStateException("graphrec.neighbourhood found no node " + seedKey);
            }
            var r = rows.get(0);
            return new Neighbourhood(seedKey, r.get("keys").asList(Value::asString),
                    r.get("edgeFrom").asList(Value::asInt).stream().mapToInt(Integer::intValue).toArray(),
                    r.get("edgeTo").asList(Value::asInt).stream().mapToInt(Integer::intValue).toArray(),
                    r.get("edgeWeight").asList(Value::asDouble).stream().mapToDouble(Double::doubleValue).toArray(),
                    Set.copyOf(r.get("seen").asList(Value::asString)), r.get("capped").asBoolean());
        });
    }

    /** {@link #load} hop by hop through Cypher (servers without graphrec's procedures). */
    static Neighbourhood loadByCypher(GraphConnection connection, String seedKey, NeighbourhoodParameters p) {
        boolean user = seedKey.startsWith("User:");
        String id = seedKey.substring(seedKey.indexOf(':') + 1);
        // built inside the transaction function: a retried transaction starts from scratch
        return connection.read(tx -> {
            var seedRow = tx.run(user ? USER_SEED : ITEM_SEED, Map.of("id", id)).single();
            Builder b = new Builder(seedKey);
            String seedElement = seedRow.get("eid").asString();
            b.indexByElement.put(seedElement, 0);
            Set<String> seen = new HashSet<>();
            for (Value v : seedRow.get("seen").values()) {
                seen.add("Item:" + v.asString());
            }
            List<String> frontier = List.of(seedElement);
            // only the published version's kNN graph (SimilarGraph); read once, in this transaction
            Value similarVersion = tx.run("OPTIONAL MATCH (p:PublishedVersion {name: 'fused'}) "
                    + "RETURN p.similarVersion AS v").single().get("v");
            Map<String, Object> hopParams = new java.util.HashMap<>();
            hopParams.put("fanout", p.fanout());
            hopParams.put("similarVersion", similarVersion.isNull() ? null : similarVersion.asLong());
            for (int hop = 0; hop < p.hops() && !frontier.isEmpty(); hop++) {
                List<String> next = new ArrayList<>();
                hopParams.put("frontier", frontier);
                var rows = tx.run(HOP, hopParams).list();
                for (var r : rows) {
                    int from = b.indexByElement.get(r.get("eid").asString());
                    List<String> rels = r.get("rels").asList(Value::asString);
                    List<String> others = r.get("others").asList(Value::asString);
                    List<String> keys = r.get("keys").asList(Value::asString);
                    List<Integer> labels = r.get("labels").asList(Value::asInt);
                    List<Double> weights = r.get("weights").asList(Value::asDouble);
                    for (int j = 0; j < rels.size(); j++) {
                        String otherElement = others.get(j);
                        Integer to = b.indexByElement.get(otherElement);
                        if (to == null) {
                            if (b.keys.size() >= p.maxNodes()) {
                                b.capped = true;
                                continue;
                            }
                            to = b.addVertex(otherElement,
                                    LABELS[labels.get(j)] + ":" + keys.get(j));
                            next.add(otherElement);
                        }
                        double weight = weights.get(j);
                        // a relationship between two expanded nodes comes back from both ends: count it once
                        if (from == to || weight <= 0 || !b.relationships.add(rels.get(j))) {
                            continue;
                        }
                        b.addWeight(from, to, weight);
                    }
                }
                frontier = next;
            }
            return b.build(Set.copyOf(seen));
        });
    }

    /** The same graph as a JGraphT graph (vertices = keys), e.g. to run other JGraphT algorithms on it. */
    public Graph<String, DefaultWeightedEdge> toGraph() {
        Graph<String, DefaultWeightedEdge> graph = new DefaultUndirectedWeightedGraph<>(DefaultWeightedEdge.class);
        keys.forEach(graph::addVertex);
        for (int e = 0; e < edgeFrom.length; e++) {
            graph.setEdgeWeight(graph.addEdge(keys.get(edgeFrom[e]), keys.get(edgeTo[e])), edgeWeight[e]);
        }
        return graph;
    }

    /** Mutable state of one load. */
    private static final class Builder {
        final List<String> keys = new ArrayList<>();
        final Map<String, Integer> indexByElement = new HashMap<>();
        final Set<String> relationships = new HashSet<>();
        final Map<Long, Integer> edgeByPair = new HashMap<>();
        final String seed;
        int[] from = new int[1024];
        int[] to = new int[1024];
        double[] weight = new double[1024];
        int edges;
        boolean capped;

        Builder(String seed) {
            this.seed = seed;
            keys.add(seed);
        }

        int addVertex(String element, String key) {
            int index = keys.size();
            keys.add(key);
            indexByElement.put(element, index);
            return index;
        }

        void addWeight(int a, int b, double w) {
            long pair = a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
            Integer edge = edgeByPair.get(pair);
            if (edge != null) {
                weight[edge] += w;
                return;
            }
            if (edges == from.length) {
                from = Arrays.copyOf(from, edges * 2);
                to = Arrays.copyOf(to, edges * 2);
                weight = Arrays.copyOf(weight, edges * 2);
            }
            edgeByPair.put(pair, edges);
            from[edges] = a;
            to[edges] = b;
            weight[edges] = w;
            edges++;
        }

        Neighbourhood build(Set<String> seen) {
            return new Neighbourhood(seed, List.copyOf(keys), Arrays.copyOf(from, edges), Arrays.copyOf(to, edges),
                    Arrays.copyOf(weight, edges), seen, capped);
        }
    }
}
