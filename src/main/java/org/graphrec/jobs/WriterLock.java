package org.graphrec.jobs;

import java.time.Duration;
import java.util.function.Consumer;
import org.graphrec.graph.GraphConnection;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.versions.EmbeddingVersions;

/**
 * The lock every writer of embedding versions takes ({@code propagate}, {@code refresh}, {@code versions
 * --prune/--publish}): {@link JobLock} {@value EmbeddingVersions#WRITER_LOCK}. Once it is held, versions left
 * {@code writing} or {@code staged} by a job that died are failed and cleaned up before any new work.
 */
public final class WriterLock {

    private WriterLock() {
    }

    /**
     * Tries once to take the writer lock for this process; when acquired, reports a take-over through
     * {@code note} and fails the versions dead jobs left behind.
     */
    public static JobLock.Attempt acquire(GraphConnection graph, Duration lease, ProgressTracker progress,
                                          Consumer<String> note) {
        JobOwner me = JobOwner.current();
        JobLock.Attempt attempt = JobLock.tryAcquire(graph, EmbeddingVersions.WRITER_LOCK, me, lease);
        if (attempt.acquired()) {
            attempt.tookOver().ifPresent(t -> note.accept(t.describe()));
            try {
                new EmbeddingVersions(graph, progress).failOrphaned(me.label());
            } catch (RuntimeException e) {
                attempt.lock().orElseThrow().close();
                throw e;
            }
        }
        return attempt;
    }

    /** The one-line message for a writer that found the lock held by a live job. */
    public static String heldMessage(JobLock.Holder holder) {
        return "a refresh or propagate is running: lock held by " + holder.describe()
                + (holder.who().isLocal() ? "" : "; if that job is gone, 'versions --unlock' releases the lock");
    }
}
