package org.graphrec.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.graphrec.config.UserException;
import org.graphrec.graph.GraphConnection;
import org.graphrec.importer.TextEmbedder;
import org.graphrec.recommend.CypherLibrary;
import org.graphrec.recommend.LibraryQuery;
import org.graphrec.recommend.ServingFixtures;
import org.graphrec.testing.PerClassEmbeddedGraph;
import org.graphrec.testing.TestGraphs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Search on the hand-built fixture ({@link ServingFixtures#tinyGraph}: 2-d text vectors, users u1 [1, 0], u2
 * [0, 1]) with a stand-in encoder whose vectors are known, so every ranking and score is worked out by hand:
 * cosines of the query [1, 0] with the text vectors are i1 1, i6 .99504, i2 .99388, i3 .83205, i7 .70711,
 * i4 .09950, i5 0; u2's model scores are i1 0, i2 .1, i3 .5, i4 .9, i5 1, i6 0, i7 .7.
 */
class SearchServiceTest extends PerClassEmbeddedGraph {

    /** Encodes the few query texts the tests use; its name is what the fixture's text modality records. */
    static final class StandInEncoder implements TextEmbedder {
        static final Map<String, float[]> VECTORS = Map.of("red runner", new float[] {1, 0},
                "something new", new float[] {0.7f, 0.7f}, "wool cap", new float[] {0, 1});

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public String model() {
            return "stand-in";
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            return texts.stream().map(t -> VECTORS.getOrDefault(t, new float[] {0.5f, 0.5f})).toList();
        }
    }

    static SearchService service;

    @BeforeAll
    static void start() {
        ServingFixtures.tinyGraph(graph);
        markEncoders(graph, List.of("stand-in"));
        service = new SearchService(graph, StandInEncoder::new);
    }

    static void markEncoders(GraphConnection g, List<String> encoders) {
        g.write(tx -> tx.run("MATCH (m:Modality {name: 'text'}) SET m.encoders = $e", Map.of("e", encoders))
                .consume());
    }

    @Test
    void withoutAUserHitsAreRankedByCosineAndColdItemsAreFound() {
        SearchResult r = service.search(SearchRequest.of("red runner", 4));
        assertThat(r.itemIds()).containsExactly("i1", "i6", "i2", "i3");
        assertThat(r.personalised()).isFalse();
        assertThat(r.hits().get(1).score()).isCloseTo(0.99504, within(1e-4));
        assertThat(r.hits().get(3).textSimilarity()).isCloseTo(0.83205, within(1e-4));
        assertThat(r.hits().get(0).why()).containsExactly("text similarity 1.000");
        // i7 has no interactions at all: found first for a query pointing at it
        assertThat(service.search(SearchRequest.of("something new", 1)).itemIds()).containsExactly("i7");
    }

    @Test
    void aUserBlendsStandardisedTextAndModelScores() {
        // z over the 7 text items: weight .5 gives i7 .36422, i3 .26775, i2 -.03522; weight .3 i3, i2, i7, i1
        SearchRequest base = SearchRequest.of("red runner", 3);
        SearchResult half = service.search(base.forUser("u2", 0.5));
        assertThat(half.personalised()).isTrue();
        assertThat(half.itemIds()).containsExactly("i7", "i3", "i2");
        assertThat(half.hits().get(0).score()).isCloseTo(0.36422, within(1e-4));
        assertThat(half.hits().get(1).score()).isCloseTo(0.26775, within(1e-4));
        assertThat(half.hits().get(2).score()).isCloseTo(-0.03522, within(1e-4));
        assertThat(half.hits().get(0).personalScore()).isCloseTo(0.7, within(1e-6));
        assertThat(half.hits().get(0).textSimilarity()).isCloseTo(0.70711, within(1e-4));
        assertThat(service.search(SearchRequest.of("red runner", 4).forUser("u2", 0.3)).itemIds())
                .containsExactly("i3", "i2", "i7", "i1");
        // weight 0 keeps the text order, weight 1 is the user's model order (u2: i5 1, i4 .9, i7 .7)
        assertThat(service.search(SearchRequest.of("red runner", 4).forUser("u2", 0)).itemIds())
                .containsExactly("i1", "i6", "i2", "i3");
        assertThat(service.search(base.forUser("u2", 1)).itemIds()).containsExactly("i5", "i4", "i7");
    }

    @Test
    void personalisedHitsCarryTheGraphPathsOfExplain() {
        SearchResult r = service.search(SearchRequest.of("red runner", 3).forUser("u2", 0.5));
        SearchResult.Hit i7 = r.hits().get(0);
        assertThat(i7.why().get(0)).isEqualTo("text similarity 0.707");
        assertThat(i7.why().get(1)).startsWith("model score dot(user, item) 0.7000");
        // u2 saw i5 [0, 1] and i4: i7 [0.7, 0.7] is similar to them; explain's strongest path comes first
        assertThat(i7.why().subList(2, i7.why().size())).isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith("u2 → "));
        assertThat(i7.why().size()).isLessThanOrEqualTo(2 + SearchService.PATHS_PER_HIT);
    }

    @Test
    void filtersAndExcludeSeenNarrowTheCandidates() {
        assertThat(service.search(new SearchRequest("red runner", null, 10, "Zen", null, 0.3, false)).itemIds())
                .containsExactly("i6", "i4", "i5");
        assertThat(service.search(new SearchRequest("red runner", null, 10, "Acme", "Shoes", 0.3, false)).itemIds())
                .containsExactly("i1", "i2");
        // u1 saw i1 and i2
        assertThat(service.search(new SearchRequest("red runner", "u1", 3, null, null, 0, true)).itemIds())
                .containsExactly("i6", "i3", "i7");
    }

    @Test
    void aUserWithoutEmbeddingIsRankedByTextAndToldSo() {
        SearchResult r = service.search(SearchRequest.of("red runner", 2).forUser("u4", 0.5));
        assertThat(r.personalised()).isFalse();
        assertThat(r.itemIds()).containsExactly("i1", "i6");
        assertThat(r.note()).contains("u4").contains("ranked by text similarity only");
    }

    @Test
    void shellProcedureAndCypherFileGiveTheSameList() {
        LibraryQuery file = CypherLibrary.load().get("recommend/search");
        for (String user : new String[] {null, "u1", "u2", "u3"}) {
            for (double weight : new double[] {0, 0.3, 0.5, 1}) {
                SearchRequest request = new SearchRequest("red runner", user, 7, null, null, weight, false);
                SearchResult shell = service.search(request);
                Map<String, Object> p = service.parameters(request, new float[] {1, 0});
                List<String> cypher = graph.read(tx -> tx.run(file.cypher(), p).list(r -> r.get("itemId").asString()));
                List<String> procedure = graph.read(tx -> tx.run("""
                        CALL graphrec.search($v, {user: $user, k: 7, personal: $w}) YIELD itemId RETURN itemId
                        """, Map.of("v", List.of(1.0, 0.0), "user", user == null ? "" : user, "w", weight))
                        .list(r -> r.get("itemId").asString()));
                if (user == null) {
                    // an empty user id is an unknown user: no rows, as graphrec.recommend does
                    assertThat(procedure).isEmpty();
                    procedure = graph.read(tx -> tx.run("CALL graphrec.search($v, {k: 7}) YIELD itemId RETURN itemId",
                            Map.of("v", List.of(1.0, 0.0))).list(r -> r.get("itemId").asString()));
                }
                assertThat(cypher).as("file vs shell, %s at %s", user, weight).isEqualTo(shell.itemIds()).hasSize(7);
                assertThat(procedure).as("procedure vs shell, %s at %s", user, weight).isEqualTo(shell.itemIds());
            }
        }
    }

    @Test
    void aPrintedVectorPastedAsCommandLineParameterGivesTheSameList() {
        // `search --print-vector` prints "[x, y, …]"; `cypher recommend/search --param queryVector=[x, y]` reads it
        LibraryQuery file = CypherLibrary.load().get("recommend/search");
        Object pasted = file.parameter("queryVector").convert("[1.0, 0.0]", file.name());
        assertThat(pasted).isEqualTo(List.of("1.0", "0.0"));
        // the file's default weight is the procedure's and the shell's
        assertThat(file.bind(Map.of("queryVector", pasted)).get("personal")).isEqualTo(SearchRequest.DEFAULT_PERSONAL);
        List<String> cypher = graph.read(tx -> tx.run(file.cypher(), file.bind(Map.of("queryVector", pasted,
                "k", 4L))).list(r -> r.get("itemId").asString()));
        assertThat(cypher).containsExactly("i1", "i6", "i2", "i3");
    }

    @Test
    void badInputIsAOneLineUserError() {
        assertThatThrownBy(() -> SearchRequest.of("   ", 10)).isInstanceOf(UserException.class)
                .hasMessage("--query needs some text, found an empty or blank query");
        assertThatThrownBy(() -> new SearchRequest("x", null, 0, null, null, 0.3, false))
                .hasMessageContaining("--k must be between 1 and 1000, found 0");
        assertThatThrownBy(() -> new SearchRequest("x", null, 5, null, null, 1.5, false))
                .hasMessageContaining("--personal must be between 0 and 1, found 1.5");
        assertThatThrownBy(() -> service.search(SearchRequest.of("red runner", 3).forUser("u22", 0.3)))
                .isInstanceOf(UserException.class).hasMessageStartingWith("no user with id 'u22'")
                .hasMessageContaining("did you mean 'u2'");
        assertThatThrownBy(() -> service.search(new SearchRequest("red runner", null, 3, "Acm", null, 0.3, false)))
                .isInstanceOf(UserException.class).hasMessageContaining("no brand 'Acm' — did you mean 'Acme'");
        assertThatThrownBy(() -> service.search(new SearchRequest("red runner", null, 3, null, "Shoe", 0.3, false)))
                .isInstanceOf(UserException.class).hasMessageContaining("no category 'Shoe' — did you mean 'Shoes'");
        // the brand exists but none of its items has text: an empty answer that says so
        SearchResult empty = service.search(new SearchRequest("red runner", null, 3, "Empty", null, 0.3, false));
        assertThat(empty.hits()).isEmpty();
        assertThat(empty.note()).isEqualTo("no items of brand 'Empty' have text vectors");
        // the procedure itself refuses text and wrong lengths with a readable message
        assertThatThrownBy(() -> graph.read(tx -> tx.run("CALL graphrec.search('red runner')").list()))
                .hasMessageContaining("takes the query's text vector (a list of floats), not text");
        assertThatThrownBy(() -> graph.read(tx -> tx.run("CALL graphrec.search([1.0, 0.0, 0.0])").list()))
                .hasMessageContaining("the query vector has 3 dimensions, the catalogue's text vectors 2");
    }

    @Test
    void textVectorsFromAnotherEncoderOrNoneAreRefused() {
        try (GraphConnection other = TestGraphs.openEmbedded(dir.resolve("other"))) {
            other.write(tx -> tx.run("CREATE (:Item {id: 'a', title: 'A'})").consume());
            SearchService s = new SearchService(other, StandInEncoder::new);
            assertThatThrownBy(() -> s.search(SearchRequest.of("red runner", 3))).isInstanceOf(UserException.class)
                    .hasMessageStartingWith("this catalogue has no text vectors");
            other.write(tx -> tx.run("CREATE (:Modality {name: 'text', property: 'textEmbedding', dimension: 2})")
                    .consume());
            assertThatThrownBy(() -> s.search(SearchRequest.of("red runner", 3)))
                    .hasMessageStartingWith("the catalogue's text vectors came from an unrecorded source")
                    .hasMessageContaining("refusing to compare two vector spaces");
            markEncoders(other, List.of("external"));
            assertThatThrownBy(() -> s.search(SearchRequest.of("red runner", 3)))
                    .hasMessageStartingWith("the catalogue's text vectors came from vector files, but search encodes "
                            + "the query with stand-in");
            markEncoders(other, List.of("external", "stand-in"));
            assertThatThrownBy(() -> s.search(SearchRequest.of("red runner", 3)))
                    .hasMessageStartingWith("the catalogue's text vectors came from vector files + stand-in");
        }
    }
}
