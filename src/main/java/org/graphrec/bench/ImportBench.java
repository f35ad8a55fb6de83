package org.graphrec.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graphrec.config.ConnectionSettings;
import org.graphrec.graph.GraphConnection;
import org.graphrec.graph.SchemaBootstrap;
import org.graphrec.importer.CatalogImporter;
import org.graphrec.importer.ImportRequest;
import org.graphrec.importer.ImportResult;
import org.graphrec.importer.LabelCount;
import org.graphrec.progress.ProgressTracker;

/**
 * {@code bench import}: graphrec's importer (batched {@code UNWIND}) into one fresh embedded store against Neo4j's
 * own {@code LOAD CSV … CALL { } IN TRANSACTIONS} of the same CSV files into a second fresh store, in the same
 * process. Each store is emptied (DETACH DELETE, schema kept) before every run.
 */
public final class ImportBench {

    /**
     * Parameters.
     *
     * @param dataset     what to import
     * @param work        directory for the two stores (deleted afterwards by the caller)
     * @param warmup      unmeasured runs per method
     * @param repeats     measured runs per method
     * @param batchRows   rows per transaction of LOAD CSV
     */
    public record Parameters(BenchDataset dataset, Path work, int warmup, int repeats, int batchRows) {
        public Parameters {
            if (warmup < 0 || repeats < 1 || batchRows < 1) {
                throw new org.graphrec.config.UserException("--warmup must be >= 0, --repeats >= 1, batch >= 1");
            }
        }
    }

    /** The LOAD CSV statements, one per file, each parameterised by the file URL and the batch size. */
    static final String LOAD_USERS = """
            LOAD CSV WITH HEADERS FROM $url AS row
            CALL (row) { MERGE (:User {id: row.user_id}) } IN TRANSACTIONS OF $batch ROWS""";
    static final String LOAD_ITEMS = """
            LOAD CSV WITH HEADERS FROM $url AS row
            CALL (row) {
              MERGE (i:Item {id: row.item_id})
              SET i.title = row.title, i.description = row.description
              FOREACH (b IN CASE WHEN row.brand IS NULL OR row.brand = '' THEN [] ELSE [row.brand] END |
                MERGE (br:Brand {name: b}) MERGE (i)-[:MADE_BY]->(br))
              FOREACH (c IN CASE WHEN row.categories IS NULL THEN [] ELSE split(row.categories, '|') END |
                MERGE (cat:Category {name: c}) MERGE (i)-[:IN_CATEGORY]->(cat))
            } IN TRANSACTIONS OF $batch ROWS""";
    static final String LOAD_INTERACTIONS = """
            LOAD CSV WITH HEADERS FROM $url AS row
            CALL (row) {
              MERGE (u:User {id: row.user_id})
              WITH u, row MATCH (i:Item {id: row.item_id})
              MERGE (u)-[r:INTERACTED]->(i)
              SET r.rating = toFloat(row.rating), r.ts = toInteger(row.timestamp), r.split = 'train'
            } IN TRANSACTIONS OF $batch ROWS""";

    private final ProgressTracker progress;

    public ImportBench(ProgressTracker progress) {
        this.progress = progress;
    }

