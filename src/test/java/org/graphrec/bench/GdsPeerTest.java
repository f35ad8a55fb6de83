package org.graphrec.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.graphrec.graph.GraphConnection;
import org.graphrec.core.FactorModel;
import org.graphrec.propagation.GraphLoader;
import org.graphrec.propagation.GraphLoader.ModalityInfo;
import org.graphrec.core.InteractionGraph;
import org.graphrec.propagation.KnnParameters;
import org.graphrec.propagation.LoadOptions;
import org.graphrec.propagation.ModalityKnn;
import org.graphrec.propagation.PropagateParameters.Mode;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.testing.TestGraphs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Neo4j GDS peer of {@code bench propagate} on a tiny hand-built graph (GDS is a test-scope dependency): the
 * procedures get registered in the embedded DBMS, the projection holds the train split only, FastRP writes a 64-d
 * vector on every user and item and the scratch property is removed, gds.knn finds the hand-computed nearest items,
 * and the bench writes the GDS rows into valid JSON.
 */
class GdsPeerTest {

    @TempDir
    static Path store;

    static GraphConnection graph;

    @BeforeAll
    static void start() {
        graph = TestGraphs.openEmbedded(store.resolve("db"));
        // u1: i1, i2 (train); u2: i2 (train), i3 (valid); u3: i3 (train), i4 (test); i4 has no image vector
        graph.write(tx -> tx.run("""
                CREATE (:Modality {name: 'image', property: 'imageEmbedding', dimension: 3})
                CREATE (u1:User {id: 'u1'}), (u2:User {id: 'u2'}), (u3:User {id: 'u3'})
                CREATE (i1:Item {id: 'i1'}), (i2:Item {id: 'i2'}), (i3:Item {id: 'i3'}), (i4:Item {id: 'i4'})
                CREATE (u1)-[:INTERACTED {split: 'train'}]->(i1), (u1)-[:INTERACTED {split: 'train'}]->(i2),
                       (u2)-[:INTERACTED {split: 'train'}]->(i2), (u2)-[:INTERACTED {split: 'valid'}]->(i3),
                       (u3)-[:INTERACTED {split: 'train'}]->(i3), (u3)-[:INTERACTED {split: 'test'}]->(i4)
                """).consume());
        Map<String, List<Double>> vectors = Map.of("i1", List.of(1.0, 0.0, 0.0), "i2", List.of(0.9, 0.1, 0.0),
                "i3", List.of(0.1, 0.0, 1.0));
        vectors.forEach((id, v) -> graph.write(tx -> tx.run("MATCH (i:Item {id: $id}) "
                + "CALL db.create.setNodeVectorProperty(i, 'imageEmbedding', $v)", Map.of("id", id, "v", v))
                .consume()));
        GdsProcedures.register(graph.embedded().orElseThrow());
    }

    @AfterAll
    static void stop() {
        if (graph != null) {
            graph.close();
        }
    }

    @Test
    void registersTheGdsProceduresFoundOnTheClasspath() {
        assertThat(GdsProcedures.onClasspath()).isTrue();
        // registering again in the same DBMS is harmless and still answers gds.version()
        GdsProcedures.Registration again = GdsProcedures.register(graph.embedded().orElseThrow());
        assertThat(again.version()).isEqualTo("2.13.9");
        List<String> names = graph.read(tx -> tx.run("SHOW PROCEDURES YIELD name WHERE name STARTS WITH 'gds.' "
                + "RETURN collect(name) AS n").single().get("n").asList(v -> v.asString()));
        assertThat(names).contains("gds.graph.drop", "gds.fastRP.write", "gds.fastRP.write.estimate",
                "gds.knn.stream");
        assertThat(GdsProcedures.candidateClasses(getClass().getClassLoader()))
                .contains("org.neo4j.gds.embeddings.fastrp.FastRPWriteProc");
    }

