package org.graphrec.propagation;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.FactorModel;
import org.graphrec.core.ModalityMatrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.graphrec.config.UserException;
import org.graphrec.graph.GraphConnection;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.versions.EmbeddingVersion;
import org.graphrec.versions.EmbeddingVersions;
import org.graphrec.testing.SharedEmbeddedGraph;
import org.junit.jupiter.api.Test;

class GraphLoaderAndStoreTest extends SharedEmbeddedGraph {


    /** Two users, three items (c has no interactions), an image modality on a and c, a brand on a and c. */
    static void createTinyGraph(GraphConnection graph) {
        graph.write(tx -> {
            tx.run("CREATE (:Modality {name: 'image', property: 'imageEmbedding', dimension: 2})").consume();
            for (String u : List.of("u1", "u2")) {
                tx.run("CREATE (:User {id: $id})", Map.of("id", u)).consume();
            }
            for (String i : List.of("a", "b", "c")) {
                tx.run("CREATE (:Item {id: $id})", Map.of("id", i)).consume();
            }
            tx.run("MATCH (i:Item) WHERE i.id IN ['a', 'c'] "
                    + "CALL db.create.setNodeVectorProperty(i, 'imageEmbedding', $v)", Map.of("v", List.of(1.0, 0.5)))
                    .consume();
            tx.run("UNWIND $rows AS row MATCH (u:User {id: row[0]}), (i:Item {id: row[1]}) "
                            + "CREATE (u)-[:INTERACTED {split: row[2], rating: 5.0}]->(i)",
                    Map.of("rows", List.of(List.of("u1", "a", "train"), List.of("u1", "b", "test"),
                            List.of("u2", "b", "train"), List.of("u2", "a", "valid")))).consume();
            tx.run("MATCH (i:Item) WHERE i.id IN ['a', 'c'] MERGE (b:Brand {name: 'acme'}) CREATE (i)-[:MADE_BY]->(b)")
                    .consume();
            tx.run("MATCH (i:Item {id: 'b'}) CREATE (i)-[:IN_CATEGORY]->(:Category {name: 'toys'})").consume();
            return null;
        });
    }

    @Test
    void loadsTheGraphModelIntoCompactArrays() {
        createTinyGraph(graph);
        InteractionGraph g = new GraphLoader(graph, ProgressTracker.none()).load(LoadOptions.everything());
        assertThat(g.users()).isEqualTo(2);
        assertThat(g.items()).isEqualTo(3);
        int u1 = index(g.userIds(), "u1");
        int u2 = index(g.userIds(), "u2");
        int a = index(g.itemIds(), "a");
        int b = index(g.itemIds(), "b");
        int c = index(g.itemIds(), "c");
        assertThat(g.train().row(u1)).containsExactly(a);
        assertThat(g.train().row(u2)).containsExactly(b);
        assertThat(g.test().row(u1)).containsExactly(b);
        assertThat(g.valid().row(u2)).containsExactly(a);
        assertThat(g.trainByItem().degree(c)).isZero();
        assertThat(g.itemBrands().nonZeros()).isEqualTo(2);
        assertThat(g.itemBrands().degree(b)).isZero();
        assertThat(g.itemCategories().row(b)).containsExactly(0);
        ModalityMatrix image = g.modality("image");
        assertThat(image.present()[a]).isTrue();
        assertThat(image.present()[b]).isFalse();
        assertThat(image.vectors()[c * 2 + 1]).isEqualTo(0.5f);
    }

    @Test
    void usersWithoutInteractionsAndRelationshipsWithoutASplitAreHandledInTheGroupedStream() {
        createTinyGraph(graph);
        graph.write(tx -> {
            tx.run("CREATE (:User {id: 'u3'})").consume(); // no interactions at all
            tx.run("MATCH (u:User {id: 'u2'}), (i:Item {id: 'c'}) CREATE (u)-[:INTERACTED]->(i)").consume();
            tx.run("MATCH (u:User {id: 'u2'}), (i:Item {id: 'c'}) CREATE (u)-[:INTERACTED {split: 'later'}]->(i)")
                    .consume();
            tx.run("MATCH (u:User {id: 'u1'}), (i:Item {id: 'c'}) CREATE (u)-[:INTERACTED {split: 'valid'}]->(i)")
                    .consume();
            return null;
        });
        org.graphrec.eval.EvaluatorTest.RecordingProgress progress = new org.graphrec.eval.EvaluatorTest
                .RecordingProgress();
        InteractionGraph g = new GraphLoader(graph, progress).load(LoadOptions.everything());
        assertThat(g.users()).isEqualTo(3);
        int u1 = index(g.userIds(), "u1");
        int u2 = index(g.userIds(), "u2");
        int u3 = index(g.userIds(), "u3");
        int a = index(g.itemIds(), "a");
        int b = index(g.itemIds(), "b");
        int c = index(g.itemIds(), "c");
        assertThat(g.train().row(u1)).containsExactly(a);
        assertThat(g.valid().row(u1)).containsExactly(c);
        assertThat(g.test().row(u1)).containsExactly(b);
        assertThat(g.train().row(u2)).containsExactly(b);
        assertThat(g.valid().row(u2)).containsExactly(a);
        assertThat(g.test().row(u2)).isEmpty();
        assertThat(g.train().row(u3)).isEmpty();
        assertThat(g.train().nonZeros() + g.valid().nonZeros() + g.test().nonZeros()).isEqualTo(5);
        assertThat(progress.events).contains("begin load users and interactions 3",
                "log warning: 2 INTERACTED relationships have no split train/valid/test; ignored");
    }

