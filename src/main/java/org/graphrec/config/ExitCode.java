package org.graphrec.config;

/**
 * Every exit code of graphrec, the single place they are defined (docs/refresh.md lists them for schedulers and
 * alerting). Codes 1–3 are shared by every command (internal error, input error, database error, the latter two
 * carried by {@link UserException}); 0 and 10–12 are the outcomes of unattended jobs (refresh, and propagate's lock).
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

    /** The process exit status. */
    public int code() {
        return code;
    }
}
