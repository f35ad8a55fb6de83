package org.graphrec.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.testing.SharedEmbeddedGraph;
import org.graphrec.testing.TestGraphs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Value;

/** Imports of the tiny hand-written fixtures of every format, idempotence and resuming, against real Neo4j. */
class ImportFixturesTest extends SharedEmbeddedGraph {

    static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures", "import");
    static final Path EXAMPLE = Path.of("graph-import", "example");

    @TempDir
    Path work;


    private ImportResult importPath(ImportRequest request) {
        return new CatalogImporter().importPath(graph, request.withRejects(request.maxRejects(),
                work.resolve("rejects.tsv")), ProgressTracker.none());
    }

    private long count(String query) {
        return graph.read(tx -> tx.run(query).single().get(0).asLong());
    }

    private List<String> strings(String query) {
        return graph.read(tx -> tx.run(query).list(r -> r.get(0).asString()));
    }

    private List<Float> floats(String query) {
        return graph.read(tx -> tx.run(query).single().get(0).asList(Value::asFloat));
    }

    private Value one(String query, Map<String, Object> params) {
        return graph.read(tx -> tx.run(query, params).single().get(0));
    }

    @Test
    void readingABundleReportsTheItemRowsItRead() {
        // 4 item rows: the progress line used to say "read items.csv: 0" for every catalogue
        var progress = new org.graphrec.eval.EvaluatorTest.RecordingProgress();
        BundleReader.read(EXAMPLE.resolve("bundle.properties"), new Rejects(), progress);
        int begin = progress.events.indexOf("begin read items.csv -1");
        assertThat(begin).isNotNegative();
        assertThat(progress.events.subList(begin + 1, begin + 3)).containsExactly("advance 4", "end");
    }

    @Test
    void importsAnMmrecDirectoryWithMappingsFloat16VectorsAndCrlf() {
        ImportResult result = importPath(ImportRequest.of(FIXTURES.resolve("mmrec")));

        assertThat(result.format()).isEqualTo("mmrec");
        assertThat(count("MATCH (u:User) RETURN count(u)")).isEqualTo(3);
        assertThat(count("MATCH (i:Item) RETURN count(i)")).isEqualTo(3);
        assertThat(count("MATCH ()-[r:INTERACTED]->() RETURN count(r)")).isEqualTo(6);
        assertThat(strings("MATCH (u:User) RETURN u.id AS id ORDER BY id")).containsExactly("U0", "U1", "U2");
        // x_label kept: user U1 (dense 1) item C (dense 2) has label 1 = valid
        Value rel = one("MATCH (:User {id: 'U1'})-[r:INTERACTED]->(:Item {id: 'C'}) RETURN r", Map.of());
        assertThat(rel.get("split").asString()).isEqualTo("valid");
        assertThat(rel.get("rating").asDouble()).isEqualTo(5.0);
        assertThat(rel.get("ts").asLong()).isEqualTo(103);
        assertThat(result.split().policy()).isEqualTo("given");
        assertThat(List.of(result.split().train(), result.split().valid(), result.split().test()))
                .containsExactly(3L, 1L, 2L);
        // float16 row 2 of image_feat.npy: [0, 65504] for item C
        List<Float> image = floats("MATCH (i:Item {id: 'C'}) RETURN i.imageEmbedding AS v");
        assertThat(image).containsExactly(0f, 65504f);
        List<Float> text = floats("MATCH (i:Item {id: 'B'}) RETURN i.textEmbedding AS v");
        assertThat(text).containsExactly(1f, 1.25f, 1.5f, 1.75f);
        assertThat(strings("""
                MATCH (m:Modality) RETURN m.name + ':' + m.property + ':' + m.dimension AS m ORDER BY m
                """)).containsExactly("image:imageEmbedding:2",
                "text:textEmbedding:4");
        assertThat(count("MATCH (r:ImportRun {status: 'done'}) RETURN count(r)")).isEqualTo(1);
    }

