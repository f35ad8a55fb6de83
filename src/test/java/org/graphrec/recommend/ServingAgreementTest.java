package org.graphrec.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.testing.PerClassEmbeddedGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shell's recommendations and the Cypher library's {@code recommend/for-user.cypher} agree for every user of
 * a seeded synthetic graph, and both match an exact full-scan dot-product ranking computed here; the
 * procedure-free {@code recommend/for-user-index.cypher} matches it with {@code $exact} and nearly without.
 */
class ServingAgreementTest extends PerClassEmbeddedGraph {

    static ServingFixtures.Synthetic data;

    @BeforeAll
    static void start() {
        data = ServingFixtures.synthetic(graph, 300, 10, 1500, 15, 32, 7L);
    }

    @Test
    void shellAndCypherLibraryGiveTheSameTopKForEveryUserAndMatchAnExactScan() {
        EmbeddingRecommender shell = new EmbeddingRecommender(graph);
        CypherLibrary library = CypherLibrary.load();
        LibraryQuery forUser = library.get("recommend/for-user");
        LibraryQuery forUserIndex = library.get("recommend/for-user-index");
        int users = 0;
        int identicalToExact = 0;
        double recall = 0;
        for (String user : data.users().keySet()) {
            List<String> exact = data.exactTopK(user, 10);
            List<String> served = shell.recommend(RecommendRequest.of(user, 10)).itemIds();
            // what an analyst gets running the file with the same parameters
            List<String> cypher = itemIds(LibraryRunner.run(graph, forUser, forUser.bind(Map.of("userId", user,
                    "k", 10L))));
            assertThat(cypher).as("cypher vs shell for %s", user).isEqualTo(served);
            assertThat(served).as("exact top-10 for %s", user).hasSize(10).isEqualTo(exact)
                    .doesNotContainAnyElementsOf(data.seen().get(user));
            // the procedure-free file: exact with $exact, approximate (indexes) without
            assertThat(itemIds(LibraryRunner.run(graph, forUserIndex, forUserIndex.bind(Map.of("userId", user,
                    "k", 10L, "exact", true))))).as("for-user-index exact for %s", user).isEqualTo(exact);
            List<String> indexed = itemIds(LibraryRunner.run(graph, forUserIndex, forUserIndex.bind(Map.of(
                    "userId", user, "k", 10L))));
            assertThat(indexed).hasSize(10).doesNotContainAnyElementsOf(data.seen().get(user));
            Set<String> hits = new HashSet<>(indexed);
            hits.retainAll(exact);
            recall += hits.size() / 10.0;
            identicalToExact += indexed.equals(exact) ? 1 : 0;
            users++;
        }
        assertThat(users).isEqualTo(300);
        // the indexes are approximate (HNSW; the MIPS query is far from the item vectors, which hurts HNSW):
        // the union of both indexes, re-ranked exactly, measured 0.998 here
        System.out.println("ServingAgreementTest index path: recall@10 " + recall / users + ", identical lists "
                + identicalToExact + "/" + users);
        assertThat(recall / users).isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void similarItemsAreTheExactCosineTopKAndMatchTheCypherFile() {
        SimilarItems shell = new SimilarItems(graph);
        LibraryQuery file = CypherLibrary.load().get("recommend/similar-items");
        List<String> items = new ArrayList<>(data.items().keySet()).subList(0, 50);
        for (String item : items) {
            double[] q = data.items().get(item);
            List<String> exact = data.items().entrySet().stream().filter(e -> !e.getKey().equals(item))
                    .sorted(java.util.Comparator.<Map.Entry<String, double[]>>comparingDouble(
                            e -> -cosine(q, e.getValue())).thenComparing(Map.Entry::getKey))
                    .limit(10).map(Map.Entry::getKey).toList();
            var result = shell.similar(item, 10, "fused");
            assertThat(result.items().stream().map(Recommendations.Item::itemId).toList()).as("similar %s", item)
                    .isEqualTo(exact);
            assertThat(result.items().get(0).score()).isCloseTo(cosine(q, data.items().get(exact.get(0))),
                    org.assertj.core.data.Offset.offset(1e-5));
            assertThat(itemIds(LibraryRunner.run(graph, file, file.bind(Map.of("itemId", item, "k", 10L)))))
                    .isEqualTo(exact);
        }
    }

    private static double cosine(double[] a, double[] b) {
        return ServingFixtures.dot(a, b) / Math.sqrt(ServingFixtures.dot(a, a) * ServingFixtures.dot(b, b));
    }

    private static List<String> itemIds(LibraryRunner.Table table) {
        return table.rows().stream().map(r -> (String) r.get("itemId")).toList();
    }

    @Test
    void filteredRecommendationsAreExactTopKWithinTheBrand() {
        EmbeddingRecommender shell = new EmbeddingRecommender(graph);
        Map<String, String> brandOf = new HashMap<>();
        graph.read(tx -> {
            tx.run("MATCH (i:Item)-[:MADE_BY]->(b:Brand) RETURN i.id AS i, b.name AS b")
                    .forEachRemaining(r -> brandOf.put(r.get("i").asString(), r.get("b").asString()));
            return null;
        });
        List<String> users = new ArrayList<>(data.users().keySet()).subList(0, 60);
        for (String user : users) {
            String brand = brandOf.get(data.seen().get(user).iterator().next());
            List<String> served = shell.recommend(new RecommendRequest(user, 5, brand, null, true, 0, null))
                    .itemIds();
            double[] u = data.users().get(user);
            List<String> exact = data.items().entrySet().stream()
                    .filter(e -> brand.equals(brandOf.get(e.getKey())) && !data.seen().get(user).contains(e.getKey()))
                    .sorted(java.util.Comparator.<Map.Entry<String, double[]>>comparingDouble(
                            e -> -ServingFixtures.dot(u, e.getValue())).thenComparing(Map.Entry::getKey))
                    .limit(5).map(Map.Entry::getKey).toList();
            assertThat(served).as("brand %s for %s", brand, user).isEqualTo(exact);
        }
    }

    @Test
    void coldUsersOfTheSyntheticGraphFallBack() {
        var r = new EmbeddingRecommender(graph).recommend(RecommendRequest.of(data.coldUsers().get(0), 10));
        assertThat(r.isFallback()).isTrue();
        assertThat(r.items()).hasSize(10);
    }

    @Test
    void serveLatencyMeasuresEveryOperation() {
        var result = ServeLatency.measure(graph, new ServeLatency.Parameters(3, 20, 10, 1L), ProgressTracker.none());
        assertThat(result.rows()).extracting(ServeLatency.Row::operation).contains("recommend (service)",
                "cypher recommend/for-user", "similar --by fused (service)", "cypher recommend/similar-items fused",
                "similar --by text (service)", "neighbours --user (service)", "cypher recommend/neighbourhood");
        assertThat(result.rows()).allSatisfy(r -> assertThat(r.p50()).isPositive().isLessThanOrEqualTo(r.p99()));
        assertThat(result.recallAtK()).isEqualTo(1.0);
        assertThat(result.exactLists()).isEqualTo(1.0);
        assertThat(result.indexRecallAtK()).isBetween(0.98, 1.0);
        assertThat(result.users()).isEqualTo(300);
        System.out.println("ServingAgreementTest latency (1,500 items, smoke):\n" + result.markdown()
                + "recall@10 " + result.recallAtK() + ", identical lists " + result.exactLists());
    }
}
