package org.graphrec.recommend;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.graphrec.config.UserException;
import org.graphrec.graph.GraphConnection;
import org.graphrec.graph.ResultRow;
import org.graphrec.recommend.GraphLookup.Kind;
import org.graphrec.recommend.Recommendations.Source;
import org.graphrec.versions.EmbeddingVersion;
import org.graphrec.versions.EmbeddingVersions;
import org.neo4j.driver.Value;

/**
 * Top-K recommendations from the fused embeddings, by running the library's {@code recommend/for-user.cypher}
 * (so the shell and an analyst running that file get the same list: the exact top-K, scored inside Neo4j by the
 * {@code graphrec.recommend} procedure), with the cold-start fallbacks {@code recommend/popular.cypher} and
 * {@code recommend/like-item.cypher} for users without an embedding, and optional MMR diversification
 * ({@link Mmr}) over an over-fetched candidate list. On a server without graphrec's procedures it runs
 * {@code recommend/for-user-index.cypher} (vector indexes) and says so.
 *
 * <p>The happy path is one query; only an empty answer costs the extra look-ups that explain it (unknown user,
 * brand or category with "did you mean", no propagation run, cold start).
 */
public final class EmbeddingRecommender {

    private final GraphConnection graph;
    private final LibraryQuery forUser;
    private final LibraryQuery popular;
    private final LibraryQuery likeItem;
    private final boolean procedures;

    public EmbeddingRecommender(GraphConnection graph) {
        this.graph = graph;
        CypherLibrary library = CypherLibrary.load();
        this.procedures = ServingProcedureCheck.available(graph);
        this.forUser = library.get(procedures ? "recommend/for-user" : "recommend/for-user-index");
        this.popular = library.get("recommend/popular");
        this.likeItem = library.get(procedures ? "recommend/like-item" : "recommend/like-item-index");
    }

    /** The parameters {@code query} (for-user or for-user-index) gets for {@code request} (k = {@code fetch}). */
    public static Map<String, Object> forUserParameters(LibraryQuery query, RecommendRequest request, int fetch) {
        Map<String, Object> p = new HashMap<>();
        p.put("userId", request.userId());
        p.put("k", fetch);
        p.put("excludeSeen", request.excludeSeen());
        p.put("brand", request.brand());
        p.put("category", request.category());
        if (query.parameters().stream().anyMatch(x -> x.name().equals("exact"))) {
            p.put("exact", request.exact());
        }
        return query.bind(p);
    }

    /** Recommends for {@code request}; unknown names are {@link UserException}s with suggestions. */
    public Recommendations recommend(RecommendRequest request) {
        int fetch = request.diversify() > 0 ? Math.min(RecommendRequest.MAX_K * 3,
                Math.max(3 * request.k(), request.k() + 20)) : request.k();
        List<ResultRow> rows = run(forUser, forUserParameters(forUser, request, fetch));
        if (!rows.isEmpty()) {
            String note = request.likeItem() == null ? null
                    : "--like is only used for users without history; ranked by the user's embedding";
            if (!procedures) {
                note = note == null ? ServingProcedureCheck.FALLBACK_NOTE : note + "; " + ServingProcedureCheck.FALLBACK_NOTE;
            }
            return finish(request, Source.EMBEDDING, note, rows, "score", rows.get(0).get("version").asLong());
        }
        UserState user = userState(request.userId());
        if (!user.exists()) {
            throw GraphLookup.missing(graph, Kind.USER, request.userId());
        }
        new EmbeddingVersions(graph).requirePublished();
        requireFilters(request);
        if (user.hasEmbedding()) {
            return new Recommendations(request.userId(), Source.EMBEDDING,
                    "no items left" + filterText(request) + (request.excludeSeen() ? " that the user has not seen" : ""),
                    List.of());
        }
        String coldStart = "cold start: user '" + request.userId() + "' has no embedding yet ("
                + (user.interactions() == 0 ? "no interactions" : user.interactions()
                + " interactions, newer than the last propagation run") + ") — ";
        if (request.likeItem() != null) {
            requireItemEmbedding(request.likeItem());
            Map<String, Object> p = new HashMap<>();
            p.put("itemId", request.likeItem());
            p.put("k", fetch);
            p.put("userId", request.excludeSeen() ? request.userId() : null);
            p.put("brand", request.brand());
            p.put("category", request.category());
            return finish(request, Source.LIKE_FALLBACK, coldStart + "fallback: items like '" + request.likeItem()
                    + "' (fused embedding)" + filterText(request), run(likeItem, likeItem.bind(p)), "similarity", -1);
        }
        Map<String, Object> p = new HashMap<>();
        p.put("k", fetch);
        p.put("userId", request.excludeSeen() ? request.userId() : null);
        p.put("brand", request.brand());
        p.put("category", request.category());
        return finish(request, Source.POPULAR_FALLBACK, coldStart + "fallback: most popular items"
                + filterText(request) + " (or seed with --like ITEM)", run(popular, popular.bind(p)), "interactions", -1);
    }