    @Test
    void importsAmazonReviewsAndGzippedMetadata() {
        ImportResult result = importPath(ImportRequest.of(FIXTURES.resolve("amazon")));

        assertThat(result.format()).isEqualTo("amazon");
        assertThat(count("MATCH (u:User) RETURN count(u)")).isEqualTo(3);
        assertThat(count("MATCH (i:Item) RETURN count(i)")).as("only reviewed items").isEqualTo(3);
        assertThat(count("MATCH ()-[r:INTERACTED]->() RETURN count(r)")).isEqualTo(4);
        assertThat(result.duplicatesDropped()).isEqualTo(1);
        Value latest = one("MATCH (:User {id: 'R2'})-[r:INTERACTED]->(:Item {id: 'P1'}) RETURN r", Map.of());
        assertThat(latest.get("rating").asDouble()).as("the later review wins").isEqualTo(2.0);
        assertThat(latest.get("ts").asLong()).isEqualTo(1005);
        Value p1 = one("MATCH (i:Item {id: 'P1'}) RETURN i", Map.of());
        assertThat(p1.get("title").asString()).isEqualTo("Card One");
        assertThat(p1.get("description").asString()).isEqualTo("Good card.");
        assertThat(strings("MATCH (:Item {id: 'P1'})-[:MADE_BY]->(b) RETURN b.name AS n").get(0)).isEqualTo("Acme");
        assertThat(strings("""
                MATCH (:Item {id: 'P1'})-[:IN_CATEGORY]->(c) RETURN c.name AS n ORDER BY n
                """)).containsExactly("Gift Cards", "Restaurants");
        assertThat(count("MATCH (b:Brand) RETURN count(b)")).as("empty brand of P2 ignored").isEqualTo(1);
        assertThat(count("MATCH (i:Item {id: 'P4'}) RETURN count(i)")).isZero();
        assertThat(count("MATCH (i:Item {id: 'P3'}) WHERE i.title IS NULL RETURN count(i)")).isEqualTo(1);
    }

    @Test
    void importsTheExampleBundleWithQuotedFieldsCategoriesAndBothVectorKinds() {
        ImportResult result = importPath(ImportRequest.of(EXAMPLE));

        assertThat(result.format()).isEqualTo("bundle");
        assertThat(result.source()).isEqualTo("example");
        assertThat(count("MATCH (u:User) RETURN count(u)")).isEqualTo(5);
        assertThat(count("MATCH (i:Item) RETURN count(i)")).isEqualTo(4);
        assertThat(count("MATCH (b:Brand) RETURN count(b)")).isEqualTo(2);
        assertThat(count("MATCH (c:Category) RETURN count(c)")).isEqualTo(4);
        assertThat(count("MATCH ()-[r:MADE_BY]->() RETURN count(r)")).isEqualTo(3);
        assertThat(count("MATCH ()-[r:IN_CATEGORY]->() RETURN count(r)")).isEqualTo(6);
        assertThat(count("MATCH ()-[r:INTERACTED]->() RETURN count(r)")).isEqualTo(7);
        Value i1 = one("MATCH (i:Item {id: 'i1'}) RETURN i", Map.of());
        assertThat(i1.get("title").asString()).isEqualTo("Trail Runner, Blue");
        assertThat(i1.get("description").asString()).isEqualTo("Light shoe for \"trail\" running");
        assertThat(one("MATCH (:User {id: 'u3'})-[r:INTERACTED]->(:Item {id: 'i3'}) RETURN r.rating", Map.of())
                .asDouble()).isEqualTo(1.0);
        assertThat(count("MATCH (i:Item) WHERE i.textEmbedding IS NOT NULL RETURN count(i)")).isEqualTo(4);
        assertThat(count("MATCH (i:Item) WHERE i.imageEmbedding IS NOT NULL RETURN count(i)")).isEqualTo(3);
        List<Float> text = floats("MATCH (i:Item {id: 'i4'}) RETURN i.textEmbedding AS v");
        assertThat(text).containsExactly(0.25f, 0.25f, 0.5f);
        assertThat(result.count("User")).isEqualTo(new LabelCount("User", 5, 5, 0));
        assertThat(result.count("INTERACTED")).isEqualTo(new LabelCount("INTERACTED", 7, 7, 0));
        assertThat(result.split().policy()).startsWith("random");
        // u1 has 3 interactions → 1 train, 1 valid, 1 test
        assertThat(strings("""
                MATCH (:User {id: 'u1'})-[r:INTERACTED]->() RETURN r.split AS s ORDER BY s
                """)).containsExactly("test", "train", "valid");
    }

    @Test
    void temporalSplitLeavesTheLastInteractionOutAsTest() {
        importPath(ImportRequest.of(EXAMPLE).withSplit(SplitPolicy.TEMPORAL, 1));
        assertThat(strings("""
                MATCH (:User {id: 'u1'})-[r:INTERACTED]->(i) RETURN i.id + ':' + r.split AS s ORDER BY s
                """)).containsExactly("i1:train", "i2:valid", "i3:test");
        assertThat(strings("""
                MATCH (:User {id: 'u2'})-[r:INTERACTED]->(i) RETURN i.id + ':' + r.split AS s ORDER BY s
                """)).containsExactly("i1:train", "i4:test");
        assertThat(one("MATCH (:User {id: 'u4'})-[r:INTERACTED]->() RETURN r.split", Map.of()).asString())
                .isEqualTo("train");
    }

