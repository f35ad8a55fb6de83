package org.graphrec.recommend;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;
import org.graphrec.config.ConnectionSettings;
import org.graphrec.experiments.ExperimentOptions;
import org.graphrec.graph.GraphConnection;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Where a recommend call's time goes, layer by layer, on an existing propagated store (not a test: no
 * assertions): an empty in-process query, the user's row, the bare {@code graphrec.recommend} call, the library
 * file, the shell's service. Every layer is timed on the same seeded users, interleaved call by call.
 * {@code mvn -Pexperiments -o test -Dtest=RecommendLatencyProbe -Dgraphrec.db=STORE}.
 */
class RecommendLatencyProbe {

    @Test
    void probe() {
        ExperimentOptions options = ExperimentOptions.of("RecommendLatencyProbe", "db", "warmup", "samples");
        String db = options.text("db", null);
        Assumptions.assumeTrue(db != null, "probe: run with -Dgraphrec.db=STORE");
        int warmup = options.integer("warmup", 500, 0, 1_000_000);
        int samples = options.integer("samples", 500, 1, 1_000_000);
        try (GraphConnection graph = GraphConnection.open(ConnectionSettings.embedded(Path.of(db)))) {
            List<String> users = graph.query("MATCH (u:User) RETURN u.id AS id ORDER BY id LIMIT 200000", Map.of())
                    .stream().map(r -> r.get("id").asString()).toList();
            Random random = new Random(1);
            int calls = warmup + samples;
            List<String> sampled = new ArrayList<>();
            for (int c = 0; c < calls; c++) {
                sampled.add(users.get(random.nextInt(users.size())));
            }
            EmbeddingRecommender service = new EmbeddingRecommender(graph);
            String[] names = {"RETURN 1", "user row (embedding property)", "CALL graphrec.recommend (ids only)",
                    "CALL graphrec.recommend + titles", "recommend service"};
            List<IntConsumer> layers = List.of(
                    c -> graph.query("RETURN 1 AS one", Map.of()),
                    c -> graph.query("MATCH (u:User {id: $id}) MATCH (p:PublishedVersion {name: 'fused'}) "
                            + "RETURN size(u['embedding_v' + p.version]) AS n", Map.of("id", sampled.get(c))),
                    c -> graph.query("CALL graphrec.recommend($id, 10) YIELD rank, score RETURN rank, score",
                            Map.of("id", sampled.get(c))),
                    c -> graph.query("CALL graphrec.recommend($id, 10) YIELD rank, item, score "
                            + "RETURN rank, item.id AS itemId, item.title AS title, score",
                            Map.of("id", sampled.get(c))),
                    c -> service.recommend(RecommendRequest.of(sampled.get(c), 10)));
            long[][] nanos = new long[layers.size()][samples];
            for (int c = 0; c < calls; c++) {
                for (int l = 0; l < layers.size(); l++) {
                    long t0 = System.nanoTime();
                    layers.get(l).accept(c);
                    if (c >= warmup) {
                        nanos[l][c - warmup] = System.nanoTime() - t0;
                    }
                }
            }
            StringBuilder out = new StringBuilder("| layer | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|\n");
            for (int l = 0; l < layers.size(); l++) {
                long[] t = nanos[l];
                Arrays.sort(t);
                out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", names[l], t[samples / 2] / 1e6,
                        t[(int) (samples * 0.95)] / 1e6, t[(int) (samples * 0.99)] / 1e6));
            }
            System.out.println(out);
        }
    }
}
