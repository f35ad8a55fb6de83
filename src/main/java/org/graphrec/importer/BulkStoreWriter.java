package org.graphrec.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.graphrec.progress.ProgressTracker;
import org.neo4j.batchimport.api.BatchImporter;
import org.neo4j.batchimport.api.IndexConfig;
import org.neo4j.batchimport.api.Configuration;
import org.neo4j.batchimport.api.Monitor;
import org.neo4j.batchimport.api.input.Collector;
import org.neo4j.batchimport.api.input.Input;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.internal.batchimport.BatchImporterFactory;
import org.neo4j.internal.batchimport.staging.ExecutionMonitor;
import org.neo4j.io.ByteUnit;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.io.layout.DatabaseLayout;
import org.neo4j.io.layout.Neo4jLayout;
import org.neo4j.io.pagecache.context.CursorContextFactory;
import org.neo4j.io.pagecache.tracing.PageCacheTracer;
import org.neo4j.kernel.impl.index.schema.IndexImporterFactoryImpl;
import org.neo4j.kernel.impl.scheduler.JobSchedulerFactory;
import org.neo4j.kernel.impl.transaction.log.EmptyLogTailMetadata;
import org.neo4j.kernel.impl.transaction.log.files.TransactionLogInitializer;
import org.neo4j.logging.internal.NullLogService;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.scheduler.JobScheduler;

/**
 * Writes the default database ({@code neo4j}) of an embedded store, whose DBMS must be shut down, with Neo4j's bulk
 * import engine. The engine writes a complete store into {@code <store>/bulk-import.tmp}; only when it has
 * finished are the store's database and transaction-log directories swapped for the new ones (the old ones are
 * moved aside first and deleted last). A failure part way deletes the temporary directory and leaves the store
 * as it was; a crash part way leaves only {@code bulk-import.tmp}, which the next bulk import deletes.
 */
public final class BulkStoreWriter {

    /** The temporary store the engine writes into, inside the store directory (same file system: moves are renames). */
    public static final String TEMPORARY = "bulk-import.tmp";
    private static final String ASIDE = "bulk-import.old";
    private static final String DATABASE = GraphDatabaseSettings.DEFAULT_DATABASE_NAME;

    private BulkStoreWriter() {
    }

    /**
     * The engine's defaults plus the label and relationship-type lookup indexes, which a store created by a
     * database always has and the engine builds only when asked: without them every {@code MATCH (n:Label)}
     * without a property predicate (the procedures' stamps, explain's paths) scans all nodes.
     */
    private static final Configuration WITH_TOKEN_INDEXES = new Configuration() {
        @Override
        public IndexConfig indexConfig() {
            return IndexConfig.create().withLabelIndex().withRelationshipTypeIndex();
        }
    };

    /**
     * Imports {@code input} into the store at {@code storeHome}, replacing its (empty) default database.
     *
     * @param pageCacheMiB page cache the engine may use
     * @throws IOException when the engine or the file moves fail; the store is then unchanged
     */
    public static void write(Path storeHome, Input input, ExecutionMonitor monitor, int pageCacheMiB)
            throws IOException {
        Path temporary = storeHome.resolve(TEMPORARY);
        deleteRecursively(temporary);
        try {
            Config config = Config.newBuilder()
                    .set(GraphDatabaseSettings.neo4j_home, temporary)
                    .set(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMiB))
                    .build();
            DatabaseLayout layout = Neo4jLayout.of(config).databaseLayout(DATABASE);
            try (JobScheduler scheduler = JobSchedulerFactory.createInitialisedScheduler();
                 DefaultFileSystemAbstraction fs = new DefaultFileSystemAbstraction()) {
                BatchImporter importer = BatchImporterFactory.withHighestPriority().instantiate(layout, fs,
                        PageCacheTracer.NULL, WITH_TOKEN_INDEXES, NullLogService.getInstance(),
                        monitor, org.neo4j.internal.batchimport.DefaultAdditionalIds.EMPTY, new EmptyLogTailMetadata(config), config,
                        Monitor.NO_MONITOR, scheduler, Collector.STRICT,
                        TransactionLogInitializer.getLogFilesInitializer(), new IndexImporterFactoryImpl(),
                        EmptyMemoryTracker.INSTANCE, CursorContextFactory.NULL_CONTEXT_FACTORY);
                importer.doImport(input);
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e.getMessage(), e);
            }
            moveIntoPlace(layout, Neo4jLayout.of(storeHome).databaseLayout(DATABASE), storeHome.resolve(ASIDE));
        } finally {
            deleteRecursively(temporary);
        }
    }

    /** A monitor that turns the engine's stages into progress tasks for {@code input}. */
    public static ExecutionMonitor progressMonitor(ProgressTracker progress, CatalogueInput input) {
        return new StageProgress(progress, input);
    }

    private static void moveIntoPlace(DatabaseLayout built, DatabaseLayout target, Path aside) throws IOException {
        deleteRecursively(aside);
        Files.createDirectories(aside);
        Path[][] moves = {
            {built.databaseDirectory(), target.databaseDirectory(), aside.resolve("database")},
            {built.getTransactionLogsDirectory(), target.getTransactionLogsDirectory(), aside.resolve("transactions")},
        };
        for (Path[] move : moves) {
            if (Files.exists(move[1])) {
                Files.move(move[1], move[2], StandardCopyOption.ATOMIC_MOVE);
            }
        }
        for (Path[] move : moves) {
            Files.createDirectories(move[1].getParent());
            Files.move(move[0], move[1], StandardCopyOption.ATOMIC_MOVE);
        }
        deleteRecursively(aside);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
