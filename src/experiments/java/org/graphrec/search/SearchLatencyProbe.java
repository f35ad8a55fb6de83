package org.graphrec.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.graphrec.experiments.ExperimentOptions;
import org.graphrec.experiments.LayerTimer;
import org.graphrec.graph.GraphConnection;
import org.junit.jupiter.api.Test;

/**
 * Where a search call's time goes, layer by layer, on an existing store with MiniLM text vectors (not a test: no
 * assertions). Run with {@code mvn -Pexperiments -o test -Dtest=SearchLatencyProbe -Dgraphrec.db=STORE}; prints
 * p50/p95/p99 per layer, each layer timed on the same seeded queries and users, interleaved call by call so load
 * changes hit every layer alike.
 */
class SearchLatencyProbe {

    @Test
    void probe() {
        ExperimentOptions options = ExperimentOptions.of("SearchLatencyProbe", "db", "warmup", "samples");
        try (GraphConnection graph = LayerTimer.openStore(options, "db")) {
            int warmup = options.integer("warmup", 1000, 0, 1_000_000);
            int samples = options.integer("samples", 1000, 1, 1_000_000);
            SearchService service = new SearchService(graph);
            List<String> titles = graph.query("""
                    MATCH (i:Item) WHERE i.title IS NOT NULL RETURN i.title AS t ORDER BY i.id LIMIT 100000""",
                    Map.of()).stream().map(r -> r.get("t").asString()).toList();
            List<String> users = graph.query("""
                    MATCH (v:PublishedVersion {name: 'fused'}) MATCH (u:User)
                    WHERE u['embedding_v' + v.version] IS NOT NULL RETURN u.id AS id ORDER BY id LIMIT 100000""",
                    Map.of()).stream().map(r -> r.get("id").asString()).toList();
            Random random = new Random(1);
            int calls = warmup + samples;
            List<String> queries = new ArrayList<>();
            List<String> sampledUsers = new ArrayList<>();
            for (int c = 0; c < calls; c++) {
                queries.add(SearchEvaluation.knownItemQuery(titles.get(random.nextInt(titles.size())), 0.3, random));
                sampledUsers.add(users.get(random.nextInt(users.size())));
            }
            List<float[]> vectors = new ArrayList<>();
            for (int from = 0; from < calls; from += 64) {
                vectors.addAll(service.encoder().embed(queries.subList(from, Math.min(calls, from + 64))));
            }
            String direct = "CALL graphrec.search($v, {user: $u, k: 10, personal: 0.1}) YIELD rank, item, score "
                    + "RETURN rank, item.id AS itemId, score";
            System.out.println(new LayerTimer()
                    .layer("encode", c -> service.encoder().embed(List.of(queries.get(c))))
                    .layer("requireTextVectors", c -> service.requireTextVectors())
                    .layer("RETURN 1 in-process", c -> graph.query("RETURN 1 AS one", Map.of()))
                    .layer("rank (file, user)", c -> service.rank(request(queries, sampledUsers, c), vectors.get(c)))
                    .layer("rank (file, no user)", c -> service.rank(SearchRequest.of(queries.get(c), 10),
                            vectors.get(c)))
                    .layer("CALL direct float[] param, user", c -> graph.query(direct,
                            Map.of("v", vectors.get(c), "u", sampledUsers.get(c))))
                    .layer("CALL direct float[] no user", c -> graph.query(direct, noUser(vectors.get(c))))
                    .layer("encode + rank (user)", c -> {
                        SearchRequest r = request(queries, sampledUsers, c);
                        service.rank(r, service.encode(r.query()));
                    })
                    .run(warmup, samples));
        }
    }

    private static Map<String, Object> noUser(float[] v) {
        Map<String, Object> p = new java.util.HashMap<>();
        p.put("v", v);
        p.put("u", null);
        return p;
    }

    private static SearchRequest request(List<String> queries, List<String> users, int c) {
        return SearchRequest.of(queries.get(c), 10).forUser(users.get(c), SearchRequest.DEFAULT_PERSONAL);
    }
}
