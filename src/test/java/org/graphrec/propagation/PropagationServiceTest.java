package org.graphrec.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.graphrec.eval.EvaluationParameters;
import org.graphrec.propagation.EvaluationService;
import org.graphrec.eval.EvaluatorTest.RecordingProgress;
import org.graphrec.graph.GraphConnection;
import org.graphrec.core.InteractionGraph.Split;
import org.graphrec.propagation.PropagateParameters.Mode;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.versions.EmbeddingVersion;
import org.graphrec.testing.SharedEmbeddedGraph;
import org.junit.jupiter.api.Test;

/** The whole job against a real embedded Neo4j: load, kNN + SIMILAR, propagate, write back, evaluate. */
class PropagationServiceTest extends SharedEmbeddedGraph {


    /** 40 users, 30 items (item 29 cold), image vectors on every item, two brands. */
    static void createGraph() {
        createGraph(graph);
    }

    /** The same fixture in another test class's store. */
    static void createGraph(GraphConnection graph) {
        Random r = new Random(11);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            List<Double> v = List.of(r.nextGaussian(), r.nextGaussian(), r.nextGaussian(), r.nextGaussian());
            items.add(Map.of("id", "i" + i, "v", v, "brand", i % 2 == 0 ? "even" : "odd"));
        }
        List<List<String>> edges = new ArrayList<>();
        for (int u = 0; u < 40; u++) {
            for (int e = 0; e < 6; e++) {
                int i = (u + e * (1 + u % 3)) % 29;
                edges.add(List.of("u" + u, "i" + i, e == 0 ? "test" : e == 1 ? "valid" : "train"));
            }
        }
        edges.add(List.of("u0", "i29", "test"));
        graph.write(tx -> {
            tx.run("CREATE (:Modality {name: 'image', property: 'imageEmbedding', dimension: 4})").consume();
            tx.run("UNWIND $items AS row CREATE (i:Item {id: row.id}) MERGE (b:Brand {name: row.brand}) "
                    + "CREATE (i)-[:MADE_BY]->(b) WITH i, row "
                    + "CALL db.create.setNodeVectorProperty(i, 'imageEmbedding', row.v)", Map.of("items", items))
                    .consume();
            tx.run("UNWIND $edges AS e MERGE (u:User {id: e[0]}) WITH u, e MATCH (i:Item {id: e[1]}) "
                    + "MERGE (u)-[r:INTERACTED]->(i) ON CREATE SET r.split = e[2]", Map.of("edges", edges))
                    .consume();
            return null;
        });
    }

    static PropagateParameters closedForm(int d) {
        return new PropagateParameters(Mode.CLOSED_FORM, ClosedFormParameters.defaults(d).withGroups(0.3, 0), 3,
                null, 0.3, true, true);
    }

    @Test
    void theRunsValidationMetricsUseASeededUserSampleAndRecordItsSize() {
        createGraph();
        // all 40 users have one valid interaction; a sample of 10 is evaluated, the run records 10 of 40
        PropagationSummary s = new PropagationService(graph, ProgressTracker.none())
                .run(closedForm(8).withValidationUsers(10));
        assertThat(s.validation()).containsEntry("users", 10.0).containsEntry("eligibleUsers", 40.0);
        PropagationSummary again = new PropagationService(graph, ProgressTracker.none())
                .run(closedForm(8).withValidationUsers(10));
        // same sample, same numbers (up to the last bits of a parallel sum's order)
        assertThat(again.validation().keySet()).isEqualTo(s.validation().keySet());
        s.validation().forEach((name, value) -> {
            if (value.isNaN()) {
                assertThat(again.validation().get(name)).as(name).isNaN();
            } else {
                assertThat(again.validation().get(name)).as(name).isCloseTo(value, within(1e-12));
            }
        });
        PropagationSummary all = new PropagationService(graph, ProgressTracker.none())
                .run(closedForm(8).withValidationUsers(0));
        assertThat(all.validation()).containsEntry("users", 40.0).containsEntry("eligibleUsers", 40.0);
        // the full validation numbers are what `evaluate --split valid` computes from the stored embeddings
        EvaluationService.Report full = new EvaluationService(graph, ProgressTracker.none())
                .evaluate(EvaluationParameters.of(Split.VALID, 10, 20));
        assertThat(full.result().get("recall@20")).isCloseTo(all.validation().get("recall@20"), within(1e-6));
    }

    @Test
    void closedFormWritesEmbeddingsSimilarEdgesAndARunThatEvaluateReproduces() {
        createGraph();
        RecordingProgress progress = new RecordingProgress();
        PropagationSummary s = new PropagationService(graph, progress).run(closedForm(8));
        assertThat(s.dimension()).isEqualTo(8);
        assertThat(s.runId()).isNotNull();
        assertThat(s.timings()).containsKeys("load", "knn", "propagate", "evaluate", "write", "total");
        assertThat(s.validation()).containsKey("recall@20");
        assertThat(s.memoryEstimate()).isPositive();
        assertThat(progress.events).anyMatch(e -> e.startsWith("log memory estimate"));
        assertThat(progress.events).anyMatch(e -> e.startsWith("begin kNN image"));
        assertThat(progress.events).anyMatch(e -> e.startsWith("begin write item embeddings"));

        long similar = graph.read(tx -> tx.run("MATCH (:Item)-[s:SIMILAR {modality: 'image'}]->(:Item) "
                + "RETURN count(s) AS c").single().get("c").asLong());
        assertThat(similar).isEqualTo(30 * 3);
        List<Long> ranks = graph.read(tx -> tx.run("MATCH (:Item {id: 'i0'})-[s:SIMILAR]->() RETURN s.rank AS r "
                + "ORDER BY r").list(x -> x.get("r").asLong()));
        assertThat(ranks).containsExactly(1L, 2L, 3L);
        // the cold item i29 has a non-zero embedding
        assertThat(s.published()).isTrue();
        String prop = EmbeddingVersion.embeddingProperty(s.version());
        double coldNorm = graph.read(tx -> tx.run("MATCH (i:Item {id: 'i29'}) "
                + "RETURN reduce(s = 0.0, x IN i[$p] | s + x * x) AS n", Map.of("p", prop)).single().get("n")
                .asDouble());
        assertThat(coldNorm).isGreaterThan(0);

        // a second run writes its own kNN graph with its version: readers of the published one see 30 × 3 edges,
        // and the first version's stay for a rollback (keep 2)
        PropagationSummary second = new PropagationService(graph, ProgressTracker.none()).run(closedForm(4));
        assertThat(second.version()).isEqualTo(s.version() + 1);
        long again = graph.read(tx -> tx.run("MATCH (p:PublishedVersion {name: 'fused'}) "
                + "MATCH ()-[s:SIMILAR {modality: 'image'}]->() WHERE s.version = p.similarVersion "
                + "RETURN count(s) AS c, collect(DISTINCT s.version) AS v").single().get("c").asLong());
        assertThat(again).isEqualTo(30 * 3);
        assertThat(similarVersions()).containsExactlyInAnyOrder(s.version(), second.version());

        // evaluate from the stored graph equals the in-memory validation numbers of the same run
        PropagationSummary third = new PropagationService(graph, ProgressTracker.none()).run(closedForm(8));
        var report = new EvaluationService(graph, ProgressTracker.none())
                .evaluate(EvaluationParameters.of(Split.VALID, 10, 20));
        assertThat(report.mode()).isEqualTo("closed-form");
        assertThat(report.dimension()).isEqualTo(8);
        assertThat(report.result().get("recall@20")).isCloseTo(third.validation().get("recall@20"), within(1e-9));
        assertThat(report.result().get("ndcg@20")).isCloseTo(third.validation().get("ndcg@20"), within(1e-6));
        assertThat(report.asJson()).containsEntry("mode", "closed-form").containsKeys("recall@20", "ndcg@20");
        String metrics = graph.read(tx -> tx.run("MATCH (r:PropagationRun {id: $id}) RETURN r.metrics AS m",
                Map.of("id", third.runId())).single().get("m").asString());
        assertThat(metrics).contains("recall@20");
        // the default --keep 2: the first version's vectors are gone, the second's stay for rollback
        long firstLeft = graph.read(tx -> tx.run("MATCH (n) WHERE n[$p] IS NOT NULL RETURN count(n) AS c",
                Map.of("p", prop)).single().get("c").asLong());
        assertThat(firstLeft).isZero();
        long secondLeft = graph.read(tx -> tx.run("MATCH (n) WHERE n[$p] IS NOT NULL RETURN count(n) AS c",
                Map.of("p", EmbeddingVersion.embeddingProperty(second.version()))).single().get("c").asLong());
        assertThat(secondLeft).isPositive();
        // … and so is the first version's kNN graph
        assertThat(similarVersions()).containsExactlyInAnyOrder(second.version(), third.version());
    }

    /** The versions that own SIMILAR relationships in the graph. */
    static List<Long> similarVersions() {
        return graph.read(tx -> tx.run("MATCH ()-[s:SIMILAR]->() RETURN collect(DISTINCT s.version) AS v")
                .single().get("v").asList(v -> v.asLong()));
    }

    @Test
    void itemKnnIsEvaluatedInProcessAndWritesNothing() {
        createGraph();
        PropagationSummary s = new PropagationService(graph, ProgressTracker.none()).run(new PropagateParameters(
                Mode.ITEMKNN, ClosedFormParameters.defaults(8), 5, null, 0.3, true, true));
        assertThat(s.runId()).isNull();
        assertThat(s.test()).containsKey("recall@20");
        assertThat(s.note()).contains("in-process");
        long written = graph.read(tx -> tx.run("MATCH (r:PropagationRun) RETURN count(r) AS c")
                .single().get("c").asLong());
        assertThat(written).isZero();
    }

    @Test
    void mostPopularRanksByTrainPopularity() {
        createGraph();
        PropagationSummary s = new PropagationService(graph, ProgressTracker.none()).run(new PropagateParameters(
                Mode.MOSTPOP, ClosedFormParameters.defaults(8), 5, null, 0.3, true, true));
        assertThat(s.dimension()).isEqualTo(1);
        double top = graph.read(tx -> tx.run("MATCH (i:Item) RETURN max(i[$p][0]) AS m",
                Map.of("p", EmbeddingVersion.embeddingProperty(s.version()))).single().get("m").asDouble());
        long mostTrained = graph.read(tx -> tx.run("MATCH (i:Item)<-[r:INTERACTED {split: 'train'}]-() "
                + "WITH i, count(r) AS c RETURN max(c) AS m").single().get("m").asLong());
        assertThat(top).isEqualTo(mostTrained);
    }

    @Test
    void aRunWhoseEstimateExceedsTheHeapIsRefusedWithTheHeapToAskFor() {
        var estimate = org.graphrec.core.MemoryEstimate.sum("propagate trained",
                org.graphrec.core.MemoryEstimate.of("training state", 3L << 30));
        PropagationService.checkHeap(estimate, 4L << 30);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PropagationService.checkHeap(estimate, 2L << 30))
                .isInstanceOf(org.graphrec.config.UserException.class)
                .hasMessage("propagate trained is estimated to need 3.0 GiB of heap, more than the 2.0 GiB this JVM "
                        + "may use; run with JAVA_OPTS=-Xmx4g (estimate: propagate trained 3.0 GiB (training state "
                        + "3.0 GiB))");
    }
}
