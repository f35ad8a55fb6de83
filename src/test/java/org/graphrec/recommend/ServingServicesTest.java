package org.graphrec.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.graphrec.config.UserException;
import org.graphrec.recommend.Recommendations.Source;
import org.graphrec.testing.PerClassEmbeddedGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The serving services on the hand-built graph of {@link ServingFixtures#tinyGraph}, against hand-worked answers. */
class ServingServicesTest extends PerClassEmbeddedGraph {

    static EmbeddingRecommender recommender;

    @BeforeAll
    static void start() {
        ServingFixtures.tinyGraph(graph);
        recommender = new EmbeddingRecommender(graph);
    }

    private static RecommendRequest request(String user, int k, String brand, String category, boolean excludeSeen,
                                            double diversify, String like) {
        return new RecommendRequest(user, k, brand, category, excludeSeen, diversify, like);
    }

    @Test
    void theProceduresRejectUnknownOptionsByName() {
        assertThatThrownBy(() -> graph.query("CALL graphrec.recommend('u1', 5, {exludeSeen: false}) YIELD itemId "
                + "RETURN itemId", java.util.Map.of()))
                .hasMessageContaining("graphrec.recommend: unknown option 'exludeSeen'; expected excludeSeen, brand, "
                        + "category");
        assertThatThrownBy(() -> graph.query("CALL graphrec.similar('i1', 5, 'fused', {brnd: 'b1'}) YIELD itemId "
                + "RETURN itemId", java.util.Map.of()))
                .hasMessageContaining("graphrec.similar: unknown option 'brnd'; expected excludeSeenBy, brand, "
                        + "category");
    }

    @Test
    void recommendRanksByDotProductAndDropsItemsSeenInAnySplit() {
        // u1 = [1, 0] saw i1 (train) and i2 (test): both are gone
        Recommendations r = recommender.recommend(RecommendRequest.of("u1", 5));
        assertThat(r.source()).isEqualTo(Source.EMBEDDING);
        assertThat(r.note()).isNull();
        assertThat(r.itemIds()).containsExactly("i6", "i7", "i3", "i4", "i5");
        assertThat(r.items().get(0).score()).isEqualTo(2.0);
        // u2 saw i4 only in the valid split: still seen
        assertThat(recommender.recommend(RecommendRequest.of("u2", 10)).itemIds()).doesNotContain("i4", "i5");
    }

    @Test
    void excludeSeenFalseKeepsTheUsersOwnItems() {
        assertThat(recommender.recommend(request("u1", 5, null, null, false, 0, null)).itemIds())
                .containsExactly("i6", "i1", "i2", "i7", "i3");
    }

    @Test
    void brandAndCategoryFiltersScanTheirItemsExactly() {
        assertThat(recommender.recommend(request("u1", 5, "Zen", null, true, 0, null)).itemIds())
                .containsExactly("i6", "i4", "i5");
        assertThat(recommender.recommend(request("u1", 5, null, "Hats", true, 0, null)).itemIds())
                .containsExactly("i6", "i3", "i5");
        assertThat(recommender.recommend(request("u1", 5, "Acme", "Hats", true, 0, null)).itemIds())
                .containsExactly("i3");
    }

    @Test
    void unknownNamesAreOneLineErrorsWithSuggestions() {
        assertThatThrownBy(() -> recommender.recommend(RecommendRequest.of("u9", 5)))
                .isInstanceOf(UserException.class)
                .hasMessageStartingWith("no user with id 'u9' — did you mean 'u1'");
        assertThatThrownBy(() -> recommender.recommend(request("u1", 5, "Acem", null, true, 0, null)))
                .hasMessage("no brand 'Acem' — did you mean 'Acme'?");
        assertThatThrownBy(() -> recommender.recommend(request("u1", 5, null, "Hat", true, 0, null)))
                .hasMessageStartingWith("no category 'Hat' — did you mean 'Hats'");
        assertThatThrownBy(() -> new SimilarItems(graph).similar("i77", 3, "fused"))
                .hasMessageStartingWith("no item with id 'i77' — did you mean 'i7'");
        assertThatThrownBy(() -> new RecommendRequest("u1", 0, null, null, true, 0, null))
                .hasMessage("--k must be between 1 and 1000, found 0");
        assertThatThrownBy(() -> new RecommendRequest("u1", 5, null, null, true, 1.5, null))
                .hasMessage("--diversify must be between 0 and 1, found 1.5");
    }

    @Test
    void coldStartUsersGetPopularItemsAndAreToldItIsAFallback() {
        Recommendations r = recommender.recommend(RecommendRequest.of("u4", 3));
        assertThat(r.source()).isEqualTo(Source.POPULAR_FALLBACK);
        assertThat(r.note()).contains("cold start").contains("fallback: most popular items");
        // interactions: i1 2, i5 2, i2 1, i4 1, others 0; ties by id
        assertThat(r.itemIds()).containsExactly("i1", "i5", "i2");
        Recommendations hats = recommender.recommend(request("u4", 3, null, "Hats", true, 0, null));
        assertThat(hats.itemIds()).containsExactly("i5", "i3", "i6");
        assertThat(hats.note()).contains("in category 'Hats'");
    }

    @Test
    void coldStartWithLikeSeedsFromThatItem() {
        Recommendations r = recommender.recommend(request("u4", 3, null, null, true, 0, "i1"));
        assertThat(r.source()).isEqualTo(Source.LIKE_FALLBACK);
        assertThat(r.note()).contains("fallback: items like 'i1'");
        assertThat(r.itemIds().get(0)).isEqualTo("i6");
        assertThat(r.itemIds()).doesNotContain("i1");
        // within brand Zen, cosine to i1 = [1, 0]: i6 [2, 0] 1, i4 [.2, .9] 0.2169, i5 [0, 1] 0 — exact, so the
        // narrow filter still fills the list
        Recommendations zen = recommender.recommend(request("u4", 3, "Zen", null, true, 0, "i1"));
        assertThat(zen.itemIds()).containsExactly("i6", "i4", "i5");
        assertThat(zen.items().get(1).score()).isCloseTo(0.2 / Math.sqrt(0.85), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(recommender.recommend(request("u4", 3, "Zen", "Hats", true, 0, "i1")).itemIds())
                .containsExactly("i6", "i5");
        assertThatThrownBy(() -> recommender.recommend(request("u4", 3, null, null, true, 0, "i8")))
                .hasMessageContaining("item 'i8' has no fused embedding");
    }

    @Test
    void diversifyPicksByMaximalMarginalRelevance() {
        // worked by hand in Mmr's terms: λ = 0.7 over [i6, i7, i3, i4, i5] picks i6, then i5 (orthogonal), then i7
        assertThat(recommender.recommend(request("u1", 3, null, null, true, 0.7, null)).itemIds())
                .containsExactly("i6", "i5", "i7");
        assertThat(recommender.recommend(request("u1", 3, null, null, true, 0, null)).itemIds())
                .containsExactly("i6", "i7", "i3");
    }

    @Test
    void similarWorksPerModalityAndForItemsWithoutInteractions() {
        // i7 has no interactions; text cosines: i3 .9806, i2 .7809, i4 = i6 .7740 (ties by id)
        SimilarItems similar = new SimilarItems(graph);
        SimilarItems.Result text = similar.similar("i7", 4, "text");
        assertThat(text.items()).extracting(Recommendations.Item::itemId).containsExactly("i3", "i2", "i4", "i6");
        assertThat(text.items().get(0).score()).isCloseTo(0.9806, within(1e-4));
        assertThat(similar.similar("i1", 2, "fused").items()).extracting(Recommendations.Item::itemId)
                .containsExactly("i6", "i2");
        assertThatThrownBy(() -> similar.similar("i7", 3, "image"))
                .hasMessage("item 'i7' has no image embedding (it has: text, fused)");
        assertThatThrownBy(() -> similar.similar("i1", 3, "imagee"))
                .hasMessageStartingWith("no modality 'imagee' — did you mean 'image'");
        assertThatThrownBy(() -> similar.similar("i8", 3, "fused"))
                .hasMessage("item 'i8' has no fused embedding (it has no vectors at all)");
    }

    @Test
    void explainPutsTheShortestStrongestPathFirst() {
        // u3 saw i1 and i5; i6 is fused-identical in direction to i1 (cosine 1), shares brand Zen and
        // category Hats with i5 (1 of 2 items each), and has no users of its own
        Explanation e = new Explainer(graph).explain("u3", "i6", 10);
        assertThat(e.modelScore()).isCloseTo(1.2, within(1e-6));
        assertThat(e.alreadySeen()).isNull();
        Explanation.Path first = e.paths().get(0);
        assertThat(first.kind()).isEqualTo(Explanation.Kind.SIMILAR);
        assertThat(first.detail()).isEqualTo("fused");
        assertThat(first.via()).containsExactly("Item:i1");
        assertThat(first.score()).isCloseTo(1.0, within(1e-6));
        assertThat(first.line()).contains("u3 → i1 \"Red Runner\" (train) ≈ i6: fused similarity 1.000")
                .contains("stored SIMILAR rank 1");
        assertThat(e.paths().get(1).detail()).isEqualTo("image");
        assertThat(e.paths().get(2).detail()).isEqualTo("text");
        assertThat(e.paths()).extracting(Explanation.Path::length).isSorted();
        assertThat(e.paths()).filteredOn(p -> p.kind() == Explanation.Kind.SHARED_BRAND).singleElement()
                .satisfies(p -> {
                    assertThat(p.via()).containsExactly("Item:i5", "Brand:Zen");
                    assertThat(p.score()).isEqualTo(0.5);
                });
        assertThat(e.paths()).noneMatch(p -> p.kind() == Explanation.Kind.CO_INTERACTION);
    }

    @Test
    void explainFindsCoInteractingUsers() {
        // u1 → i1 ← u3 → i5: one of i5's two users
        Explanation e = new Explainer(graph).explain("u1", "i5", 10);
        assertThat(e.paths()).filteredOn(p -> p.kind() == Explanation.Kind.CO_INTERACTION).singleElement()
                .satisfies(p -> {
                    assertThat(p.via()).containsExactly("Item:i1", "User:u3");
                    assertThat(p.score()).isEqualTo(0.5);
                    assertThat(p.line()).contains("u1 → i1 \"Red Runner\" ← 1 other user (u3) → i5");
                });
        assertThat(new Explainer(graph).explain("u1", "i2", 10).alreadySeen()).isEqualTo("test");
    }

    @Test
    void neighboursNeverReturnSeenItemsAndAreDeterministic() {
        NeighbourhoodRecommender n = new NeighbourhoodRecommender(graph);
        var p = NeighbourhoodParameters.defaults(10);
        var first = n.forUser("u1", p);
        assertThat(first.items()).isNotEmpty();
        assertThat(first.items()).extracting(Recommendations.Item::itemId).doesNotContain("i1", "i2");
        assertThat(first.items()).extracting(Recommendations.Item::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(n.forUser("u1", p)).isEqualTo(first);
        var item = n.forItem("i7", p);
        assertThat(item.items()).extracting(Recommendations.Item::itemId).doesNotContain("i7");
        // i7's only edges are SIMILAR: its strongest fused/text neighbour i3 ranks first
        assertThat(item.items().get(0).itemId()).isEqualTo("i3");
        var orphan = n.forItem("i8", p);
        assertThat(orphan.items()).isEmpty();
        assertThat(orphan.note()).contains("no relationships");
    }

    @Test
    void loadedNeighbourhoodCountsEachRelationshipOnceAndWalksLikeJgrapht() {
        var p = NeighbourhoodParameters.defaults(10);
        Neighbourhood hood = Neighbourhood.load(graph, "User:u1", p);
        assertThat(hood.keys().get(0)).isEqualTo("User:u1");
        assertThat(hood.seen()).containsExactlyInAnyOrder("Item:i1", "Item:i2");
        var g = hood.toGraph();
        // u1 — i1 is one INTERACTED relationship, reached from both ends during the expansion: weight 1, not 2
        assertThat(g.getEdgeWeight(g.getEdge("User:u1", "Item:i1"))).isEqualTo(1.0);
        assertThat(g.edgeSet()).hasSize(hood.edgeCount());
        var arrays = PersonalizedPageRank.run(hood.vertexCount(), hood.edgeFrom(), hood.edgeTo(), hood.edgeWeight(), 0,
                0.15, 100, 1e-10);
        var jgrapht = PersonalizedPageRank.run(g, "User:u1", 0.15, 100, 1e-10);
        for (int v = 0; v < hood.vertexCount(); v++) {
            assertThat(arrays.scores()[v]).isEqualTo(jgrapht.scores().get(hood.keys().get(v)));
        }
    }

    @Test
    void neighbourhoodRespectsTheNodeBudget() {
        var p = new NeighbourhoodParameters(10, 3, 10, 50, 0.15, 100, 1e-10);
        var result = new NeighbourhoodRecommender(graph).forUser("u1", p);
        assertThat(result.nodes()).isLessThanOrEqualTo(10);
        assertThat(result.capped()).isTrue();
        assertThat(result.note()).contains("cut at 10 nodes");
    }

    @Test
    void publishedVersionIsTheFixturesRun() {
        assertThat(new org.graphrec.versions.EmbeddingVersions(graph).published()).hasValueSatisfying(r -> {
            assertThat(r.runId()).isEqualTo("run-1");
            assertThat(r.mipsNorm()).isEqualTo(2.0);
        });
    }

    @Test
    void lookupCandidatesAreBounded() {
        assertThat(GraphLookup.candidates(graph, GraphLookup.Kind.ITEM, "i5")).contains("i5", "i6", "i4")
                .hasSizeLessThanOrEqualTo(240);
        assertThat(List.of("fused", "image", "text")).isEqualTo(GraphLookup.modalities(graph));
    }
}
