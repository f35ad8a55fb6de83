package org.graphrec.importer;

import org.graphrec.progress.ProgressTracker;
import org.neo4j.internal.batchimport.staging.ExecutionMonitor;
import org.neo4j.internal.batchimport.staging.StageExecution;

/**
 * The import engine's stages as graphrec progress tasks: the node and relationship stages count the entities
 * handed to the engine (their totals are known), the later stages (linking relationship chains, counts) show as
 * tasks of unknown length. The engine calls {@link #check} every {@link #checkIntervalMillis()} ms.
 */
final class StageProgress implements ExecutionMonitor {

    private final ProgressTracker progress;
    private final CatalogueInput input;
    private java.util.concurrent.atomic.AtomicLong counter;
    private long reported;

    StageProgress(ProgressTracker progress, CatalogueInput input) {
        this.progress = progress;
        this.input = input;
    }

    @Override
    public synchronized void start(StageExecution execution) {
        String stage = execution.getStageName();
        counter = null;
        long total = -1;
        if (stage.equals("Nodes")) {
            counter = input.nodesHandedOut();
            total = input.nodeCount();
        } else if (stage.equals("Relationships")) {
            counter = input.relationshipsHandedOut();
            total = input.relationshipCount();
        }
        reported = 0;
        progress.begin("bulk import: " + stage.toLowerCase(java.util.Locale.ROOT), total);
    }

    @Override
    public synchronized void end(StageExecution execution, long totalTimeMillis) {
        check(execution);
        progress.end();
    }

    @Override
    public void done(boolean successful, long totalTimeMillis, String additionalInformation) {
        // graphrec reports the outcome itself
    }

    @Override
    public long checkIntervalMillis() {
        return 500;
    }

    @Override
    public synchronized void check(StageExecution execution) {
        if (counter != null) {
            long now = counter.get();
            progress.advance(now - reported);
            reported = now;
        }
    }
}
