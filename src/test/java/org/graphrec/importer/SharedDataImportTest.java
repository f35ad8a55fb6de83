package org.graphrec.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.graphrec.graph.GraphConnection;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.testing.TestGraphs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Value;

/**
 * Imports the real datasets in {@code ../shared/data} and checks the counts published in its README. Skipped
 * when the folder is absent (a fresh clone).
 */
class SharedDataImportTest {

    static final Path DATA = Path.of("..", "shared", "data");

    @TempDir
    static Path store;
    @TempDir
    Path work;
    static GraphConnection graph;

    @BeforeAll
    static void start() {
        assumeTrue(Files.isDirectory(DATA), "../shared/data is absent: real-data import tests skipped");
        graph = TestGraphs.openEmbedded(store);
    }

    @AfterAll
    static void stop() {
        if (graph != null) {
            graph.close();
        }
    }

    @BeforeEach
    void clear() {
        TestGraphs.clear(graph);
    }

    private ImportResult importPath(Path path) {
        assumeTrue(Files.exists(path), path + " is absent");
        return new CatalogImporter().importPath(graph, ImportRequest.of(path).withRejects(0,
                work.resolve("rejects.tsv")), ProgressTracker.none());
    }

    private long count(String query) {
        return graph.read(tx -> tx.run(query).single().get(0).asLong());
    }

    private List<Long> splits() {
        return graph.read(tx -> tx.run("""
                MATCH ()-[r:INTERACTED]->() RETURN
                  sum(CASE r.split WHEN 'train' THEN 1 ELSE 0 END) AS train,
                  sum(CASE r.split WHEN 'valid' THEN 1 ELSE 0 END) AS valid,
                  sum(CASE r.split WHEN 'test' THEN 1 ELSE 0 END) AS test
                """).single().values().stream().map(Value::asLong).toList());
    }

    private void assertCounts(long users, long items, long interactions) {
        assertThat(count("MATCH (u:User) RETURN count(u)")).isEqualTo(users);
        assertThat(count("MATCH (i:Item) RETURN count(i)")).isEqualTo(items);
        assertThat(count("MATCH ()-[r:INTERACTED]->() RETURN count(r)")).isEqualTo(interactions);
    }

    @Test
    void tiktok() {
        ImportResult result = importPath(DATA.resolve("tiktok"));
        assertCounts(9_308, 6_710, 68_722);
        assertThat(splits()).containsExactly(59_541L, 3_051L, 6_130L);
        assertThat(result.split().policy()).isEqualTo("given");
        assertThat(count("MATCH (i:Item) WHERE size(i.imageEmbedding) = 128 RETURN count(i)")).isEqualTo(6_710);
        assertThat(count("MATCH (i:Item) WHERE size(i.audioEmbedding) = 128 RETURN count(i)")).isEqualTo(6_710);
        assertThat(count("MATCH (m:Modality) WHERE m.dimension = 128 RETURN count(m)")).isEqualTo(2);
    }

    @Test
    void amazonBabyWithIdMappings() {
        importPath(DATA.resolve("amazon-baby"));
        assertCounts(19_445, 7_050, 160_792);
        assertThat(splits()).containsExactly(119_674L, 20_559L, 20_559L);
        assertThat(count("MATCH (i:Item {id: '097293751X'}) RETURN count(i)")).as("asin from i_id_mapping")
                .isEqualTo(1);
        assertThat(count("MATCH (u:User {id: 'A1HK2FQW6KXQB2'})-[:INTERACTED]->() RETURN count(*)"))
                .isPositive();
    }

    @Test
    void amazonGiftCardsReviewsAndMetadata() {
        ImportResult result = importPath(DATA.resolve("amazon-gift-cards"));
        assertThat(result.interactionsRead()).isEqualTo(2_972);
        assertCounts(458, 148, 2_972 - result.duplicatesDropped());
        assertThat(result.duplicatesDropped()).isEqualTo(7);
        assertThat(count("MATCH (i:Item)-[:MADE_BY]->() RETURN count(DISTINCT i)")).isEqualTo(119);
        assertThat(count("MATCH (b:Brand) RETURN count(b)")).isEqualTo(75);
        assertThat(count("MATCH (i:Item) WHERE i.title IS NOT NULL RETURN count(i)")).isEqualTo(148);
        assertThat(result.split().policy()).startsWith("random");
    }

    @Test
    void movielensSmallThroughItsManifest() {
        importPath(Path.of("graph-import", "movielens-small.properties"));
        assertCounts(610, 9_742, 100_836);
        assertThat(count("MATCH (c:Category) RETURN count(c)")).isEqualTo(20);
        assertThat(count("MATCH (i:Item {id: '1'}) WHERE i.title = 'Toy Story (1995)' RETURN count(i)"))
                .isEqualTo(1);
    }

    @Test
    void amazonMagazineThroughItsManifest() {
        ImportResult result = importPath(Path.of("graph-import", "amazon-magazine.properties"));
        assertCounts(72_098, 2_428, 88_368 - result.duplicatesDropped());
        assertThat(result.duplicatesDropped()).isEqualTo(50);
        assertThat(count("MATCH (i:Item)-[:MADE_BY]->() RETURN count(DISTINCT i)")).isEqualTo(391);
        assertThat(count("MATCH (i:Item) WHERE i.description IS NOT NULL RETURN count(i)")).as("non-empty descriptions").isEqualTo(382);
    }
}
