package org.graphrec.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.graphrec.config.UserException;
import org.graphrec.testing.PerClassEmbeddedGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/**
 * Runs every query of the Cypher library against the hand-built fixture ({@link ServingFixtures#tinyGraph}) with
 * the parameters of its header example, and checks each answer against values worked out by hand. A new query
 * file without a working example, or without a checked answer here, fails the build.
 */
class CypherLibraryTest extends PerClassEmbeddedGraph {


    /** Hand-checked answers per library query (example parameters of the file's header). */
    static final Map<String, Consumer<List<Record>>> EXPECTED = new HashMap<>();

    static {
        EXPECTED.put("recommend/for-user", rows -> {
            // u1 = [1, 0] saw i1, i2; unseen scores: i6 2.0, i7 0.7, i3 0.5, i4 0.2, i5 0.0
            assertThat(ids(rows)).containsExactly("i6", "i7", "i3", "i4", "i5");
            assertThat(rows.get(0).get("score").asDouble()).isEqualTo(2.0);
            assertThat(rows.get(1).get("score").asDouble()).isCloseTo(0.7, within(1e-6));
            assertThat(rows.get(0).get("rank").asInt()).isEqualTo(1);
        });
        EXPECTED.put("recommend/for-user-index", rows -> {
            // u1 = [1, 0] saw i1, i2; unseen scores: i6 2.0, i7 0.7, i3 0.5, i4 0.2, i5 0.0
            assertThat(ids(rows)).containsExactly("i6", "i7", "i3", "i4", "i5");
            assertThat(rows.get(0).get("score").asDouble()).isEqualTo(2.0);
            assertThat(rows.get(1).get("score").asDouble()).isCloseTo(0.7, within(1e-6));
            assertThat(rows.get(0).get("rank").asInt()).isEqualTo(1);
        });
        EXPECTED.put("recommend/popular", rows -> {
            // Hats: i5 has 2 interactions, i3 and i6 none (ties by id)
            assertThat(ids(rows)).containsExactly("i5", "i3", "i6");
            assertThat(rows.get(0).get("interactions").asLong()).isEqualTo(2);
        });
        EXPECTED.put("recommend/search", rows -> {
            // query [1, 0] for u2 [0, 1] at weight .5: z-scores over the 7 text items (SearchServiceTest works
            // them out): i7 .36422, i3 .26775, i2 -.03522
            assertThat(ids(rows)).containsExactly("i7", "i3", "i2");
            assertThat(rows.get(0).get("score").asDouble()).isCloseTo(0.36422, within(1e-4));
            assertThat(rows.get(0).get("textSimilarity").asDouble()).isCloseTo(0.70711, within(1e-4));
            assertThat(rows.get(0).get("personalScore").asDouble()).isCloseTo(0.7, within(1e-6));
            assertThat(rows.get(2).get("score").asDouble()).isCloseTo(-0.03522, within(1e-4));
        });
        EXPECTED.put("recommend/similar-items", rows -> {
            // text cosine to i1 = [1, 0]: i6 [1, .1] 0.9950, i2 [.9, .1] 0.9939, i3 [.6, .4] 0.8321
            assertThat(ids(rows)).containsExactly("i6", "i2", "i3");
            assertThat(rows.get(0).get("similarity").asDouble()).isCloseTo(0.99504, within(1e-4));
            assertThat(rows.get(2).get("similarity").asDouble()).isCloseTo(0.83205, within(1e-4));
        });
        EXPECTED.put("recommend/similar-items-index", rows -> {
            // text cosine to i1 = [1, 0]: i6 [1, .1] 0.9950, i2 [.9, .1] 0.9939, i3 [.6, .4] 0.8321
            assertThat(ids(rows)).containsExactly("i6", "i2", "i3");
            assertThat(rows.get(0).get("similarity").asDouble()).isCloseTo(0.99504, within(1e-4));
            assertThat(rows.get(2).get("similarity").asDouble()).isCloseTo(0.83205, within(1e-4));
        });
        EXPECTED.put("recommend/like-item", rows -> {
            // fused neighbours of i1: i6 (cos 1), i2 (seen by u1, left out), then i3 and i7 (both cos .7071, by id)
            assertThat(ids(rows)).containsExactly("i6", "i3", "i7");
        });
        EXPECTED.put("recommend/like-item-index", rows -> {
            assertThat(ids(rows).get(0)).isEqualTo("i6");
            assertThat(ids(rows).subList(1, 3)).containsExactlyInAnyOrder("i3", "i7");
        });
        EXPECTED.put("recommend/neighbourhood", rows -> {
            // u1 saw i1, i2; i1's other user u3 also saw i5: one path
            assertThat(ids(rows)).containsExactly("i5");
            assertThat(rows.get(0).get("paths").asLong()).isEqualTo(1);
        });
        EXPECTED.put("explore/modality-neighbours", rows -> {
            assertThat(rows.stream().map(r -> r.get("modality").asString() + ":" + r.get("itemId").asString()))
                    .containsExactly("fused:i6", "fused:i2", "image:i6", "image:i3", "text:i6", "text:i2");
        });
        EXPECTED.put("explore/brand-affinity", rows -> {
            // u1's two items are both Acme; Acme has 3 of the 6 interactions -> lift (2/2) / (3/6) = 2
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get("brand").asString()).isEqualTo("Acme");
            assertThat(rows.get(0).get("share").asDouble()).isEqualTo(1.0);
            assertThat(rows.get(0).get("lift").asDouble()).isCloseTo(2.0, within(1e-9));
        });
        EXPECTED.put("explore/co-interaction", rows -> {
            // i1's users u1, u3; u1 also has i2 (jaccard 1/2), u3 also has i5 (jaccard 1/3)
            assertThat(ids(rows)).containsExactly("i2", "i5");
            assertThat(rows.get(0).get("jaccard").asDouble()).isCloseTo(0.5, within(1e-9));
            assertThat(rows.get(1).get("jaccard").asDouble()).isCloseTo(1.0 / 3, within(1e-9));
        });
        EXPECTED.put("explore/user-history", rows -> {
            assertThat(ids(rows)).containsExactly("i2", "i1");
            assertThat(rows.get(0).get("split").asString()).isEqualTo("test");
            assertThat(rows.get(1).get("categories").asList(Value::asString)).containsExactly("Shoes");
        });
        EXPECTED.put("qa/items-without-embeddings", rows -> {
            assertThat(ids(rows)).containsExactly("i7", "i8");
            assertThat(rows.get(0).get("missing").asList(Value::asString)).containsExactly("image");
            assertThat(rows.get(1).get("missing").asList(Value::asString))
                    .containsExactly("fused", "mips", "image", "text");
        });
        EXPECTED.put("qa/orphans", rows -> assertThat(rows.stream()
                .map(r -> r.get("kind").asString() + ":" + r.get("key").asString()))
                .containsExactly("Brand:Empty", "Item:i8", "User:u4"));
        EXPECTED.put("qa/embedding-coverage", rows -> {
            Map<String, Long> nodes = new HashMap<>();
            rows.forEach(r -> nodes.put(r.get("vector").asString(), r.get("nodes").asLong()));
            assertThat(nodes).containsExactlyInAnyOrderEntriesOf(
                    Map.of("fused", 7L, "mips", 7L, "image", 6L, "text", 7L, "user", 3L));
        });
        EXPECTED.put("qa/current-run", rows -> {
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get("id").asString()).isEqualTo("run-1");
            assertThat(rows.get(0).get("mipsNorm").asDouble()).isEqualTo(2.0);
        });
    }

    @BeforeAll
    static void start() {
        ServingFixtures.tinyGraph(graph);
    }

    @Test
    void everyLibraryQueryRunsItsExampleAndGivesTheHandCheckedAnswer() {
        List<LibraryQuery> all = List.copyOf(CypherLibrary.load().all());
        assertThat(all).extracting(LibraryQuery::name).containsAll(List.of("recommend/for-user",
                "recommend/similar-items", "explore/brand-affinity", "explore/co-interaction",
                "explore/modality-neighbours", "qa/items-without-embeddings", "qa/orphans"));
        for (LibraryQuery query : all) {
            assertThat(EXPECTED).as("a checked answer for cypher/%s.cypher in CypherLibraryTest.EXPECTED",
                    query.name()).containsKey(query.name());
            Map<String, Object> params = query.bind(query.example());
            List<Record> rows = graph.read(tx -> tx.run(query.cypher(), params).list());
            assertThat(rows).as("rows of %s with its example %s", query.name(), query.example()).isNotEmpty();
            EXPECTED.get(query.name()).accept(rows);
        }
    }

    @Test
    void theClasspathLibraryIsExactlyTheProjectFolder() throws IOException {
        List<String> onDisk;
        try (Stream<Path> files = Files.walk(Path.of("cypher"))) {
            onDisk = files.filter(p -> p.toString().endsWith(".cypher"))
                    .map(p -> Path.of("cypher").relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith("schema/"))
                    .map(p -> p.substring(0, p.length() - ".cypher".length()))
                    .sorted().toList();
        }
        assertThat(CypherLibrary.load().names()).containsExactlyElementsOf(onDisk);
    }

    @Test
    void everyQueryIsListedInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("cypher", "README.md"));
        for (String name : CypherLibrary.load().names()) {
            assertThat(readme).as("cypher/README.md lists %s", name).contains("`" + name + "`");
        }
    }

    @Test
    void unknownNamesGetASuggestionAndShortNamesResolve() {
        CypherLibrary library = CypherLibrary.load();
        assertThat(library.get("for-user").name()).isEqualTo("recommend/for-user");
        assertThat(library.get("cypher/qa/orphans.cypher").name()).isEqualTo("qa/orphans");
        assertThatThrownBy(() -> library.get("recommend/for-usr"))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("did you mean 'recommend/for-user'");
    }

    @Test
    void bindFillsDefaultsAndRejectsMissingOrUnknownParameters() {
        LibraryQuery forUser = CypherLibrary.load().get("recommend/for-user");
        Map<String, Object> bound = forUser.bind(Map.of("userId", "u1"));
        assertThat(bound).containsEntry("k", 10L).containsEntry("excludeSeen", true).containsEntry("brand", null);
        assertThatThrownBy(() -> forUser.bind(Map.of()))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("needs --param userId=")
                .hasMessageContaining("cypher recommend/for-user --param userId=u1 k=5");
        assertThatThrownBy(() -> forUser.bind(Map.of("userId", "u1", "kk", 3L)))
                .hasMessageContaining("no parameter 'kk'").hasMessageContaining("did you mean 'k'");
        assertThatThrownBy(() -> forUser.parameter("k").convert("ten", forUser.name()))
                .hasMessageContaining("--param k expects an integer, found 'ten'");
    }

    @Test
    void headerMistakesNameTheFileAndLine() {
        assertThatThrownBy(() -> LibraryQuery.parse("x", "// title\n// Parameters:\n//   $k (number): n\n"
                + "// Example: {k: 1}\nRETURN $k", "cypher/x.cypher"))
                .hasMessageContaining("cypher/x.cypher:3: unknown type 'number'");
        assertThatThrownBy(() -> LibraryQuery.parse("x", "// title\nRETURN 1", "cypher/x.cypher"))
                .hasMessageContaining("no 'Example: {…}' line");
        assertThatThrownBy(() -> LibraryQuery.parse("x", "// title\n// Example: {k: 1\nRETURN 1", "cypher/x.cypher"))
                .hasMessageContaining("cypher/x.cypher:2: example: expected '}'");
    }

    static List<String> ids(List<Record> rows) {
        return rows.stream().map(r -> r.get("itemId").asString()).toList();
    }
}
