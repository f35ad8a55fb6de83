package org.graphrec.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.graphrec.config.ConnectionSettings;
import org.graphrec.graph.GraphConnection;
import org.graphrec.graph.SchemaBootstrap;
import org.graphrec.importer.BulkMode;
import org.graphrec.importer.CatalogImporter;
import org.graphrec.importer.Catalogue;
import org.graphrec.importer.ImportRequest;
import org.graphrec.importer.ImportResult;
import org.graphrec.importer.LabelCount;
import org.graphrec.importer.Rejects;
import org.graphrec.importer.SplitAssigner;
import org.graphrec.importer.SplitPolicy;
import org.graphrec.progress.ProgressTracker;

/**
 * {@code bench import}: the same rows imported four ways, each into a fresh store of its own, in the same process:
 * graphrec's bulk import (Neo4j's import engine, {@code --bulk on}), graphrec's transactional import
 * ({@code --bulk off}, batched {@code UNWIND}), Neo4j's own {@code neo4j-admin database import full} of the same
 * validated rows staged as its CSV files, and Neo4j's {@code LOAD CSV … CALL { } IN TRANSACTIONS} of the bundle's
 * CSV files. When the dataset directory holds a day's increment ({@code day-01}, from {@code generate --days}),
 * each graphrec run also imports it (transactions) after the full import, timed on its own. Stores are emptied
 * (DETACH DELETE, schema kept) before every run.
 */
public final class ImportBench {

    /** The ways of importing that a run compares. */
    public enum Method {
        BULK, TRANSACTIONAL, ADMIN, LOADCSV;

