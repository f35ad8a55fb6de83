package org.graphrec.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graphrec.config.UserException;
import org.graphrec.graph.GraphConnection;
import org.graphrec.progress.ProgressTracker;
import org.neo4j.driver.exceptions.Neo4jException;

/**
 * Imports a catalogue into the graph: detects the format, reads and validates the whole input first (rejects
 * beyond {@code --max-rejects} fail the import before anything is written), assigns splits, then writes with
 * {@link CatalogueWriter} (transactions) or, into an empty embedded store, with Neo4j's bulk import engine
 * ({@link BulkImport}, see {@link BulkMode}), and records the run as an {@code (:ImportRun)} node.
 *
 * <p>An interrupted run (status {@code running} or {@code failed}) of the same input (same checksums and
 * options) is resumed by the next import: it keeps its ImportRun id and ends {@code done}.
 */
public final class CatalogImporter {

    private final CatalogueWriter.Options writerOptions;
    private final java.util.function.Supplier<TextEmbedder> embedderFactory;

    public CatalogImporter() {
        this(CatalogueWriter.Options.defaults(), MiniLmTextEmbedder::load);
    }

    public CatalogImporter(CatalogueWriter.Options writerOptions, java.util.function.Supplier<TextEmbedder> embedder) {
        this.writerOptions = writerOptions;
        this.embedderFactory = embedder;
    }

    /** Reads {@code request.path()} with the format's reader; the catalogue is validated, rejects collected. */
    public static Catalogue read(ImportRequest request, Rejects rejects, ProgressTracker progress) {
        ImportFormat format = request.format() != null ? request.format() : ImportFormat.detect(request.path());
        return switch (format) {
            case MMREC -> MmrecReader.read(request.path(), rejects, progress);
            case AMAZON -> AmazonJsonReader.read(request.path(), rejects, progress);
            case BUNDLE -> BundleReader.read(request.path(), rejects, progress);
        };
    }

    /** Runs the import described by {@code request}. */
    public ImportResult importPath(GraphConnection graph, ImportRequest request, ProgressTracker progress) {
        long start = System.nanoTime();
        Instant startedAt = Instant.now();
        boolean bulk = BulkImport.chooseBulk(graph, request.bulk());
        Rejects rejects = new Rejects();
        Catalogue catalogue = read(request, rejects, progress);
        if (rejects.count() > 0) {
            rejects.write(request.rejectsFile());
        }
        if (rejects.count() > request.maxRejects()) {
            Rejects.Reject first = rejects.list().get(0);
            throw new UserException(String.format("%s: %d row%s rejected, more than --max-rejects %d; nothing was "
                            + "written. First: %s. All rejects: %s", catalogue.name(), rejects.count(),
                    rejects.count() == 1 ? "" : "s", request.maxRejects(), first.describe(),
                    request.rejectsFile().toAbsolutePath()));
        }
        SplitAssigner.Outcome split = SplitAssigner.apply(catalogue, request.split(), request.seed());
        Map<String, Integer> extra = new HashMap<>();
        TextEmbedder embedder = null;
        if (request.embedText() && catalogue.items().stream().anyMatch(ItemRecord::hasText)) {
            embedder = embedderFactory.get();
            extra.put("text", embedder.dimension());
        }
        ModalityDimensions.check(graph, catalogue, extra);
        List<String> checksums = checksums(catalogue, progress);
        double readSeconds = (System.nanoTime() - start) / 1e9;

        String inputKey = sha256Text(String.join("\n", checksums) + "\n" + split.policy() + "\n"
                + request.embedText());
        String runId = bulk ? null : findInterrupted(graph, inputKey);
        boolean resumed = runId != null;
        if (runId == null) {
            runId = catalogue.name() + "-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
                    .format(ZonedDateTime.ofInstant(startedAt, ZoneOffset.UTC));
        }
        Map<String, Object> run = runProperties(runId, catalogue, request, checksums, inputKey, startedAt);
        long writeStart = System.nanoTime();
        CatalogueWriter writer = new CatalogueWriter(graph, writerOptions, progress);
        List<LabelCount> counts;
        if (bulk) {
            counts = new ArrayList<>(BulkImport.write(graph, catalogue, run, progress));
            if (embedder != null) {
                TextEmbedder text = embedder; // after a bulk import: --embed-text vectors go through transactions
                writeOrMarkFailed(graph, writer, catalogue, runId, () -> writer.writeTextEmbeddings(catalogue, text));
                counts.addAll(writer.counts());
            }
        } else {
            startRun(graph, run, resumed);
            TextEmbedder text = embedder;
            writeOrMarkFailed(graph, writer, catalogue, runId, () -> writer.write(catalogue, text));
            counts = writer.counts();
        }
        double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
        long interactions = catalogue.interactions().size();
        ImportResult result = new ImportResult(runId, catalogue.name(), catalogue.format(), split, counts,
                catalogue.rowsRead(), catalogue.duplicatesDropped(), rejects.count(),
                rejects.count() > 0 ? request.rejectsFile().toAbsolutePath().toString() : null, readSeconds,
                writeSeconds, interactions / Math.max(1e-9, writeSeconds), resumed, bulk);
        finishRun(graph, runId, result, progress);
        return result;
    }

