package org.graphrec.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.graphrec.config.UserException;
import org.graphrec.graph.GraphConnection;
import org.graphrec.importer.synthetic.SyntheticGenerator;
import org.graphrec.importer.synthetic.SyntheticParameters;
import org.graphrec.importer.synthetic.SyntheticResult;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.testing.TestGraphs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk engine and the transactional writer import the same catalogue into two real embedded stores: every
 * node, relationship, property and value type must agree, and so must the import's own report.
 */
class BulkImportTest {

    static final Path EXAMPLE = Path.of("graph-import", "example");
    static final Path MMREC = Path.of("src", "test", "resources", "fixtures", "import", "mmrec");
    /** ImportRun properties that differ between any two runs: compared by type only. */
    static final Map<String, Set<String>> PER_RUN = Map.of("ImportRun",
            Set.of("id", "startedAt", "finishedAt", "seconds"));

    @TempDir
    Path work;

    private ImportResult importInto(GraphConnection graph, ImportRequest request) {
        return new CatalogImporter().importPath(graph, request.withRejects(0, work.resolve("rejects.tsv")),
                ProgressTracker.none());
    }

    /** Imports {@code path} once with each write path; returns the two typed graphs (bulk first). */
    private List<List<String>> bothWays(Path path) {
        try (GraphConnection bulk = TestGraphs.openEmbedded(work.resolve("bulk"));
             GraphConnection transactional = TestGraphs.openEmbedded(work.resolve("transactional"))) {
            ImportResult b = importInto(bulk, ImportRequest.of(path).withBulk(BulkMode.ON));
            ImportResult t = importInto(transactional, ImportRequest.of(path).withBulk(BulkMode.OFF));
            assertThat(b.bulk()).isTrue();
            assertThat(t.bulk()).isFalse();
            assertThat(b.counts()).isEqualTo(t.counts());
            assertThat(Files.exists(work.resolve("bulk").resolve(BulkStoreWriter.TEMPORARY))).isFalse();
            // the store took the schema after the import: a duplicate id is refused
            assertThatThrownBy(() -> bulk.write(tx -> tx.run("CREATE (:User {id: $id})",
                    Map.of("id", b.counts().isEmpty() ? "" : firstUser(bulk))).consume()))
                    .hasMessageContaining("already exists");
            // the same indexes both ways, the token lookup indexes included (without them a label scan reads
            // every node)
            assertThat(indexes(bulk)).isEqualTo(indexes(transactional))
                    .contains("LOOKUP NODE", "LOOKUP RELATIONSHIP");
            return List.of(TypedGraph.of(bulk, PER_RUN), TypedGraph.of(transactional, PER_RUN));
        }
    }

    /** Every index by what it covers (not by name: the engine names its token indexes itself). */
    private static List<String> indexes(GraphConnection graph) {
        return graph.read(tx -> tx.run("SHOW INDEXES YIELD type, entityType, labelsOrTypes, properties "
                + "RETURN trim(type + ' ' + entityType + ' ' + coalesce(reduce(s = '', t IN labelsOrTypes | s + t + ' '), '')"
                + " + coalesce(reduce(s = '', p IN properties | s + p + ' '), '')) AS index ORDER BY index")
                .list(r -> r.get("index").asString()));
    }

    private static String firstUser(GraphConnection graph) {
        return graph.read(tx -> tx.run("MATCH (u:User) RETURN u.id AS id LIMIT 1").single().get("id").asString());
    }

    @Test
    void bundleWithBrandsCategoriesRatingsTimestampsAndTwoVectorModalitiesIsTheSameGraphBothWays() {
        List<List<String>> graphs = bothWays(EXAMPLE);

        assertThat(graphs.get(0)).isEqualTo(graphs.get(1));
        // what the comparison covered, hand-checked against graph-import/example
        assertThat(graphs.get(0)).contains(
                "node [Brand] {name=String=Stride}",
                "node [Modality] {dimension=Long=2, encoders=String[]=[external], name=String=image, "
                        + "property=String=imageEmbedding}",
                "rel User:u1 -INTERACTED-> Item:i1 {rating=Double=5.0, split=String=valid, ts=Long=1700000000}",
                "rel Item:i1 -IN_CATEGORY-> Category:Running {}");
        assertThat(graphs.get(0)).anyMatch(line -> line.startsWith("node [Item] {description=String=Light shoe")
                && line.contains("imageEmbedding=float[]=[0.5,-1.0]") && line.contains("textEmbedding=float[]="));
        assertThat(graphs.get(0)).anyMatch(line -> line.startsWith("node [ImportRun] {")
                && line.contains("attempts=Long=1") && line.contains("checksums=String[]=")
                && line.contains("status=String=done"));
    }