    @Test
    void fastRpProjectsTheTrainSplitWritesEveryUserAndItemAndCleansUp() {
        GdsPeer peer = new GdsPeer(graph);
        ModalityInfo image = new ModalityInfo("image", "imageEmbedding", 3);
        GdsPeer.FastRpParameters p = GdsPeer.FastRpParameters.defaults();
        GdsPeer.FastRpRun run = peer.fastRp(p, List.of(image));
        // 3 users + 4 items; the 4 train interactions both ways (the valid and test ones are not projected)
        assertThat(run.nodes()).isEqualTo(7);
        assertThat(run.relationships()).isEqualTo(8);
        assertThat(run.written()).isEqualTo(7);
        assertThat(run.features()).containsExactly("imageEmbedding");
        InteractionGraph g = new GraphLoader(graph, ProgressTracker.none()).load(new LoadOptions(List.of(), false,
                false));
        FactorModel model = peer.readEmbeddings(g, 64);
        for (int u = 0; u < g.users(); u++) {
            assertThat(norm(model.userVectors(), u, 64)).as("user " + g.userId(u)).isPositive();
        }
        for (int i = 0; i < g.items(); i++) {
            // i4 has no train interaction and no image vector: FastRP leaves an isolated featureless node at zero
            double n = norm(model.itemVectors(), i, 64);
            if (g.itemId(i).equals("i4")) {
                assertThat(n).isZero();
            } else {
                assertThat(n).as("item " + g.itemId(i)).isPositive();
            }
        }
        // same seed, same embeddings
        peer.fastRp(p, List.of(image));
        FactorModel again = peer.readEmbeddings(g, 64);
        assertThat(again.userVectors()).containsExactly(model.userVectors());
        assertThat(peer.removeEmbeddings()).isEqualTo(7);
        long left = graph.read(tx -> tx.run("MATCH (n) WHERE n.gdsFastRP IS NOT NULL RETURN count(n) AS c")
                .single().get("c").asLong());
        assertThat(left).isZero();
        long graphs = graph.read(tx -> tx.run("CALL gds.graph.list() YIELD graphName RETURN count(*) AS c").single()
                .get("c").asLong());
        assertThat(graphs).as("projections dropped").isZero();
    }

    @Test
    void knnFindsTheHandComputedNearestItemsLikeTheExactKnn() {
        ModalityInfo image = new ModalityInfo("image", "imageEmbedding", 3);
        GdsPeer.KnnRun run = new GdsPeer(graph).knn(image, 1, 42);
        // cos(i1,i2) = 0.994, cos(i3,i1) = 0.0995 > cos(i3,i2) = 0.0988; i4 has no vector and is left out
        assertThat(run.neighbours()).containsOnly(Map.entry("i1", List.of("i2")), Map.entry("i2", List.of("i1")),
                Map.entry("i3", List.of("i1")));
        InteractionGraph g = new GraphLoader(graph, ProgressTracker.none()).load(new LoadOptions(null, false, false));
        ModalityKnn.Result exact = new ModalityKnn(KnnParameters.of(1), ProgressTracker.none())
                .compute(g.modalities().get(0));
        assertThat(GdsComparison.recallVsExact(exact, run.neighbours(), g.items(), g.itemIds())).isEqualTo(1.0);
        // a list that misses i3's neighbour: 2 of 3 items right
        Map<String, List<String>> wrong = Map.of("i1", List.of("i2"), "i2", List.of("i1"), "i3", List.of("i2"));
        assertThat(GdsComparison.recallVsExact(exact, wrong, g.items(), g.itemIds())).isEqualTo(2.0 / 3);
    }

    @Test
    void propagateBenchWritesTheGdsRowsIntoValidJson(@TempDir Path work) throws Exception {
        BenchRunner.Options o = new BenchRunner.Options(300L, null, work.resolve("out"), work.resolve("w"), 0, 1);
        BenchResult result = new BenchRunner(ProgressTracker.none()).propagateBench(o, List.of(Mode.MOSTPOP));
        JsonNode json = BenchSmokeTest.readJson(work.resolve("out").resolve(BenchResult.FILE));
        BenchSmokeTest.assertCommonFields(json, "propagate");
        assertThat(json.get("parameters").get("gdsVersion").asText()).isEqualTo("2.13.9");
        for (String split : new String[] {"valid", "test"}) {
            for (String metric : GdsComparison.METRICS) {
                double v = result.measurement("gds-fastrp " + split + " " + metric).median();
                assertThat(v).as(split + " " + metric).isBetween(0.0, 1.0);
            }
        }
        assertThat(result.measurement("mostpop test recall@20").median()).isBetween(0.0, 1.0);
        assertThat(result.measurement("gds-fastrp total time").unit()).isEqualTo("s");
        assertThat(result.measurement("gds-fastrp node properties written").median())
                .isEqualTo(result.measurement("gds-fastrp nodes projected").median());
        // the synthetic catalogue has text and image vectors on every item: both compared with the exact kNN
        for (String modality : new String[] {"text", "image"}) {
            assertThat(result.measurement("knn " + modality + " gds recall@10 vs exact").median()).isBetween(0.0,
                    1.0);
            assertThat(json.get("ratios").has("knn " + modality + " time gds (project + knn) ÷ graphrec ModalityKnn "
                    + "(median)")).isTrue();
        }
    }

    private static double norm(float[] v, int row, int d) {
        double s = 0;
        for (int c = 0; c < d; c++) {
            s += v[row * d + c] * v[row * d + c];
        }
        return Math.sqrt(s);
    }
}
