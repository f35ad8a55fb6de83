package org.graphrec.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.graphrec.core.FactorModel;
import org.graphrec.core.InteractionGraph;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.testing.SharedEmbeddedGraph;
import org.graphrec.versions.EmbeddingVersion;
import org.graphrec.versions.SimilarGraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;

/**
 * The embedded store's in-process write path (core API) and the driver path (parameterised Cypher, as on a
 * server) write the same properties and relationships: the same version written both ways, compared value by
 * value and type by type (float32 vectors, long rank and version; the score float32 in process and double over
 * the driver, the same FLOAT to Cypher).
 */
class WritePathEquivalenceTest extends SharedEmbeddedGraph {

    @AfterEach
    void backToDefault() {
        graph.useDriverForWrites(false);
    }

    @Test
    void embeddedStoresOfferInProcessWritesUnlessTurnedOff() {
        assertThat(graph.inProcessWrites()).isPresent();
        graph.useDriverForWrites(true);
        assertThat(graph.inProcessWrites()).isEmpty();
    }

    @Test
    void embeddingVectorsAreTheSameBothWays() {
        GraphLoaderAndStoreTest.createTinyGraph(graph);
        InteractionGraph g = new GraphLoader(graph, ProgressTracker.none()).load(LoadOptions.everything());
        // values whose double → float rounding and MIPS transform would show any difference in arithmetic
        float[] users = {0.1f, -0.2f, 0.3333f, 1.5f, 1e-7f, 0.5f};
        float[] items = {1f, 2f, 3f, -0.5f, 0.125f, 0f, 0.3333f, 0.1f, -2f};
        FactorModel model = new FactorModel(3, 2, 3, users, items);
        EmbeddingStore store = new EmbeddingStore(graph, ProgressTracker.none());
        var inProcess = store.write(g, model, "closed-form", Map.of(), Map.of(), Map.of(), Map.of());
        graph.useDriverForWrites(true);
        var driver = store.write(g, model, "closed-form", Map.of(), Map.of(), Map.of(), Map.of());
        assertThat(inProcess.users()).isEqualTo(driver.users()).isEqualTo(2);
        assertThat(inProcess.items()).isEqualTo(driver.items()).isEqualTo(3);

        String a = EmbeddingVersion.embeddingProperty(inProcess.version());
        String b = EmbeddingVersion.embeddingProperty(driver.version());
        String am = EmbeddingVersion.mipsProperty(inProcess.version());
        String bm = EmbeddingVersion.mipsProperty(driver.version());
        int compared = inTx(tx -> {
            int n = 0;
            for (String label : List.of("User", "Item")) {
                for (Node node : tx.findNodes(Label.label(label)).stream().toList()) {
                    assertThat(node.getProperty(a)).isInstanceOf(float[].class);
                    assertThat((float[]) node.getProperty(a)).as(label + " " + node.getProperty("id"))
                            .containsExactly((float[]) node.getProperty(b));
                    assertThat(node.hasProperty(am)).isEqualTo(node.hasProperty(bm)).isEqualTo(label.equals("Item"));
                    if (node.hasProperty(am)) {
                        assertThat((float[]) node.getProperty(am)).containsExactly((float[]) node.getProperty(bm));
                    }
                    n++;
                }
            }
            return n;
        });
        assertThat(compared).isEqualTo(5);
        // by hand: user u has d = 3 numbers; item 0's MIPS vector is [x / M …, sqrt(1 − |x|² / M²)] in float32
        double m = model.maxItemNorm();
        float[] expected = EmbeddingStore.mips(new float[] {1f, 2f, 3f}, m);
        assertThat(expected[0]).isEqualTo((float) (1.0 / m));
        assertThat(expected[3]).isEqualTo((float) Math.sqrt(Math.max(0, 1 - 14.0 / (m * m))));
    }

    @Test
    void similarRelationshipsAreTheSameBothWays() {
        GraphLoaderAndStoreTest.createTinyGraph(graph);
        String[] ids = {"a", "b", "c", "ghost"}; // 'ghost' is not in the graph: both paths skip it
        int[] offsets = {0, 2, 3, 5, 6};
        int[] targets = {1, 2, 0, 0, 3, 0};
        float[] scores = {0.9f, 0.3333f, 0.5f, 0.75f, 0.7f, 0.6f};
        SimilarGraph similar = new SimilarGraph(graph, ProgressTracker.none());
        long inProcess = similar.write(1, "image", offsets, targets, scores, i -> ids[i]);
        graph.useDriverForWrites(true);
        long driver = similar.write(2, "image", offsets, targets, scores, i -> ids[i]);
        assertThat(inProcess).isEqualTo(driver).isEqualTo(4);

        Map<Long, List<String>> byVersion = inTx(tx -> {
            Map<Long, List<String>> out = new TreeMap<>();
            for (Relationship r : tx.getAllRelationships().stream()
                    .filter(r -> r.isType(RelationshipType.withName("SIMILAR"))).toList()) {
                Map<String, Object> p = new TreeMap<>(r.getAllProperties());
                long version = (Long) p.remove("version");
                // the embedded path stores the score as float32, the Cypher path as the double Bolt sends
                assertThat(p.get("score")).isInstanceOf(version == 1 ? Float.class : Double.class);
                p.put("score", ((Number) p.get("score")).doubleValue());
                List<String> typed = new ArrayList<>();
                p.forEach((k, v) -> typed.add(k + "=" + v + ":" + v.getClass().getSimpleName()));
                out.computeIfAbsent(version, v -> new ArrayList<>()).add(r.getStartNode().getProperty("id") + "->"
                        + r.getEndNode().getProperty("id") + " " + typed);
            }
            out.values().forEach(java.util.Collections::sort);
            return out;
        });
        assertThat(byVersion).containsOnlyKeys(1L, 2L);
        // what readers get: Cypher returns both scores as the same FLOAT
        List<Double> read = graph.read(tx -> tx.run("MATCH (:Item {id: 'a'})-[s:SIMILAR {rank: 2}]->() "
                + "RETURN s.version AS v, s.score AS score ORDER BY v").list(r -> r.get("score").asDouble()));
        assertThat(read).containsExactly((double) 0.3333f, (double) 0.3333f);
        assertThat(byVersion.get(1L)).isEqualTo(byVersion.get(2L)).containsExactly(
                "a->b [modality=image:String, rank=1:Long, score=" + (double) 0.9f + ":Double]",
                "a->c [modality=image:String, rank=2:Long, score=" + (double) 0.3333f + ":Double]",
                "b->a [modality=image:String, rank=1:Long, score=0.5:Double]",
                "c->a [modality=image:String, rank=1:Long, score=0.75:Double]");

        // deleting a version removes its relationships only, on either path
        similar.delete(2);
        graph.useDriverForWrites(false);
        similar.write(3, "text", offsets, targets, scores, i -> ids[i]);
        similar.delete(1);
        Map<Long, Long> left = inTx(tx -> {
            Map<Long, Long> out = new TreeMap<>();
            tx.getAllRelationships().stream().filter(r -> r.isType(RelationshipType.withName("SIMILAR")))
                    .forEach(r -> out.merge((Long) r.getProperty("version"), 1L, Long::sum));
            return out;
        });
        assertThat(left).containsExactly(Map.entry(3L, 4L));
    }

    private static <T> T inTx(java.util.function.Function<Transaction, T> work) {
        try (Transaction tx = graph.embedded().orElseThrow().defaultDatabase().beginTx()) {
            return work.apply(tx);
        }
    }
}