    /**
     * Runs one transactional write; a failure marks the run failed and becomes a one-line error that says how to
     * complete it (writes are idempotent).
     */
    private static void writeOrMarkFailed(GraphConnection graph, CatalogueWriter writer, Catalogue catalogue,
                                          String runId, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            throw failed(graph, runId, catalogue, writer, e);
        }
    }

    private static RuntimeException failed(GraphConnection graph, String runId, Catalogue catalogue,
                                           CatalogueWriter writer, RuntimeException e) {
        markFailed(graph, runId, e);
        if (e instanceof UserException || e instanceof CatalogueWriter.InjectedFailure) {
            return e;
        }
        String reason = e instanceof Neo4jException n ? n.getMessage() : e.toString();
        return new UserException("import of " + catalogue.name() + " stopped after " + writer.batches()
                + " batches: " + reason + " — run the same import again to complete it (writes are idempotent)",
                UserException.DATABASE_ERROR, e);
    }

    private static String findInterrupted(GraphConnection graph, String inputKey) {
        return graph.read(tx -> {
            var records = tx.run("""
                    MATCH (r:ImportRun {inputKey: $key}) WHERE r.status IN ['running', 'failed']
                    RETURN r.id AS id ORDER BY r.startedAt DESC LIMIT 1
                    """, Map.of("key", inputKey)).list();
            return records.isEmpty() ? null : records.get(0).get("id").asString();
        });
    }

    /** The ImportRun node's properties when the run starts (both write paths store exactly these). */
    private static Map<String, Object> runProperties(String runId, Catalogue catalogue, ImportRequest request,
                                                     List<String> checksums, String inputKey, Instant startedAt) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("id", runId);
        params.put("source", catalogue.name());
        params.put("format", catalogue.format());
        params.put("path", request.path().toAbsolutePath().normalize().toString());
        params.put("checksums", checksums.toArray(new String[0]));
        params.put("inputKey", inputKey);
        params.put("startedAt", startedAt.toString());
        params.put("status", "running");
        params.put("attempts", 1L);
        return params;
    }

    private static void startRun(GraphConnection graph, Map<String, Object> run, boolean resumed) {
        Map<String, Object> params = new HashMap<>(run);
        params.put("checksums", List.of((String[]) run.get("checksums")));
        params.put("resumed", resumed);
        graph.write(tx -> tx.run("""
                MERGE (r:ImportRun {id: $id})
                ON CREATE SET r.startedAt = $startedAt, r.attempts = 0
                SET r.source = $source, r.format = $format, r.path = $path, r.checksums = $checksums,
                    r.inputKey = $inputKey, r.status = $status, r.attempts = r.attempts + 1,
                    r.resumedAt = CASE WHEN $resumed THEN $startedAt ELSE null END
                """, params).consume());
    }

    private static void markFailed(GraphConnection graph, String runId, RuntimeException cause) {
        try {
            graph.write(tx -> tx.run("MATCH (r:ImportRun {id: $id}) SET r.status = 'failed', r.error = $error",
                    Map.of("id", runId, "error", String.valueOf(cause.getMessage()))).consume());
        } catch (RuntimeException ignored) {
            // the database is gone: the run stays 'running' and the next import resumes it all the same
        }
    }

    private static void finishRun(GraphConnection graph, String runId, ImportResult result,
                                  ProgressTracker progress) {
        Map<String, Object> counts = new LinkedHashMap<>();
        for (LabelCount c : result.counts()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("rows", c.rows());
            one.put("created", c.created());
            one.put("matched", c.matched());
            counts.put(c.name(), one);
        }
        String json = org.graphrec.config.Json.line(counts);
        Map<String, Object> params = new HashMap<>();
        params.put("id", runId);
        params.put("counts", json);
        params.put("rejects", result.rejects());
        params.put("split", result.split().policy());
        params.put("finishedAt", Instant.now().toString());
        params.put("seconds", result.seconds());
        graph.write(tx -> tx.run("""
                MATCH (r:ImportRun {id: $id})
                SET r.counts = $counts, r.rejects = $rejects, r.split = $split, r.finishedAt = $finishedAt,
                    r.seconds = $seconds, r.status = 'done'
                REMOVE r.error
                """, params).consume());
        // the planner's index samples still describe the graph before the import: refresh them so that the next
        // queries (the propagation loader, analysts' Cypher) are planned for the graph as it is now
        progress.begin("refresh the planner's statistics (resample indexes)", -1);
        try {
            org.graphrec.graph.SchemaBootstrap.refreshStatistics(graph);
        } finally {
            progress.end();
        }
    }

    /** {@code file:sha256} for every input file. */
    static List<String> checksums(Catalogue catalogue, ProgressTracker progress) {
        List<String> out = new ArrayList<>();
        for (Path file : catalogue.files()) {
            out.add(file.getFileName() + ":" + sha256(file));
        }
        return out;
    }

    /** SHA-256 of a file's bytes, hex; an unreadable file is a one-line user error. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UserException(file + ": cannot read: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of a text (UTF-8), hex. */
    public static String sha256Text(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
