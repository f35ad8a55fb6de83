package org.graphrec.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.graphrec.config.UserException;
import org.graphrec.graph.GraphConnection;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.recommend.CypherLibrary;
import org.graphrec.recommend.LibraryQuery;
import org.graphrec.recommend.ServeLatency;

/**
 * The search rows of {@code bench serve}: warm latency of encoding a query, of the shell's search without and with
 * a user (query encoding included), with its explanations, and of {@code recommend/search.cypher} over Bolt (with a
 * vector encoded beforehand). Queries are known-item queries made from sampled titles (seeded), so no two
 * consecutive calls encode the same text. Nothing is measured on a graph whose text vectors did not come from
 * the query encoder (search refuses it).
 */
public final class SearchLatency {

    private SearchLatency() {
    }

    /** The rows, or none (with the reason) when search cannot run on this graph. */
    public static List<ServeLatency.Row> measure(GraphConnection graph, ServeLatency.Parameters p,
                                                 ProgressTracker progress) {
        SearchService service = new SearchService(graph);
        try {
            service.requireTextVectors();
        } catch (UserException e) {
            return List.of(new ServeLatency.Row("search (not measured: " + e.getMessage() + ")", 0, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN));
        }
        Random random = new Random(p.seed());
        List<String> titles = graph.read(tx -> tx.run("""
                MATCH (m:Modality {name: 'text'}) MATCH (i:Item)
                WHERE i.title IS NOT NULL AND i[m.property] IS NOT NULL
                RETURN i.title AS title ORDER BY i.id LIMIT 100000
                """).list(r -> r.get("title").asString()));
        List<String> users = graph.read(tx -> tx.run("""
                MATCH (v:PublishedVersion {name: 'fused'}) MATCH (u:User) WHERE u['embedding_v' + v.version] IS NOT NULL
                RETURN u.id AS id ORDER BY id LIMIT 100000
                """).list(r -> r.get("id").asString()));
        int calls = p.warmup() + p.samples();
        List<String> queries = new ArrayList<>(calls);
        List<String> keys = new ArrayList<>(calls);
        for (int c = 0; c < calls && !titles.isEmpty(); c++) {
            String q = SearchEvaluation.knownItemQuery(titles.get(random.nextInt(titles.size())), 0.3, random);
            queries.add(q.isBlank() ? "gift" : q);
            keys.add(String.valueOf(c));
        }
        if (queries.isEmpty() || users.isEmpty()) {
            return List.of(new ServeLatency.Row("search (not measured: no titles or no users with embeddings)", 0,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        }
        List<String> sampledUsers = new ArrayList<>();
        for (int c = 0; c < calls; c++) {
            sampledUsers.add(users.get(random.nextInt(users.size())));
        }
        LibraryQuery file = CypherLibrary.load().get("recommend/search");
        List<ServeLatency.Row> rows = new ArrayList<>();
        rows.add(ServeLatency.time("search: encode query (MiniLM)", p, keys, progress,
                c -> service.encoder().embed(List.of(queries.get(Integer.parseInt(c))))));
        rows.add(ServeLatency.time("search (service: encode + rank)", p, keys, progress,
                c -> service.rank(SearchRequest.of(queries.get(Integer.parseInt(c)), p.k()),
                        service.encode(queries.get(Integer.parseInt(c))))));
        rows.add(ServeLatency.time("search --user (service: encode + rank)", p, keys, progress, c -> {
            SearchRequest r = request(queries, sampledUsers, c, p.k());
            service.rank(r, service.encode(r.query()));
        }));
        rows.add(ServeLatency.time("search --user (service, with explanations)", p, keys, progress,
                c -> service.search(request(queries, sampledUsers, c, p.k()))));
        List<float[]> vectors = new ArrayList<>();
        for (int from = 0; from < queries.size(); from += 64) {
            vectors.addAll(service.encoder().embed(queries.subList(from, Math.min(queries.size(), from + 64))));
        }
        rows.add(ServeLatency.time("cypher recommend/search --user (vector given)", p, keys, progress, c -> {
            int i = Integer.parseInt(c);
            Map<String, Object> params = service.parameters(request(queries, sampledUsers, c, p.k()), vectors.get(i));
            graph.boltQuery(file.cypher(), params);
        }));
        return rows;
    }

    private static SearchRequest request(List<String> queries, List<String> users, String key, int k) {
        int i = Integer.parseInt(key);
        return SearchRequest.of(queries.get(i), k).forUser(users.get(i), SearchRequest.DEFAULT_PERSONAL);
    }
}