    @Test
    void importingTheSameInputTwiceLeavesTheGraphIdentical() {
        for (Path input : List.of(EXAMPLE, FIXTURES.resolve("mmrec"), FIXTURES.resolve("amazon"))) {
            TestGraphs.clear(graph);
            importPath(ImportRequest.of(input));
            List<String> first = GraphSnapshot.of(graph);
            ImportResult again = importPath(ImportRequest.of(input));
            assertThat(GraphSnapshot.of(graph)).as(input.toString()).isEqualTo(first);
            assertThat(again.counts()).allSatisfy(c -> assertThat(c.created()).as(c.name()).isZero());
            assertThat(again.count("INTERACTED").matched()).isEqualTo(again.count("INTERACTED").rows());
            assertThat(count("MATCH (r:ImportRun) RETURN count(r)")).as("one ImportRun per import").isEqualTo(2);
        }
    }

    @Test
    void aLaterImportMovesAnItemToItsNewBrandAndAddsNewCategories() throws java.io.IOException {
        Path changed = work.resolve("changed");
        java.nio.file.Files.createDirectories(changed);
        try (var files = java.nio.file.Files.list(EXAMPLE)) {
            for (Path f : files.toList()) {
                java.nio.file.Files.copy(f, changed.resolve(f.getFileName()));
            }
        }
        Path items = changed.resolve("items.csv");
        String text = java.nio.file.Files.readString(items);
        java.nio.file.Files.writeString(items, text.replace("Light shoe for \"\"trail\"\" running\",Stride,Shoes|Running",
                "Light shoe for \"\"trail\"\" running\",Nimbus,Shoes|Running|Sale"));
        importPath(ImportRequest.of(EXAMPLE));

        ImportResult second = importPath(ImportRequest.of(changed));

        assertThat(strings("MATCH (:Item {id: 'i1'})-[:MADE_BY]->(b) RETURN b.name")).containsExactly("Nimbus");
        assertThat(strings("MATCH (:Item {id: 'i1'})-[:IN_CATEGORY]->(c) RETURN c.name ORDER BY c.name"))
                .containsExactly("Running", "Sale", "Shoes");
        assertThat(strings("MATCH (:Item {id: 'i2'})-[:MADE_BY]->(b) RETURN b.name")).containsExactly("Stride");
        assertThat(second.count("MADE_BY").created()).isEqualTo(1);
        assertThat(second.count("IN_CATEGORY").created()).isEqualTo(1);
        assertThat(count("MATCH ()-[r:MADE_BY]->() RETURN count(r)")).isEqualTo(3);
    }

    @Test
    void anImportKilledAfterSomeBatchesCompletesWhenRunAgain() {
        importPath(ImportRequest.of(EXAMPLE));
        List<String> complete = GraphSnapshot.of(graph);
        TestGraphs.clear(graph);

        // tiny batches so the failure falls in the middle of the interactions
        CatalogueWriter.Options tiny = new CatalogueWriter.Options(2, 2, 2, -1);
        ImportRequest request = ImportRequest.of(EXAMPLE).withRejects(0, work.resolve("r.tsv"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CatalogImporter(tiny.failingAfter(15), null)
                        .importPath(graph, request, ProgressTracker.none()))
                .isInstanceOf(CatalogueWriter.InjectedFailure.class);
        assertThat(count("MATCH ()-[r:INTERACTED]->() RETURN count(r)")).isBetween(1L, 6L);
        assertThat(one("MATCH (r:ImportRun) RETURN r.status", Map.of()).asString()).isEqualTo("failed");

        ImportResult rerun = new CatalogImporter(tiny, null).importPath(graph, request, ProgressTracker.none());
        assertThat(rerun.resumed()).isTrue();
        assertThat(GraphSnapshot.of(graph)).isEqualTo(complete);
        Value run = one("MATCH (r:ImportRun) RETURN r", Map.of());
        assertThat(run.get("status").asString()).isEqualTo("done");
        assertThat(run.get("attempts").asLong()).isEqualTo(2);
        assertThat(count("MATCH (r:ImportRun) RETURN count(r)")).isEqualTo(1);
    }

    @Test
    void recordsTheImportRun() {
        ImportResult result = importPath(ImportRequest.of(EXAMPLE));
        Value run = one("MATCH (r:ImportRun {id: $id}) RETURN r", Map.of("id", result.runId()));
        assertThat(run.get("source").asString()).isEqualTo("example");
        assertThat(run.get("format").asString()).isEqualTo("bundle");
        assertThat(run.get("status").asString()).isEqualTo("done");
        assertThat(run.get("checksums").asList(Value::asString)).hasSize(6)
                .allSatisfy(c -> assertThat(c).matches("[\\w.]+:[0-9a-f]{64}"));
        assertThat(run.get("counts").asString()).contains("\"INTERACTED\":{\"rows\":7,\"created\":7,\"matched\":0}");
        assertThat(run.get("rejects").asLong()).isZero();
        assertThat(run.get("startedAt").asString()).isNotBlank();
        assertThat(run.get("finishedAt").asString()).isNotBlank();
        assertThat(result.seconds()).isPositive();
    }
}