    @Test
    void mmrecDirectoryWithGivenSplitsIsTheSameGraphBothWays() {
        List<List<String>> graphs = bothWays(MMREC);

        assertThat(graphs.get(0)).isEqualTo(graphs.get(1));
        assertThat(graphs.get(0)).anyMatch(line -> line.contains("-INTERACTED->") && line.contains("split=String=valid"));
    }

    @Test
    void generatedCatalogueIsTheSameGraphBothWays() {
        SyntheticResult generated = new SyntheticGenerator(SyntheticParameters.builder().users(120).items(60)
                .brands(5).seed(3).interactions(900L).textDim(8).imageDim(4).build())
                .generate(work.resolve("generated"), false, ProgressTracker.none());
        List<List<String>> graphs = bothWays(generated.directory());

        assertThat(graphs.get(0)).isEqualTo(graphs.get(1));
        assertThat(graphs.get(0).stream().filter(l -> l.contains("-INTERACTED->")).count())
                .isGreaterThan(800);
    }

    @Test
    void aStoreWhosePageCacheIsSizedFromItTakesTheBulkPath() {
        Path store = work.resolve("auto");
        try (GraphConnection graph = GraphConnection.open(org.graphrec.config.ConnectionSettings.embedded(store))) {
            assertThat(graph.embedded().orElseThrow().pageCacheMiB()).isEqualTo(512); // an empty store: the floor
            ImportResult result = importInto(graph, ImportRequest.of(EXAMPLE).withBulk(BulkMode.ON));
            assertThat(result.bulk()).isTrue();
            long items = graph.read(tx -> tx.run("MATCH (i:Item) RETURN count(i) AS c").single().get("c").asLong());
            assertThat(items).isPositive();
        }
    }

    @Test
    void bulkOnIntoAStoreWithNodesIsAOneLineErrorAndWritesNothing() {
        try (GraphConnection graph = TestGraphs.openEmbedded(work.resolve("store"))) {
            importInto(graph, ImportRequest.of(EXAMPLE));
            long before = graph.read(tx -> tx.run("MATCH (n) RETURN count(n) AS n").single().get("n").asLong());

            assertThatThrownBy(() -> importInto(graph, ImportRequest.of(EXAMPLE).withBulk(BulkMode.ON)))
                    .isInstanceOf(UserException.class)
                    .hasMessageContaining("--bulk on writes fresh stores only")
                    .hasMessageContaining("already holds " + before + " nodes")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            ImportResult auto = importInto(graph, ImportRequest.of(EXAMPLE).withBulk(BulkMode.AUTO));
            assertThat(auto.bulk()).isFalse();
        }
    }

    @Test
    void anEngineFailurePartWayLeavesTheStoreAsItWasAndNoTemporaryCopy() {
        try (GraphConnection graph = TestGraphs.openEmbedded(work.resolve("store"))) {
            var catalogue = CatalogImporter.read(ImportRequest.of(EXAMPLE), new org.graphrec.importer.Rejects(),
                    ProgressTracker.none());
            CatalogueInput input = new CatalogueInput(catalogue, Map.of("id", "run"));
            var failing = new FailingInput(input, 0);
            graph.whileStoreOffline(home -> assertThatThrownBy(() -> BulkStoreWriter.write(home, failing,
                    org.neo4j.internal.batchimport.staging.ExecutionMonitor.INVISIBLE, 64))
                    .hasStackTraceContaining(FailingInput.MESSAGE));

            assertThat(Files.exists(work.resolve("store").resolve(BulkStoreWriter.TEMPORARY))).isFalse();
            long nodes = graph.read(tx -> tx.run("MATCH (n) RETURN count(n) AS n").single().get("n").asLong());
            assertThat(nodes).isZero();
            // the store is the one that was there: its schema survived
            long constraints = graph.read(tx -> tx.run("SHOW CONSTRAINTS YIELD name WHERE name = 'user_id' "
                    + "RETURN count(*)").single().get(0).asLong());
            assertThat(constraints).isEqualTo(1);
            ImportResult retried = importInto(graph, ImportRequest.of(EXAMPLE).withBulk(BulkMode.ON));
            assertThat(retried.count("User").created()).isEqualTo(5);
        }
    }
}
