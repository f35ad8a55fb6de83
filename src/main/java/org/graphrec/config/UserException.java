package org.graphrec.config;

/**
 * An error caused by the user's input or environment (bad option, unreachable server, malformed file).
 * The message is one readable line; the shell prints it without a stack trace and exits with {@link #exitCode()}.
 */
public class UserException extends RuntimeException {

    /** Exit code for invalid input (options, files): {@link ExitCode#INPUT_ERROR}. */
    public static final int INPUT_ERROR = ExitCode.INPUT_ERROR.code();
    /**
     * Exit code for database problems (unreachable, credentials, store locked, incompatible store):
     * {@link ExitCode#DATABASE_ERROR}.
     */
    public static final int DATABASE_ERROR = ExitCode.DATABASE_ERROR.code();

    private final int exitCode;

    public UserException(String message) {
        this(message, INPUT_ERROR, null);
    }

    public UserException(String message, int exitCode) {
        this(message, exitCode, null);
    }

    public UserException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
