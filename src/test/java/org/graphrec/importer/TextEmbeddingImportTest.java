package org.graphrec.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.graphrec.graph.GraphConnection;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.testing.TestGraphs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Value;

/** {@code --embed-text} with the real in-process MiniLM model on the example bundle without its text vectors. */
class TextEmbeddingImportTest {

    @TempDir
    Path store;
    @TempDir
    Path work;

    @Test
    void embedsItemsWithTextButNoVectorAndSkipsThemOnTheNextRun() throws IOException {
        Path dir = Files.createDirectories(work.resolve("bundle"));
        try (Stream<Path> files = Files.list(ImportFixturesTest.EXAMPLE)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Path manifest = dir.resolve("bundle.properties");
        Files.writeString(manifest, Files.readString(manifest).replace("embedding.text.file = text.npy", ""));
        ImportRequest request = ImportRequest.of(dir).withEmbedText(true).withRejects(0, work.resolve("r.tsv"));
        try (GraphConnection graph = TestGraphs.openEmbedded(store)) {
            ImportResult first = new CatalogImporter().importPath(graph, request, ProgressTracker.none());
            assertThat(first.count("textEmbedding (embedded)").rows()).isEqualTo(4);
            List<Float> trail = vector(graph, "i1");
            List<Float> road = vector(graph, "i2");
            List<Float> socks = vector(graph, "i4");
            assertThat(trail).hasSize(384);
            assertThat(cosine(trail, road)).as("two running shoes are closer than a shoe and socks")
                    .isGreaterThan(cosine(trail, socks));
            long dimension = graph.read(tx -> tx.run("MATCH (m:Modality {name: 'text'}) RETURN m.dimension")
                    .single().get(0).asLong());
            assertThat(dimension).isEqualTo(384);
            List<String> snapshot = GraphSnapshot.of(graph);

            ImportResult second = new CatalogImporter().importPath(graph, request, ProgressTracker.none());
            assertThat(second.count("textEmbedding (embedded)")).as("nothing left to embed").isNull();
            assertThat(GraphSnapshot.of(graph)).isEqualTo(snapshot);
        }
    }

    private static List<Float> vector(GraphConnection graph, String id) {
        return graph.read(tx -> tx.run("MATCH (i:Item {id: $id}) RETURN i.textEmbedding AS v",
                java.util.Map.of("id", id)).single().get("v").asList(Value::asFloat));
    }

    private static double cosine(List<Float> a, List<Float> b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < a.size(); k++) {
            dot += a.get(k) * b.get(k);
            na += a.get(k) * a.get(k);
            nb += b.get(k) * b.get(k);
        }
        return dot / Math.sqrt(na * nb);
    }
}
