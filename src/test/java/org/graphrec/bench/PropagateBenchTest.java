package org.graphrec.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.graphrec.graph.GraphConnection;
import org.graphrec.testing.TestGraphs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code bench propagate} reports about an auto run, read back from a real (embedded) graph. */
class PropagateBenchTest {

    @TempDir
    Path work;

    @Test
    void theCandidateAnAutoRunPublishedIsReadFromItsRunNode() {
        try (GraphConnection graph = TestGraphs.openEmbedded(work.resolve("db"))) {
            graph.write(tx -> tx.run("CREATE (:PropagationRun {id: 'r1', parameters: $p}), (:PropagationRun {id: 'r2'})",
                    Map.of("p", "{\"mode\":\"auto\",\"chosen\":\"ensemble w 0.5\",\"candidates\":[]}")).consume());

            assertThat(PropagateBench.chosenCandidate(graph, "r1")).isEqualTo("ensemble w 0.5");
            assertThat(PropagateBench.chosenCandidate(graph, "r2")).isEqualTo("unknown");
            assertThat(PropagateBench.chosenCandidate(graph, "nope")).isEqualTo("unknown");
        }
    }
}
