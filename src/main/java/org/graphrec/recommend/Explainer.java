package org.graphrec.recommend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.graphrec.graph.GraphConnection;
import org.graphrec.recommend.Explanation.Kind;
import org.graphrec.recommend.Explanation.Path;

/**
 * Explains an item for a user by the strongest paths that join them:
 * <ul>
 *   <li>items the user interacted with that are similar to it, per modality and fused (cosine of the stored
 *       vectors, positive ones only; a stored SIMILAR edge's rank is shown when there is one) — length 2;</li>
 *   <li>a brand or category it shares with the user's items — length 3, score = share of the user's items;</li>
 *   <li>users who interacted with one of the user's items and with it — length 3, score = share of the item's
 *       users.</li>
 * </ul>
 * Shortest first, strongest first within a length; at most {@code perKind} paths of each kind (per modality
 * for similarity) and {@code limit} in all. The user's history is bounded to the newest {@code maxHistory}
 * interactions so heavy users stay fast.
 */
public final class Explainer {

    private final GraphConnection graph;

    public Explainer(GraphConnection graph) {
        this.graph = graph;
    }

    /** Explains {@code itemId} for {@code userId}; unknown ids are user errors with suggestions. */
    public Explanation explain(String userId, String itemId, int limit) {
        GraphLookup.require(graph, GraphLookup.Kind.USER, userId);
        GraphLookup.require(graph, GraphLookup.Kind.ITEM, itemId);
        int perKind = 3;
        int maxHistory = 500;
        Map<String, Object> p = Map.of("userId", userId, "itemId", itemId, "maxHistory", maxHistory,
                "perKind", perKind);
        return graph.read(tx -> {
            var head = tx.run("""
                    MATCH (u:User {id: $userId}), (i:Item {id: $itemId})
                    OPTIONAL MATCH (u)-[r:INTERACTED]->(i)
                    OPTIONAL MATCH (p:PublishedVersion {name: 'fused'})
                    WITH u, i, p, 'embedding_v' + p.version AS vec, head(collect(r.split)) AS split
                    WITH u, i, p, split, CASE WHEN vec IS NULL THEN null ELSE u[vec] END AS ue,
                         CASE WHEN vec IS NULL THEN null ELSE i[vec] END AS ie
                    RETURN i.title AS title, split, p.version AS version,
                           CASE WHEN ue IS NULL OR ie IS NULL OR size(ue) <> size(ie) THEN null
                                ELSE reduce(s = 0.0, j IN range(0, size(ue) - 1) | s + ue[j] * ie[j]) END AS score,
                           COUNT { (u)-[:INTERACTED]->() } AS history, COUNT { (i)<-[:INTERACTED]-() } AS itemUsers
                    """, p).single();
            long history = head.get("history").asLong();
            long itemUsers = head.get("itemUsers").asLong();
            List<Path> paths = new ArrayList<>();
            tx.run("""
                    MATCH (u:User {id: $userId})-[r:INTERACTED]->(j:Item), (i:Item {id: $itemId})
                    WHERE j <> i
                    WITH i, j, r ORDER BY r.ts DESC, j.id ASC LIMIT $maxHistory
                    OPTIONAL MATCH (p:PublishedVersion {name: 'fused'})
                    WITH i, j, r, p, p.similarVersion AS kv
                    UNWIND [x IN [{name: 'fused', property: 'embedding_v' + p.version}] WHERE x.property IS NOT NULL]
                           + COLLECT { MATCH (m:Modality) RETURN m {.name, .property} ORDER BY m.name } AS m
                    WITH i, j, r, kv, m.name AS modality, i[m.property] AS a, j[m.property] AS b
                    WHERE a IS NOT NULL AND b IS NOT NULL AND size(a) = size(b)
                    WITH i, j, r, kv, modality, 2 * vector.similarity.cosine(a, b) - 1 AS similarity
                    WHERE similarity > 0
                    ORDER BY modality, similarity DESC, j.id ASC
                    WITH modality, kv, collect({j: j, r: r, similarity: similarity, i: i})[..$perKind] AS best
                    UNWIND best AS b
                    WITH modality, kv, b.j AS j, b.r AS r, b.similarity AS similarity, b.i AS i
                    RETURN modality, j.id AS via, j.title AS title, r.split AS split, similarity,
                           head(COLLECT { MATCH (j)-[s:SIMILAR]-(i) WHERE s.modality = modality AND s.version = kv
                                          RETURN s.rank ORDER BY s.rank LIMIT 1 }) AS storedRank
                    """, p).forEachRemaining(r -> {
                String via = r.get("via").asString();
                double similarity = r.get("similarity").asDouble();
                String modality = r.get("modality").asString();
                String stored = r.get("storedRank").isNull() ? "" : ", stored SIMILAR rank " + r.get("storedRank")
                        .asLong();
                paths.add(new Path(Kind.SIMILAR, 2, similarity, List.of("Item:" + via), modality, String.format(
                        Locale.ROOT, "%s → %s (%s) ≈ %s: %s similarity %.3f%s", userId, label(via, r.get("title")),
                        r.get("split").asString("?"), itemId, modality, similarity, stored)));
            });
            tx.run("""
                    MATCH (i:Item {id: $itemId})-[:MADE_BY]->(g:Brand)<-[:MADE_BY]-(j:Item)<-[:INTERACTED]-(:User {id: $userId})
                    WHERE j <> i
                    WITH 'brand' AS kind, g.name AS name, j ORDER BY j.id
                    RETURN kind, name, count(j) AS shared, collect(j.id)[..3] AS examples
                    UNION ALL
                    MATCH (i:Item {id: $itemId})-[:IN_CATEGORY]->(g:Category)<-[:IN_CATEGORY]-(j:Item)<-[:INTERACTED]-(:User {id: $userId})
                    WHERE j <> i
                    WITH 'category' AS kind, g.name AS name, j ORDER BY j.id
                    RETURN kind, name, count(j) AS shared, collect(j.id)[..3] AS examples
                    """, p).forEachRemaining(r -> {
                boolean brand = r.get("kind").asString().equals("brand");
                String name = r.get("name").asString();
                long shared = r.get("shared").asLong();
                List<String> examples = r.get("examples").asList(v -> v.asString());
                double share = history == 0 ? 0 : (double) shared / history;
                paths.add(new Path(brand ? Kind.SHARED_BRAND : Kind.SHARED_CATEGORY, 3, share,
                        List.of("Item:" + examples.get(0), (brand ? "Brand:" : "Category:") + name),
                        shared + " of " + history + " items", String.format(Locale.ROOT,
                        "%s → %s%s → %s '%s' ← %s: %d of the user's %d items share it (%.2f)", userId,
                        String.join(", ", examples), shared > examples.size() ? ", …" : "", brand ? "brand"
                                : "category", name, itemId, shared, history, share)));
            });
            tx.run("""
                    MATCH (:User {id: $userId})-[:INTERACTED]->(j:Item)<-[:INTERACTED]-(v:User)
                          -[:INTERACTED]->(i:Item {id: $itemId})
                    WHERE v.id <> $userId AND j <> i
                    WITH j, v ORDER BY v.id
                    WITH j, count(DISTINCT v) AS users, collect(DISTINCT v.id)[..3] AS examples
                    RETURN j.id AS via, j.title AS title, users, examples
                    ORDER BY users DESC, via ASC
                    LIMIT $perKind
                    """, p).forEachRemaining(r -> {
                String via = r.get("via").asString();
                long users = r.get("users").asLong();
                double share = itemUsers == 0 ? 0 : (double) users / itemUsers;
                List<String> examples = r.get("examples").asList(v -> v.asString());
                paths.add(new Path(Kind.CO_INTERACTION, 3, share, List.of("Item:" + via, "User:" + examples.get(0)),
                        users + " users", String.format(Locale.ROOT,
                        "%s → %s ← %d other user%s (%s%s) → %s: %.2f of %s's %d users", userId,
                        label(via, r.get("title")), users, users == 1 ? "" : "s", String.join(", ", examples),
                        users > examples.size() ? ", …" : "", itemId, share, itemId, itemUsers)));
            });
            paths.sort(Comparator.comparingInt(Path::length).thenComparing(Comparator.comparingDouble(Path::score)
                    .reversed()).thenComparing(Path::line));
            Double score = head.get("score").isNull() ? null : head.get("score").asDouble();
            return new Explanation(userId, itemId, head.get("title").asString(null), score,
                    head.get("split").asString(null), List.copyOf(paths.subList(0, Math.min(limit, paths.size()))),
                    head.get("version").isNull() ? null : head.get("version").asLong());
        });
    }

    private static String label(String id, org.neo4j.driver.Value title) {
        return title.isNull() ? id : id + " \"" + title.asString() + "\"";
    }
}
