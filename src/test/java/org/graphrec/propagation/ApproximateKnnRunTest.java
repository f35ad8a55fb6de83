package org.graphrec.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.graphrec.eval.EvaluatorTest.RecordingProgress;
import org.graphrec.testing.SharedEmbeddedGraph;
import org.junit.jupiter.api.Test;

/** {@code propagate --knn approx} against a real embedded Neo4j: the recall is printed, noted and recorded. */
class ApproximateKnnRunTest extends SharedEmbeddedGraph {

    @Test
    void anApproximateRunReportsAndRecordsItsRecallAndMatchesExactOnATinyCatalogue() {
        PropagationServiceTest.createGraph(graph);
        PropagationSummary exact = new PropagationService(graph, new RecordingProgress())
                .run(PropagationServiceTest.closedForm(8).withKnn(KnnMethod.EXACT));
        RecordingProgress progress = new RecordingProgress();
        PropagationSummary approx = new PropagationService(graph, progress)
                .run(PropagationServiceTest.closedForm(8).withKnn(KnnMethod.APPROX));
        // 30 items: the HNSW search reaches all of them, so the lists and the model are the exact ones
        assertThat(progress.events).anyMatch(e -> e.startsWith("log kNN image: approx (Lucene HNSW")
                && e.contains("recall@3 vs exact 1.0000 on 30 sampled items"));
        assertThat(approx.note()).contains("image recall@3 vs exact 1.0000 on 30 sampled items");
        assertThat(approx.validation().get("recall@20")).isEqualTo(exact.validation().get("recall@20"));
        String recorded = graph.read(tx -> tx.run("MATCH (r:PropagationRun {id: $id}) RETURN r.parameters AS p",
                Map.of("id", approx.runId())).single().get("p").asString());
        assertThat(recorded).contains("\"knn\":\"approx\"", "\"knnMethod.image\":\"approx\"",
                "\"knnRecall@3.image\":1.0", "\"knnRecallSample.image\":30");
        String exactRecorded = graph.read(tx -> tx.run("MATCH (r:PropagationRun {id: $id}) RETURN r.parameters AS p",
                Map.of("id", exact.runId())).single().get("p").asString());
        assertThat(exactRecorded).contains("\"knnMethod.image\":\"exact\"").doesNotContain("knnRecall");
        long similar = graph.read(tx -> tx.run("MATCH (:Item)-[s:SIMILAR {modality: 'image'}]->(:Item) "
                + "WHERE s.version = $v RETURN count(s) AS c", Map.of("v", approx.version())).single().get("c")
                .asLong());
        assertThat(similar).isEqualTo(30 * 3);
    }
}