    /** Runs both methods and returns the result (not yet written). */
    public BenchResult run(Parameters p) {
        Machine machine = Machine.current();
        List<String> notes = new ArrayList<>();
        List<Measurement> measurements = new ArrayList<>();
        Map<String, Double> ratios = new LinkedHashMap<>();
        Path ours = BenchDataset.tempDir(p.work(), "store-graphrec-");
        Repeater.Runs graphrec;
        try (GraphConnection graph = open(ours)) {
            graphrec = Repeater.repeat("bench import: graphrec importer", p.warmup(), p.repeats(), progress, i -> {
                clear(graph);
                ImportResult r = new CatalogImporter().importPath(graph, ImportRequest.of(p.dataset().path())
                        .withRejects(0, ours.resolve("rejects.tsv")), ProgressTracker.none());
                long nodes = created(r, "User") + created(r, "Item") + created(r, "Brand") + created(r, "Category");
                long interactions = r.count("INTERACTED") == null ? 0 : r.count("INTERACTED").rows();
                return Map.of("seconds", r.seconds(), "readSeconds", r.readSeconds(), "writeSeconds",
                        r.writeSeconds(), "nodes", (double) nodes, "interactions", (double) interactions,
                        "interactionsPerSecond", interactions / r.seconds(), "nodesPerSecond", nodes / r.seconds());
            });
        }
        measurements.add(graphrec.measure("seconds", "graphrec import wall time", "s"));
        measurements.add(graphrec.measure("readSeconds", "graphrec import read+validate time", "s"));
        measurements.add(graphrec.measure("writeSeconds", "graphrec import write time", "s"));
        measurements.add(graphrec.measure("interactionsPerSecond", "graphrec import interactions/s", "interactions/s"));
        measurements.add(graphrec.measure("nodesPerSecond", "graphrec import nodes/s", "nodes/s"));
        measurements.add(graphrec.measure("interactions", "interactions imported", "interactions"));
        measurements.add(graphrec.measure("nodes", "nodes created (User, Item, Brand, Category)", "nodes"));
        measurements.add(Measurement.single("graphrec import peak heap", "bytes", graphrec.peakHeapBytes()));
        notes.add("graphrec's import also reads, validates and writes every modality vector (text, image) and the "
                + "split; LOAD CSV cannot read .npy vectors, so it imports users, items, brands, categories and "
                + "interactions only: the ratio favours LOAD CSV.");
        if (p.dataset().isCsvBundle()) {
            Path theirs = BenchDataset.tempDir(p.work(), "store-loadcsv-");
            Repeater.Runs loadCsv;
            try (GraphConnection graph = open(theirs)) {
                // graphrec's embedded DBMS leaves server.directories.import unset, so file URLs are absolute
                Path importDir = p.dataset().path().toAbsolutePath().normalize();
                String base = importDir.toUri().toString().replaceAll("/?$", "/");
                loadCsv = Repeater.repeat("bench import: LOAD CSV", p.warmup(), p.repeats(), progress, i -> {
                    clear(graph);
                    long start = System.nanoTime();
                    if (Files.exists(importDir.resolve("users.csv"))) {
                        run(graph, LOAD_USERS, base + "users.csv", p.batchRows());
                    }
                    run(graph, LOAD_ITEMS, base + "items.csv", p.batchRows());
                    run(graph, LOAD_INTERACTIONS, base + "interactions.csv", p.batchRows());
                    double seconds = Repeater.secondsSince(start);
                    long nodes = graph.read(tx -> tx.run("MATCH (n) WHERE n:User OR n:Item OR n:Brand OR n:Category "
                            + "RETURN count(n) AS c").single().get("c").asLong());
                    long interactions = graph.read(tx -> tx.run("MATCH ()-[r:INTERACTED]->() RETURN count(r) AS c")
                            .single().get("c").asLong());
                    return Map.of("seconds", seconds, "nodes", (double) nodes, "interactions", (double) interactions,
                            "interactionsPerSecond", interactions / seconds, "nodesPerSecond", nodes / seconds);
                });
            }
            measurements.add(loadCsv.measure("seconds", "LOAD CSV wall time", "s"));
            measurements.add(loadCsv.measure("interactionsPerSecond", "LOAD CSV interactions/s", "interactions/s"));
            measurements.add(loadCsv.measure("nodesPerSecond", "LOAD CSV nodes/s", "nodes/s"));
            measurements.add(loadCsv.measure("interactions", "LOAD CSV interactions imported", "interactions"));
            measurements.add(Measurement.single("LOAD CSV peak heap", "bytes", loadCsv.peakHeapBytes()));
            ratios.put("interactions/s graphrec ÷ LOAD CSV (median)",
                    graphrec.measure("interactionsPerSecond", "", "").median()
                            / loadCsv.measure("interactionsPerSecond", "", "").median());
            ratios.put("wall time LOAD CSV ÷ graphrec (median)", loadCsv.measure("seconds", "", "").median()
                    / graphrec.measure("seconds", "", "").median());
        } else {
            notes.add(p.dataset().path() + " is not a CSV bundle (users.csv, items.csv, interactions.csv): the "
                    + "LOAD CSV comparison was skipped.");
        }
        notes.add("each store is emptied (DETACH DELETE, schema and indexes kept) before every run; both stores "
                + "run in this JVM with a " + ConnectionSettings.DEFAULT_PAGE_CACHE_MIB + " MiB page cache.");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("warmup", p.warmup());
        parameters.put("repeats", p.repeats());
        parameters.put("loadCsvBatchRows", p.batchRows());
        parameters.put("datasetPath", p.dataset().path().toString());
        return new BenchResult("import", p.dataset().name(), machine, parameters, measurements, ratios, List.of(),
                notes);
    }

    static GraphConnection open(Path store) {
        GraphConnection graph = GraphConnection.open(new ConnectionSettings(store, null, null, null, null, 0,
                ConnectionSettings.DEFAULT_PAGE_CACHE_MIB));
        SchemaBootstrap.apply(graph);
        return graph;
    }

    /** Deletes every node and relationship (schema stays). */
    static void clear(GraphConnection graph) {
        try (var session = graph.session()) {
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume();
        }
    }

    private static void run(GraphConnection graph, String query, String url, int batch) {
        try (var session = graph.session()) {
            session.run(query, Map.of("url", url, "batch", (long) batch)).consume();
        } catch (org.neo4j.driver.exceptions.ClientException e) {
            throw new IllegalStateException("LOAD CSV of " + url + " failed: " + e.getMessage(), e);
        }
    }

    private static long created(ImportResult r, String label) {
        LabelCount c = r.count(label);
        return c == null ? 0 : c.created();
    }
}
