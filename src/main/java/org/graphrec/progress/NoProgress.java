package org.graphrec.progress;

import java.util.function.Consumer;

/** Shows no progress; log lines go to a consumer (nowhere for {@link #SILENT}). For tests and quiet callers. */
final class NoProgress implements ProgressTracker {

    static final NoProgress SILENT = new NoProgress(line -> { });

    private final Consumer<String> lines;

    NoProgress(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public void begin(String task, long total) {
    }

    @Override
    public void advance(long units) {
    }

    @Override
    public void end() {
    }

    @Override
    public void log(String message) {
        lines.accept(message);
    }
}
