package org.graphrec.stats;
import org.graphrec.graph.GraphConnection;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What is in the graph: node counts per label, relationship counts per type, embedding coverage per modality,
 * and the connection in use (without credentials).
 *
 * @param connection     URI, Neo4j version, embedded or external
 * @param labels         node count per label
 * @param relationships  relationship count per type
 * @param modalities     per modality: property, dimension, items that have the vector
 * @param fused          Users and Items carrying a fused {@code embedding}
 */
public record GraphStats(ConnectionInfo connection, Map<String, Long> labels, Map<String, Long> relationships,
                         List<ModalityCoverage> modalities, Map<String, Long> fused) {

    /** Connection facts shown by {@code stats}. */
    public record ConnectionInfo(String uri, String neo4jVersion, boolean embedded, String store,
                                 String database) {
    }

    /** How many items carry a modality's vector. */
    public record ModalityCoverage(String name, String property, long dimension, long items, long totalItems) {
        public double fraction() {
            return totalItems == 0 ? 0 : (double) items / totalItems;
        }
    }

    /** Reads the stats through the driver; counts come from Neo4j's count store, so they are fast on big graphs. */
    public static GraphStats read(GraphConnection graph) {
        return graph.read(tx -> {
            Map<String, Long> labels = new TreeMap<>();
            Map<String, Long> rels = new TreeMap<>();
            var counts = tx.run("CALL db.stats.retrieve('GRAPH COUNTS') YIELD data RETURN data").single()
                    .get("data");
            for (var n : counts.get("nodes").values()) {
                if (!n.get("label").isNull()) {
                    labels.put(n.get("label").asString(), n.get("count").asLong());
                }
            }
            for (var r : counts.get("relationships").values()) {
                if (!r.get("relationshipType").isNull() && r.get("startLabel").isNull()
                        && r.get("endLabel").isNull()) {
                    rels.put(r.get("relationshipType").asString(), r.get("count").asLong());
                }
            }
            labels.values().removeIf(c -> c == 0);
            rels.values().removeIf(c -> c == 0);
            long totalItems = labels.getOrDefault("Item", 0L);
            List<ModalityCoverage> modalities = tx.run("""
                    MATCH (m:Modality)
                    CALL (m) {
                      MATCH (i:Item) WHERE i[m.property] IS NOT NULL
                      RETURN count(i) AS items
                    }
                    RETURN m.name AS name, m.property AS property, coalesce(m.dimension, 0) AS dimension, items
                    ORDER BY name
                    """).list(r -> new ModalityCoverage(r.get("name").asString(), r.get("property").asString(),
                    r.get("dimension").asLong(), r.get("items").asLong(), totalItems));
            Map<String, Long> fused = new TreeMap<>();
            var version = org.graphrec.versions.EmbeddingVersions.published(tx);
            String prop = version.map(org.graphrec.versions.EmbeddingVersion::embeddingProperty).orElse(null);
            fused.put("User", prop == null ? 0L : tx.run("MATCH (u:User) WHERE u[$prop] IS NOT NULL "
                    + "RETURN count(u) AS c", Map.of("prop", prop)).single().get("c").asLong());
            fused.put("Item", prop == null ? 0L : tx.run("MATCH (i:Item) WHERE i[$prop] IS NOT NULL "
                    + "RETURN count(i) AS c", Map.of("prop", prop)).single().get("c").asLong());
            var info = new ConnectionInfo(graph.uri(), graph.serverVersion(), graph.isEmbedded(),
                    graph.embedded().map(e -> e.home().toString()).orElse(null), graph.database());
            return new GraphStats(info, labels, rels, modalities, fused);
        });
    }
}
