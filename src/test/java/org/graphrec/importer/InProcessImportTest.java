package org.graphrec.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.graphrec.graph.GraphConnection;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.testing.TestGraphs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transactional import on the embedded store (relationships and vectors through Neo4j's core API) and the
 * driver path a server gets (parameterised Cypher) write the same graph: a fresh import of the example bundle,
 * then an increment that moves an item to another brand, adds a category, brings a newer and an older row for
 * stored interactions, a row without rating or timestamp, and a new pair.
 */
class InProcessImportTest {

    @TempDir
    Path work;

    @Test
    void freshImportAndIncrementAreTheSameGraphBothWays() throws IOException {
        Path increment = increment();
        try (GraphConnection inProcess = TestGraphs.openEmbedded(work.resolve("in-process"));
             GraphConnection driver = TestGraphs.openEmbedded(work.resolve("driver"))) {
            driver.useDriverForWrites(true);
            assertThat(inProcess.inProcessWrites()).isPresent();
            assertThat(driver.inProcessWrites()).isEmpty();
            ImportResult a = importInto(inProcess, BulkImportTest.EXAMPLE);
            ImportResult b = importInto(driver, BulkImportTest.EXAMPLE);
            assertThat(a.counts()).isEqualTo(b.counts());
            assertThat(snapshot(inProcess)).isEqualTo(snapshot(driver));

            ImportResult a2 = importInto(inProcess, increment);
            ImportResult b2 = importInto(driver, increment);
            assertThat(a2.counts()).isEqualTo(b2.counts());
            List<String> graph = snapshot(inProcess);
            assertThat(graph).isEqualTo(snapshot(driver));
            // by hand: i1 moved from Stride to Pace (one brand only); u1–i1 took the newer row; u1–i2 kept its
            // newer stored values against the older row; u2–i4 lost rating and timestamp to a row without them
            assertThat(graph).filteredOn(l -> l.startsWith("rel Item:i1 -MADE_BY-> ")).singleElement().asString()
                    .contains("Brand:Pace");
            assertThat(graph).filteredOn(l -> l.startsWith("rel User:u1 -INTERACTED-> Item:i1 ")).singleElement()
                    .asString().contains("rating=Double=1.0").contains("ts=Long=1700009000");
            assertThat(graph).filteredOn(l -> l.startsWith("rel User:u1 -INTERACTED-> Item:i2 ")).singleElement()
                    .asString().contains("rating=Double=4.0").contains("ts=Long=1700000100");
            assertThat(graph).filteredOn(l -> l.startsWith("rel User:u2 -INTERACTED-> Item:i4 ")).singleElement()
                    .asString().doesNotContain("rating").doesNotContain("ts=");
            assertThat(graph).filteredOn(l -> l.startsWith("rel Item:i2 -IN_CATEGORY-> ")).hasSize(3);
        }
    }

    private ImportResult importInto(GraphConnection graph, Path path) {
        return new CatalogImporter().importPath(graph, ImportRequest.of(path).withBulk(BulkMode.OFF)
                .withRejects(0, work.resolve("rejects.tsv")), ProgressTracker.none());
    }

    private static List<String> snapshot(GraphConnection graph) {
        return TypedGraph.of(graph, BulkImportTest.PER_RUN);
    }

    private Path increment() throws IOException {
        Path dir = Files.createDirectories(work.resolve("increment"));
        Files.writeString(dir.resolve("bundle.properties"), """
                name = example-increment
                csv.separator = ,
                users.file = users.csv
                users.id = user_id
                items.file = items.csv
                items.id = item_id
                items.title = title
                items.brand = brand
                items.categories = categories
                items.categories.separator = |
                interactions.file = interactions.csv
                interactions.user = user_id
                interactions.item = item_id
                interactions.rating = rating
                interactions.timestamp = timestamp
                """);
        Files.writeString(dir.resolve("users.csv"), "user_id\nu1\nu2\nu6\n");
        Files.writeString(dir.resolve("items.csv"), """
                item_id,title,brand,categories
                i1,Trail Runner,Pace,Shoes
                i2,Road Runner,Stride,Shoes|Sale
                i4,Wool Socks,,Socks
                i5,Cap,Pace,Hats
                """);
        Files.writeString(dir.resolve("interactions.csv"), """
                user_id,item_id,rating,timestamp
                u1,i1,1,1700009000
                u1,i2,1,1600000000
                u2,i4,,
                u6,i5,2,1700009100
                u1,i5,5,1700009200
                """);
        return dir;
    }
}
