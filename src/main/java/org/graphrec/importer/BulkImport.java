package org.graphrec.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.graphrec.config.UserException;
import org.graphrec.graph.EmbeddedNeo4j;
import org.graphrec.graph.GraphConnection;
import org.graphrec.graph.SchemaBootstrap;
import org.graphrec.progress.ProgressTracker;

/**
 * A fresh embedded store loaded by Neo4j's bulk import engine: decides whether an import may go this way
 * ({@link #chooseBulk}), takes the store offline, writes it with {@link BulkStoreWriter}, starts it again and
 * applies the schema ({@code cypher/schema}: constraints and indexes are built over the imported data).
 */
public final class BulkImport {

    private BulkImport() {
    }

    /**
     * Whether an import with {@code mode} writes through the bulk engine: {@link BulkMode#AUTO} when the graph is
     * the embedded store and it holds no catalogue yet (no node but the bookkeeping every start keeps: the
     * published-version pointer and job locks, which the fresh store does not need); {@link BulkMode#ON} demands it and fails with a one-line error
     * otherwise (nothing is read or written then).
     */
    public static boolean chooseBulk(GraphConnection graph, BulkMode mode) {
        if (mode == BulkMode.OFF) {
            return false;
        }
        if (!graph.isEmbedded()) {
            if (mode == BulkMode.ON) {
                throw new UserException("--bulk on writes an embedded store while it is offline, but the graph is "
                        + "the server at " + graph.uri() + ": use --bulk auto or off (transactions)");
            }
            return false;
        }
        long nodes = graph.read(tx -> tx.run("MATCH (n) WHERE NOT (n:PublishedVersion OR n:JobLock) "
                + "RETURN count(n) AS n").single().get("n").asLong());
        if (nodes > 0 && mode == BulkMode.ON) {
            throw new UserException("--bulk on writes fresh stores only, but " + graph.embedded().orElseThrow().home()
                    + " already holds " + nodes + " nodes: use --bulk auto or off to add this import through "
                    + "transactions, or import into an empty --db");
        }
        return nodes == 0;
    }

    /**
     * Writes the validated {@code catalogue} and its ImportRun node (properties {@code run}) into the empty
     * embedded store behind {@code graph}, then applies the schema. On failure the store is left as it was
     * (empty) and the error says so.
     *
     * @return what was written, per label, relationship type and vector property
     */
    public static List<LabelCount> write(GraphConnection graph, Catalogue catalogue, Map<String, Object> run,
                                         ProgressTracker progress) {
        EmbeddedNeo4j store = graph.embedded().orElseThrow(() -> new IllegalStateException("not embedded"));
        Path home = store.home();
        CatalogueInput input = new CatalogueInput(catalogue, run);
        progress.log(String.format(java.util.Locale.ROOT, "bulk import into %s: %,d nodes, %,d relationships "
                + "(the store is offline meanwhile)", home, input.nodeCount(), input.relationshipCount()));
        try {
            graph.whileStoreOffline(dir -> {
                try {
                    BulkStoreWriter.write(dir, input, BulkStoreWriter.progressMonitor(progress, input),
                            store.pageCacheMiB());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (RuntimeException e) {
            progress.end();
            if (e instanceof UserException u) {
                throw u; // the store did not start again: its own message says why
            }
            Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
            throw new UserException("bulk import of " + catalogue.name() + " failed: " + reason(cause) + " — the "
                    + "store " + home + " is unchanged (the partly written copy was deleted); run the import "
                    + "again, or with --bulk off to write through transactions", UserException.DATABASE_ERROR, e);
        }
        progress.begin("apply the schema (constraints and indexes built over the imported graph)", -1);
        try {
            SchemaBootstrap.apply(graph);
        } finally {
            progress.end();
        }
        return input.counts();
    }

    private static String reason(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