    private Recommendations finish(RecommendRequest request, Source source, String note, List<ResultRow> rows,
                                   String scoreColumn, long version) {
        List<Recommendations.Item> items = new ArrayList<>();
        for (ResultRow r : rows) {
            items.add(new Recommendations.Item(r.get("rank").asInt(), r.get("itemId").asString(),
                    r.get("title").asString(null), r.get(scoreColumn).asDouble()));
        }
        if (request.diversify() > 0 && items.size() > 1) {
            items = diversify(items, request.k(), request.diversify(), version);
        } else if (items.size() > request.k()) {
            items = items.subList(0, request.k());
        }
        return new Recommendations(request.userId(), source, note, List.copyOf(items));
    }

    private List<Recommendations.Item> diversify(List<Recommendations.Item> candidates, int k, double lambda,
                                                 long version) {
        List<String> ids = candidates.stream().map(Recommendations.Item::itemId).toList();
        Map<String, double[]> vectors = itemVectors(graph, ids, version);
        double[] scores = candidates.stream().mapToDouble(Recommendations.Item::score).toArray();
        double[][] v = ids.stream().map(vectors::get).toArray(double[][]::new);
        List<Recommendations.Item> out = new ArrayList<>();
        for (int index : Mmr.select(scores, v, k, lambda)) {
            Recommendations.Item c = candidates.get(index);
            out.add(new Recommendations.Item(out.size() + 1, c.itemId(), c.title(), c.score()));
        }
        return out;
    }

    /**
     * Fused item embeddings of {@code version} by id (items without one are absent); {@code version} −1 means the
     * published version.
     */
    static Map<String, double[]> itemVectors(GraphConnection graph, List<String> ids, long version) {
        return graph.read(tx -> {
            long v = version >= 0 ? version
                    : EmbeddingVersions.published(tx).map(EmbeddingVersion::version).orElse(-1L);
            Map<String, double[]> out = new HashMap<>();
            if (v < 0) {
                return out;
            }
            tx.run("""
                    UNWIND $ids AS id MATCH (i:Item {id: id}) WHERE i[$prop] IS NOT NULL
                    RETURN i.id AS id, i[$prop] AS v
                    """, Map.of("ids", ids, "prop", EmbeddingVersion.embeddingProperty(v)))
                    .forEachRemaining(r -> out.put(r.get("id").asString(), vector(r.get("v"))));
            return out;
        });
    }

    static double[] vector(Value value) {
        List<Double> list = value.asList(Value::asDouble);
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }

    private List<ResultRow> run(LibraryQuery query, Map<String, Object> parameters) {
        return graph.query(query.cypher(), parameters);
    }

    private record UserState(boolean exists, boolean hasEmbedding, long interactions) {
    }

    private UserState userState(String userId) {
        return graph.read(tx -> {
            var result = tx.run("""
                    MATCH (u:User {id: $id})
                    OPTIONAL MATCH (p:PublishedVersion {name: 'fused'})
                    WITH u, CASE WHEN p.version IS NULL THEN null ELSE u['embedding_v' + p.version] END AS ue
                    RETURN ue IS NOT NULL AND reduce(n = 0.0, x IN ue | n + x * x) > 0
                           AS hasEmbedding, COUNT { (u)-[:INTERACTED]->() } AS interactions
                    """, Map.of("id", userId));
            if (!result.hasNext()) {
                return new UserState(false, false, 0);
            }
            var r = result.next();
            return new UserState(true, r.get("hasEmbedding").asBoolean(), r.get("interactions").asLong());
        });
    }

    private void requireFilters(RecommendRequest request) {
        if (request.brand() != null) {
            GraphLookup.require(graph, Kind.BRAND, request.brand());
        }
        if (request.category() != null) {
            GraphLookup.require(graph, Kind.CATEGORY, request.category());
        }
    }

    private void requireItemEmbedding(String itemId) {
        GraphLookup.require(graph, Kind.ITEM, itemId);
        boolean has = graph.read(tx -> tx.run("""
                MATCH (i:Item {id: $id})
                OPTIONAL MATCH (p:PublishedVersion {name: 'fused'})
                RETURN p.version IS NOT NULL AND i['embedding_v' + p.version] IS NOT NULL AS has
                """, Map.of("id", itemId)).single().get("has").asBoolean());
        if (!has) {
            throw new UserException("item '" + itemId + "' has no fused embedding yet (it arrived after the last "
                    + "propagation run?) — pick another --like item or run 'propagate'");
        }
    }

    private static String filterText(RecommendRequest request) {
        return filterText(request.brand(), request.category());
    }

    /** " of brand 'B' in category 'C'" for the filters that are set (empty when none). */
    public static String filterText(String brand, String category) {
        String text = "";
        if (brand != null) {
            text += " of brand '" + brand + "'";
        }
        if (category != null) {
            text += " in category '" + category + "'";
        }
        return text;
    }
}
