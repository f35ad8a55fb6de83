package org.graphrec.importer.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.graphrec.importer.CatalogImporter;
import org.graphrec.importer.ImportRequest;
import org.graphrec.importer.ImportResult;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.testing.SharedEmbeddedGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Value;

/** {@code generate} then {@code import} into a real embedded Neo4j: the graph holds exactly what was generated. */
class GeneratedCatalogueImportTest extends SharedEmbeddedGraph {

    private static final int USERS = 300;
    private static final int ITEMS = 150;
    private static final int BRANDS = 12;
    private static final long INTERACTIONS = 2_400;


    @TempDir
    Path work;

    private SyntheticParameters.Builder parameters() {
        return SyntheticParameters.builder().users(USERS).items(ITEMS).brands(BRANDS).seed(11)
                .interactions(INTERACTIONS).textDim(16).imageDim(8);
    }

    private ImportResult importPath(Path path) {
        return new CatalogImporter().importPath(graph, ImportRequest.of(path).withRejects(0,
                work.resolve("rejects.tsv")), ProgressTracker.none());
    }

    private long count(String query) {
        return graph.read(tx -> tx.run(query).single().get(0).asLong());
    }

    @Test
    void baseAndDailyIncrementsImportToTheWholeCatalogue() throws IOException {
        SyntheticResult generated = new SyntheticGenerator(parameters().days(2).build())
                .generate(work.resolve("bundle"), false, ProgressTracker.none());
        for (SyntheticResult.Part part : generated.bundles()) {
            ImportResult imported = importPath(part.directory());
            assertThat(imported.rejects()).isZero();
        }
        assertThat(count("MATCH (u:User) RETURN count(u)")).isEqualTo(USERS);
        assertThat(count("MATCH (i:Item) RETURN count(i)")).isEqualTo(ITEMS);
        assertThat(count("MATCH ()-[r:INTERACTED]->() RETURN count(r)")).isEqualTo(INTERACTIONS);
        assertThat(count("MATCH (b:Brand) RETURN count(b)")).isEqualTo(BRANDS);
        assertThat(count("MATCH (i:Item) WHERE i.textEmbedding IS NOT NULL AND i.imageEmbedding IS NOT NULL "
                + "AND i.title IS NOT NULL RETURN count(i)")).isEqualTo(ITEMS);
        assertThat(count("MATCH (i:Item) WHERE NOT (i)-[:MADE_BY]->() RETURN count(i)"))
                .isEqualTo(generated.unbrandedItems());
        assertThat(count("MATCH (i:Item) WHERE NOT ()-[:INTERACTED]->(i) RETURN count(i)"))
                .isEqualTo(generated.coldItems());
        // one generated row, checked field by field
        List<String> first = BundleFiles.csv(work.resolve("bundle/interactions.csv")).get(0);
        Value rel = graph.read(tx -> tx.run("MATCH (:User {id: $u})-[r:INTERACTED]->(:Item {id: $i}) RETURN r",
                Map.of("u", first.get(0), "i", first.get(1))).single().get(0));
        assertThat(rel.get("rating").asDouble()).isEqualTo(Double.parseDouble(first.get(2)));
        assertThat(rel.get("ts").asLong()).isEqualTo(Long.parseLong(first.get(3)));
        BundleFiles.Npy text = BundleFiles.npy(work.resolve("bundle/text.npy"));
        String firstItem = BundleFiles.csv(work.resolve("bundle/items.csv")).get(0).get(0);
        List<Float> stored = graph.read(tx -> tx.run("MATCH (i:Item {id: $id}) RETURN i.textEmbedding",
                Map.of("id", firstItem)).single().get(0).asList(Value::asFloat));
        float[] expected = text.row(0);
        assertThat(stored).hasSize(expected.length);
        for (int k = 0; k < expected.length; k++) {
            assertThat(stored.get(k)).isEqualTo(expected[k]);
        }
    }

    @Test
    void mmrecLayoutImportsWithItsSplit() {
        SyntheticResult generated = new SyntheticGenerator(parameters().layout(SyntheticParameters.Layout.MMREC)
                .build()).generate(work.resolve("mmrec"), false, ProgressTracker.none());
        ImportResult imported = importPath(generated.directory());
        assertThat(imported.rejects()).isZero();
        assertThat(count("MATCH (u:User) RETURN count(u)")).isEqualTo(USERS);
        assertThat(count("MATCH (i:Item) RETURN count(i)")).isEqualTo(ITEMS);
        assertThat(count("MATCH ()-[r:INTERACTED]->() RETURN count(r)")).isEqualTo(INTERACTIONS);
        assertThat(count("MATCH ()-[r:INTERACTED {split: 'train'}]->() RETURN count(r)"))
                .isBetween(INTERACTIONS * 7 / 10, INTERACTIONS * 85 / 100);
        assertThat(count("MATCH (u:User {id: 'u1'}) RETURN count(u)")).as("external ids from the mapping")
                .isEqualTo(1);
    }
}
