package org.graphrec.progress;

/**
 * How long work reports where it is. Algorithms and importers call it; the shell decides whether that becomes a
 * terminal progress bar, plain log lines, or nothing (tests). Implementations are thread-safe.
 */
public interface ProgressTracker {

    /**
     * Starts a task of {@code total} units ({@code -1} when unknown). Tasks nest: a task begun before the current
     * one ends is its sub-task, and {@link #end()} returns to the outer task.
     */
    void begin(String task, long total);

    /** {@code units} more units are done. */
    void advance(long units);

    /** The current task is finished. */
    void end();

    /** An informational line (memory estimate, stage summary). */
    void log(String message);

    /** A tracker that passes its log lines to {@code lines} and ignores tasks (callers that collect the log). */
    static ProgressTracker logTo(java.util.function.Consumer<String> lines) {
        return new NoProgress(lines);
    }

    /** A tracker that reports nothing. */
    static ProgressTracker none() {
        return NoProgress.SILENT;
    }
}