        /** Parses a comma-separated list of {@code bulk, transactional, admin, loadcsv}. */
        public static Set<Method> parseList(String text) {
            Set<Method> out = EnumSet.noneOf(Method.class);
            for (String part : text.split(",")) {
                try {
                    out.add(valueOf(part.strip().toUpperCase(java.util.Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new org.graphrec.config.UserException("--methods: expected bulk, transactional, admin or "
                            + "loadcsv, found '" + part.strip() + "'");
                }
            }
            return out;
        }
    }

    /** Directory name of the day's increment a synthetic catalogue generated with {@code --days} holds. */
    static final String INCREMENT = "day-01";

    /**
     * Parameters.
     *
     * @param dataset     what to import
     * @param work        directory for the stores (deleted afterwards by the caller)
     * @param warmup      unmeasured runs per method
     * @param repeats     measured runs per method
     * @param batchRows   rows per transaction of LOAD CSV
     * @param methods     which methods to run
     */
    public record Parameters(BenchDataset dataset, Path work, int warmup, int repeats, int batchRows,
                             Set<Method> methods) {
        public Parameters {
            if (warmup < 0 || repeats < 1 || batchRows < 1) {
                throw new org.graphrec.config.UserException("--warmup must be >= 0, --repeats >= 1, batch >= 1");
            }
            methods = methods == null || methods.isEmpty() ? EnumSet.allOf(Method.class) : EnumSet.copyOf(methods);
        }

        /** Every method. */
        public Parameters(BenchDataset dataset, Path work, int warmup, int repeats, int batchRows) {
            this(dataset, work, warmup, repeats, batchRows, EnumSet.allOf(Method.class));
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

    /** What each import run reports: key, label (after the method's name), unit. */
    private static final String[][] RUN_MEASUREMENTS = {
        {"seconds", " wall time", "s"},
        {"readSeconds", " read+validate time", "s"},
        {"writeSeconds", " write time", "s"},
        {"interactionsPerSecond", " interactions/s", "interactions/s"},
        {"interactions", ": interactions imported", "interactions"},
        {"nodes", ": nodes created (User, Item, Brand, Category)", "nodes"},
    };

    private final ProgressTracker progress;

    public ImportBench(ProgressTracker progress) {
        this.progress = progress;
    }

    /** Runs the chosen methods and returns the result (not yet written). */
    public BenchResult run(Parameters p) {
        Machine machine = Machine.current();
        List<String> notes = new ArrayList<>();
        List<Measurement> measurements = new ArrayList<>();
        Map<String, Double> ratios = new LinkedHashMap<>();
        Path increment = p.dataset().path().resolve(INCREMENT);
        boolean withIncrement = Files.isDirectory(increment);
        Map<Method, Double> wall = new java.util.EnumMap<>(Method.class);
        for (Method method : List.of(Method.BULK, Method.TRANSACTIONAL)) {
            if (!p.methods().contains(method)) {
                continue;
            }
            String name = method == Method.BULK ? "graphrec bulk import" : "graphrec transactional import";
            Repeater.Runs runs = graphrecRuns(p, name, method == Method.BULK ? BulkMode.ON : BulkMode.OFF,
                    withIncrement ? increment : null);
            for (String[] m : RUN_MEASUREMENTS) {
                measurements.add(runs.measure(m[0], name + m[1], m[2]));
            }
            measurements.add(Measurement.single(name + " peak heap", "bytes", runs.peakHeapBytes()));
            if (withIncrement) {
                measurements.add(runs.measure("incrementSeconds", name + ", then one day's increment (transactions) "
                        + "wall time", "s"));
                measurements.add(runs.measure("incrementInteractions", "increment interactions", "interactions"));
            }
            wall.put(method, runs.measure("seconds", "", "").median());
        }
        if (p.methods().contains(Method.ADMIN)) {
            Catalogue catalogue = CatalogImporter.read(ImportRequest.of(p.dataset().path()), new Rejects(),
                    ProgressTracker.none());
            SplitAssigner.apply(catalogue, SplitPolicy.KEEP, ImportRequest.DEFAULT_SEED);
            long staging = System.nanoTime();
            try (AdminImportPeer admin = AdminImportPeer.stage(catalogue, p.work())) {
                measurements.add(Measurement.single("neo4j-admin CSV staging time (not in its wall time)", "s",
                        Repeater.secondsSince(staging)));
                Repeater.Runs runs = Repeater.repeat("bench import: neo4j-admin database import full", p.warmup(),
                        p.repeats(), progress, i -> Map.of("seconds", admin.importOnce(p.work()),
                                "interactions", (double) catalogue.interactions().size()));
                measurements.add(runs.measure("seconds", "neo4j-admin import wall time", "s"));
                measurements.add(Measurement.single("neo4j-admin import peak heap", "bytes", runs.peakHeapBytes()));
                wall.put(Method.ADMIN, runs.measure("seconds", "", "").median());
            }
            notes.add("neo4j-admin database import full runs in this JVM on the rows graphrec validated (same ids, "
                    + "splits, ratings, timestamps, vectors as float[]), staged once as its CSV files; its wall time "
                    + "starts the tool and ends when the store is written, without the schema graphrec then applies.");
        }
        if (p.methods().contains(Method.LOADCSV) && p.dataset().isCsvBundle()) {
            Repeater.Runs loadCsv = loadCsvRuns(p);
            measurements.add(loadCsv.measure("seconds", "LOAD CSV wall time", "s"));
            measurements.add(loadCsv.measure("interactionsPerSecond", "LOAD CSV interactions/s", "interactions/s"));
            measurements.add(loadCsv.measure("nodesPerSecond", "LOAD CSV nodes/s", "nodes/s"));
            measurements.add(loadCsv.measure("interactions", "LOAD CSV interactions imported", "interactions"));
            measurements.add(Measurement.single("LOAD CSV peak heap", "bytes", loadCsv.peakHeapBytes()));
            wall.put(Method.LOADCSV, loadCsv.measure("seconds", "", "").median());
            notes.add("LOAD CSV cannot read .npy vectors: it imports users, items, brands, categories and "
                    + "interactions only, which favours it.");
        } else if (p.methods().contains(Method.LOADCSV)) {
            notes.add(p.dataset().path() + " is not a CSV bundle (users.csv, items.csv, interactions.csv): the "
                    + "LOAD CSV comparison was skipped.");
        }
        ratio(ratios, "wall time graphrec bulk ÷ neo4j-admin import (median)", wall, Method.BULK, Method.ADMIN);
        ratio(ratios, "wall time graphrec transactional ÷ graphrec bulk (median)", wall, Method.TRANSACTIONAL,
                Method.BULK);
        ratio(ratios, "wall time LOAD CSV ÷ graphrec transactional (median)", wall, Method.LOADCSV,
                Method.TRANSACTIONAL);
        notes.add("graphrec's wall time covers reading and validating the input, writing, the schema (constraints "
                + "and indexes) and the planner statistics; every graphrec store runs in this JVM with a "
                + ConnectionSettings.DEFAULT_PAGE_CACHE_MIB + " MiB page cache.");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("warmup", p.warmup());
        parameters.put("repeats", p.repeats());
        parameters.put("loadCsvBatchRows", p.batchRows());
        parameters.put("methods", p.methods().toString());
        parameters.put("datasetPath", p.dataset().path().toString());
        return new BenchResult("import", p.dataset().name(), machine, parameters, measurements, ratios, List.of(),
                notes);
    }

    private static void ratio(Map<String, Double> ratios, String name, Map<Method, Double> wall, Method a, Method b) {
        if (wall.containsKey(a) && wall.containsKey(b)) {
            ratios.put(name, wall.get(a) / wall.get(b));
        }
    }

    /** graphrec's import with {@code mode} into a fresh store per run, then the increment when there is one. */
    private Repeater.Runs graphrecRuns(Parameters p, String name, BulkMode mode, Path increment) {
        Path store = BenchDataset.tempDir(p.work(), "store-" + mode.label() + "-");
        try (GraphConnection graph = open(store)) {
            return Repeater.repeat("bench import: " + name, p.warmup(), p.repeats(), progress, i -> {
                clear(graph);
                long start = System.nanoTime();
                ImportResult r = new CatalogImporter().importPath(graph, ImportRequest.of(p.dataset().path())
                        .withRejects(0, store.resolve("rejects.tsv")).withBulk(mode), ProgressTracker.none());
                double seconds = Repeater.secondsSince(start); // with the planner statistics after the write
                long nodes = created(r, "User") + created(r, "Item") + created(r, "Brand") + created(r, "Category");
                long interactions = r.count("INTERACTED") == null ? 0 : r.count("INTERACTED").rows();
                Map<String, Double> run = new LinkedHashMap<>(Map.of("seconds", seconds, "readSeconds",
                        r.readSeconds(), "writeSeconds", r.writeSeconds(), "nodes", (double) nodes, "interactions",
                        (double) interactions, "interactionsPerSecond", interactions / seconds));
                if (increment != null) {
                    long dayStart = System.nanoTime();
                    ImportResult day = new CatalogImporter().importPath(graph, ImportRequest.of(increment)
                            .withRejects(0, store.resolve("rejects.tsv")), ProgressTracker.none());
                    run.put("incrementSeconds", Repeater.secondsSince(dayStart));
                    run.put("incrementInteractions", (double) day.count("INTERACTED").rows());
                }
                return run;
            });
        }
    }

    private Repeater.Runs loadCsvRuns(Parameters p) {
        Path theirs = BenchDataset.tempDir(p.work(), "store-loadcsv-");
        try (GraphConnection graph = open(theirs)) {
            // graphrec's embedded DBMS leaves server.directories.import unset, so file URLs are absolute
            Path importDir = p.dataset().path().toAbsolutePath().normalize();
            String base = importDir.toUri().toString().replaceAll("/?$", "/");
            return Repeater.repeat("bench import: LOAD CSV", p.warmup(), p.repeats(), progress, i -> {
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
