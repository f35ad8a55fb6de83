package org.graphrec.recommend;

import java.util.List;
import java.util.Map;
import org.graphrec.experiments.ExperimentOptions;
import org.graphrec.experiments.LayerTimer;
import org.graphrec.graph.GraphConnection;
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
        try (GraphConnection graph = LayerTimer.openStore(options, "db")) {
            int warmup = options.integer("warmup", 500, 0, 1_000_000);
            int samples = options.integer("samples", 500, 1, 1_000_000);
            List<String> sampled = LayerTimer.seededIds(graph, "User", 200_000, warmup + samples, 1);
            EmbeddingRecommender service = new EmbeddingRecommender(graph);
            System.out.println(new LayerTimer()
                    .layer("RETURN 1", c -> graph.query("RETURN 1 AS one", Map.of()))
                    .layer("user row (embedding property)", c -> graph.query("MATCH (u:User {id: $id}) "
                            + "MATCH (p:PublishedVersion {name: 'fused'}) RETURN size(u['embedding_v' + p.version]) "
                            + "AS n", Map.of("id", sampled.get(c))))
                    .layer("CALL graphrec.recommend (ids only)", c -> graph.query("CALL graphrec.recommend($id, 10) "
                            + "YIELD rank, score RETURN rank, score", Map.of("id", sampled.get(c))))
                    .layer("CALL graphrec.recommend + titles", c -> graph.query("CALL graphrec.recommend($id, 10) "
                            + "YIELD rank, item, score RETURN rank, item.id AS itemId, item.title AS title, score",
                            Map.of("id", sampled.get(c))))
                    .layer("recommend service", c -> service.recommend(RecommendRequest.of(sampled.get(c), 10)))
                    .run(warmup, samples));
        }
    }
}
