package org.graphrec.recommend;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.graphrec.config.UserException;
import org.graphrec.graph.GraphConnection;
import org.graphrec.graph.ResultRow;
import org.graphrec.versions.EmbeddingVersion;
import org.graphrec.versions.EmbeddingVersions;
import org.graphrec.recommend.GraphLookup.Kind;

/**
 * Items like an item, by one modality's vectors or the fused embedding: runs the library's
 * {@code recommend/similar-items.cypher} (exact cosine, by the {@code graphrec.similar} procedure), or
 * {@code recommend/similar-items-index.cypher} (the vector index) on a server without graphrec's procedures.
 * Works for items nobody interacted with, as long as they carry the vector.
 */
public final class SimilarItems {

    private final GraphConnection graph;
    private final LibraryQuery query;
    private final boolean procedures;

    public SimilarItems(GraphConnection graph) {
        this.graph = graph;
        this.procedures = ServingProcedureCheck.available(graph);
        this.query = CypherLibrary.load().get(procedures ? "recommend/similar-items" : "recommend/similar-items-index");
    }

    /**
     * The answer.
     *
     * @param itemId   the item asked about
     * @param modality {@code fused} or a modality name
     * @param items    most similar first; score = cosine similarity
     * @param exact    true when the list is the exact top-k; false when a large catalogue's inverted file (recall@10
     *                 calibrated to 0.97, exact scores) or, without graphrec's procedures, the vector index answered
     */
    public record Result(String itemId, String modality, List<Recommendations.Item> items, boolean exact) {
    }

    /** Up to {@code k} (1..1000) items most similar to {@code itemId} by {@code modality}, approximate where fast. */
    public Result similar(String itemId, int k, String modality) {
        return similar(itemId, k, modality, false);
    }

    /**
     * Up to {@code k} (1..1000) items most similar to {@code itemId} by {@code modality}; {@code exact} asks for
     * the exact list on catalogues where {@code graphrec.similar} would use its inverted file (200,000 items or more).
     */
    public Result similar(String itemId, int k, String modality, boolean exact) {
        if (k < 1 || k > RecommendRequest.MAX_K) {
            throw new UserException("--k must be between 1 and " + RecommendRequest.MAX_K + ", found " + k);
        }
        if (exact && !procedures) {
            throw new UserException("--exact needs graphrec's procedures on the server (the plugin jar); without "
                    + "them similar asks the vector index, which is approximate");
        }
        String by = modality == null || modality.isBlank() ? "fused" : modality;
        Map<String, Object> given = new HashMap<>(Map.of("itemId", itemId, "k", (long) k, "modality", by));
        if (procedures) {
            given.put("exact", exact);
        }
        List<ResultRow> rows = graph.query(query.cypher(), query.bind(given));
        if (rows.isEmpty()) {
            diagnose(itemId, by);
        }
        List<Recommendations.Item> items = new ArrayList<>();
        boolean allExact = procedures;
        for (ResultRow r : rows) {
            items.add(new Recommendations.Item(r.get("rank").asInt(), r.get("itemId").asString(),
                    r.get("title").asString(null), r.get("similarity").asDouble()));
            allExact &= r.get("exact").asBoolean();
        }
        return new Result(itemId, by, List.copyOf(items), allExact);
    }

    private void diagnose(String itemId, String modality) {
        GraphLookup.require(graph, Kind.ITEM, itemId);
        GraphLookup.requireModality(graph, modality);
        EmbeddingVersion published = new EmbeddingVersions(graph).requirePublished();
        var has = graph.read(tx -> tx.run("""
                MATCH (i:Item {id: $id})
                RETURN [m IN COLLECT { MATCH (m:Modality) RETURN m ORDER BY m.name } WHERE i[m.property] IS NOT NULL
                        | m.name] + CASE WHEN i[$prop] IS NULL THEN [] ELSE ['fused'] END AS has
                """, Map.of("id", itemId, "prop", published.embeddingProperty())).single().get("has")
                .asList(v -> v.asString()));
        if (!has.contains(modality)) {
            throw new UserException("item '" + itemId + "' has no " + modality + " embedding"
                    + (has.isEmpty() ? " (it has no vectors at all)" : " (it has: " + String.join(", ", has) + ")"));
        }
        if (procedures) {
            return;
        }
        String indexName = "fused".equals(modality) ? published.itemIndex() : "item_" + modality + "_embedding";
        boolean index = graph.read(tx -> tx.run("SHOW VECTOR INDEXES YIELD name WHERE name = $name RETURN count(*) > 0 AS ok",
                Map.of("name", indexName)).single().get("ok").asBoolean());
        if (!index) {
            throw new UserException("no vector index for " + modality + " yet — run 'propagate' (it creates "
                    + indexName + ")");
        }
    }
}
