package org.graphrec.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.propagation.ClosedFormParameters;
import org.graphrec.propagation.PropagateParameters;
import org.graphrec.propagation.PropagateParameters.Mode;
import org.graphrec.propagation.PropagationService;
import org.graphrec.testing.PerClassEmbeddedGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Serving on what the real {@code propagate} writes (not the test stand-in): after a closed-form run on a
 * synthetic catalogue, the shell and the Cypher library agree for every user, the exact mode equals a
 * dot-product ranking of the stored vectors computed here, and similar-items works per modality.
 */
class RealPropagationServingTest extends PerClassEmbeddedGraph {

    static ServingFixtures.Synthetic data;

    @BeforeAll
    static void start() {
        data = ServingFixtures.synthetic(graph, 200, 5, 800, 12, 16, 11L, false);
        new PropagationService(graph, ProgressTracker.none()).run(new PropagateParameters(Mode.CLOSED_FORM,
                ClosedFormParameters.defaults(16), 5, null, 0.3, true, true));
    }

    @Test
    void shellAndLibraryAgreeOnThePropagatedEmbeddings() {
        Map<String, double[]> items = new HashMap<>();
        Map<String, double[]> users = new HashMap<>();
        String prop = new org.graphrec.versions.EmbeddingVersions(graph).requirePublished().embeddingProperty();
        graph.read(tx -> {
            tx.run("MATCH (i:Item) WHERE i[$p] IS NOT NULL RETURN i.id AS id, i[$p] AS v", Map.of("p", prop))
                    .forEachRemaining(r -> items.put(r.get("id").asString(), EmbeddingRecommender.vector(r.get("v"))));
            tx.run("MATCH (u:User) WHERE u[$p] IS NOT NULL RETURN u.id AS id, u[$p] AS v", Map.of("p", prop))
                    .forEachRemaining(r -> users.put(r.get("id").asString(), EmbeddingRecommender.vector(r.get("v"))));
            return null;
        });
        // propagate writes all-zero vectors for users without train interactions: serving treats them as cold
        users.values().removeIf(v -> Mmr.dot(v, v) == 0);
        assertThat(users).hasSize(200);
        var cold = new EmbeddingRecommender(graph).recommend(RecommendRequest.of(data.coldUsers().get(0), 5));
        assertThat(cold.source()).isEqualTo(Recommendations.Source.POPULAR_FALLBACK);
        EmbeddingRecommender shell = new EmbeddingRecommender(graph);
        LibraryQuery forUser = CypherLibrary.load().get("recommend/for-user");
        double recall = 0;
        for (String user : users.keySet()) {
            Set<String> seen = data.seen().get(user);
            double[] u = users.get(user);
            List<String> exact = items.entrySet().stream().filter(e -> !seen.contains(e.getKey()))
                    .sorted(Comparator.<Map.Entry<String, double[]>>comparingDouble(e -> -Mmr.dot(u, e.getValue()))
                            .thenComparing(Map.Entry::getKey))
                    .limit(10).map(Map.Entry::getKey).toList();
            List<String> served = shell.recommend(RecommendRequest.of(user, 10)).itemIds();
            List<String> cypher = LibraryRunner.run(graph, forUser, forUser.bind(Map.of("userId", user, "k", 10L)))
                    .rows().stream().map(r -> (String) r.get("itemId")).toList();
            assertThat(cypher).isEqualTo(served);
            assertThat(shell.recommend(RecommendRequest.of(user, 10).withExact(true)).itemIds())
                    .as("exact mode for %s", user).isEqualTo(exact);
            Set<String> hits = new HashSet<>(served);
            hits.retainAll(exact);
            recall += hits.size() / 10.0;
        }
        System.out.println("RealPropagationServingTest index path recall@10 " + recall / users.size());
        assertThat(recall / users.size()).isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void similarWorksOnThePropagatedIndexes() {
        SimilarItems similar = new SimilarItems(graph);
        for (String by : GraphLookup.modalities(graph)) {
            assertThat(similar.similar("item-00003", 5, by).items()).as("similar by %s", by).hasSize(5)
                    .extracting(Recommendations.Item::itemId).doesNotContain("item-00003");
        }
    }
}
