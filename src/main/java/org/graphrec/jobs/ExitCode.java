package org.graphrec.jobs;

/**
 * Exit codes of unattended jobs, documented in README.md so schedulers and alerting can tell outcomes apart.
 * Codes 1–3 are shared with every other command (internal error, input error, database error).
 */
public enum ExitCode {
    /** The refresh ran and published a new version. */
    PUBLISHED(0),
    /** Unexpected internal error (a bug). */
    INTERNAL_ERROR(1),
    /** Bad input files or options (beyond {@code --max-rejects}). */
    INPUT_ERROR(2),
    /** Neo4j unreachable, credentials rejected, store in use. */
    DATABASE_ERROR(3),
    /** Nothing new to import and nothing to re-propagate. */
    NOTHING_TO_DO(10),
    /** The quality gate rejected the new version: the old one stays published. */
    GATE_REJECTED(11),
    /** Another refresh holds the lock. */
    LOCK_HELD(12);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
