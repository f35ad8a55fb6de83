package org.graphrec.config;

/**
 * An error caused by the user's input or environment (bad option, unreachable server, malformed file).
 * The message is one readable line; the shell prints it without a stack trace and exits with {@link #exitCode()}.
 */
public class UserException extends RuntimeException {

    /** Exit code for invalid input (options, files). */
    public static final int INPUT_ERROR = 2;
    /** Exit code for database problems (unreachable, credentials, store locked, incompatible store). */
    public static final int DATABASE_ERROR = 3;

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