    @Test
    void unknownModalityIsAUserErrorWithASuggestion() {
        createTinyGraph(graph);
        assertThatThrownBy(() -> new GraphLoader(graph, ProgressTracker.none())
                .load(new LoadOptions(List.of("imag"), false, false)))
                .isInstanceOf(UserException.class).hasMessageContaining("no modality 'imag'")
                .hasMessageContaining("did you mean 'image'");
    }

    @Test
    void writtenEmbeddingsReproduceInMemoryScores() {
        createTinyGraph(graph);
        InteractionGraph g = new GraphLoader(graph, ProgressTracker.none()).load(LoadOptions.everything());
        float[] users = {0.1f, -0.2f, 0.3f, 1.5f, 0.25f, 0.5f};
        float[] items = {1f, 2f, 3f, -0.5f, 0.125f, 0f, 0.3333f, 0.1f, -2f};
        FactorModel model = new FactorModel(3, 2, 3, users, items);
        EmbeddingStore store = new EmbeddingStore(graph, ProgressTracker.none());
        var summary = store.write(g, model, "closed-form", Map.of("dimension", 3), Map.of("total", 1.0),
                Map.of("recall@20", 0.5), Map.of("image", g.modality("image")));
        assertThat(summary.users()).isEqualTo(2);
        assertThat(summary.items()).isEqualTo(3);
        EmbeddingVersions versions = new EmbeddingVersions(graph);
        EmbeddingVersion staged = versions.get(summary.version()).orElseThrow();
        assertThat(staged.state()).isEqualTo(EmbeddingVersion.State.STAGED);
        assertThat(versions.published()).as("staged is not visible").isEmpty();
        versions.publish(summary.version());
        FactorModel back = store.read(g);
        for (int u = 0; u < 2; u++) {
            for (int i = 0; i < 3; i++) {
                assertThat(back.score(u, i)).isCloseTo(model.score(u, i), within(1e-6));
            }
        }
        // MIPS transform: unit norm, and [x/M, …]
        double m = model.maxItemNorm();
        assertThat(summary.mipsNorm()).isCloseTo(m, within(1e-9));
        List<Double> mips = graph.read(tx -> tx.run("MATCH (i:Item {id: $id}) RETURN i[$p] AS v",
                Map.of("id", g.itemId(0), "p", staged.mipsProperty())).single().get("v").asList(v -> v.asDouble()));
        assertThat(mips).hasSize(4);
        assertThat(mips.get(0)).isCloseTo(items[0] / m, within(1e-6));
        assertThat(mips.stream().mapToDouble(x -> x * x).sum()).isCloseTo(1.0, within(1e-5));
        // vector indexes of the right dimension, a run node, float32 storage
        Map<String, Long> indexes = graph.read(tx -> tx.run("SHOW VECTOR INDEXES YIELD name, options "
                + "RETURN name, options.indexConfig.`vector.dimensions` AS d").list().stream()
                .collect(java.util.stream.Collectors.toMap(r -> r.get("name").asString(),
                        r -> r.get("d").asLong())));
        assertThat(indexes).containsEntry(staged.itemIndex(), 3L).containsEntry(staged.mipsIndex(), 4L)
                .containsEntry("item_image_embedding", 2L);
        assertThat(store.publishedRun()).containsEntry("mode", "closed-form").containsEntry("dimension", 3L)
                .containsEntry("state", "published").containsKey("mipsNorm");
        // float32 storage: 0.3333f comes back as the float's exact value, not as the double 0.3333
        double stored = graph.read(tx -> tx.run("MATCH (i:Item {id: $id}) RETURN i[$p][0] AS x",
                Map.of("id", g.itemId(2), "p", staged.embeddingProperty())).single().get("x").asDouble());
        assertThat(stored).isEqualTo((double) 0.3333f).isNotEqualTo(0.3333);
    }

    @Test
    void eachVersionHasItsOwnDimensionAndIndexes() {
        createTinyGraph(graph);
        InteractionGraph g = new GraphLoader(graph, ProgressTracker.none()).load(LoadOptions.everything());
        EmbeddingStore store = new EmbeddingStore(graph, ProgressTracker.none());
        EmbeddingVersions versions = new EmbeddingVersions(graph);
        var first = store.write(g, new FactorModel(2, 2, 3, new float[4], new float[] {1, 0, 0, 1, 1, 1}), "mostpop",
                Map.of(), Map.of(), Map.of(), Map.of());
        versions.publish(first.version());
        var second = store.write(g, new FactorModel(1, 2, 3, new float[] {1, 1}, new float[] {3, 2, 1}), "mostpop",
                Map.of(), Map.of(), Map.of(), Map.of());
        assertThat(second.version()).isEqualTo(first.version() + 1);
        assertThat(store.read(g).dimension()).as("the published version until the next publish").isEqualTo(2);
        versions.publish(second.version());
        long d = graph.read(tx -> tx.run("SHOW VECTOR INDEXES YIELD name, options WHERE name = $name "
                + "RETURN options.indexConfig.`vector.dimensions` AS d",
                Map.of("name", EmbeddingVersion.itemIndex(second.version()))).single().get("d").asLong());
        assertThat(d).isEqualTo(1);
        assertThat(store.read(g).dimension()).isEqualTo(1);
    }

    static int index(String[] ids, String id) {
        return java.util.Arrays.asList(ids).indexOf(id);
    }
}
