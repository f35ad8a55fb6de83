package org.graphrec.progress;

/** Reports nothing; for tests and for callers that do not want output. */
enum NoProgress implements ProgressTracker {
    INSTANCE;

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
    }
}
