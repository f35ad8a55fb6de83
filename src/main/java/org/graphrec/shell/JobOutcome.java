package org.graphrec.shell;

/**
 * A job that ran and ended in an outcome other than success (nothing to do, gate rejected, lock held, some input
 * rejected): the shell prints its summary as is — it is not an error message — and exits with its code.
 */
public final class JobOutcome extends RuntimeException {

    private final int exitCode;

    public JobOutcome(String summary, int exitCode) {
        super(summary, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
