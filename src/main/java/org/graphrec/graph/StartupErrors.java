package org.graphrec.graph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.graphrec.config.UserException;

/** Turns the exceptions of a failed embedded start into one line a user can act on. */
final class StartupErrors {

    private StartupErrors() {
    }

    static UserException translate(Throwable error, Path home) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String type = t.getClass().getName();
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (type.endsWith("FileLockException") || message.contains("lock file has been locked")
                    || message.contains("is locked by another")) {
                return new UserException("store in use — " + home + " is open in another process; "
                        + holderHint(home), UserException.DATABASE_ERROR, error);
            }
            if (type.contains("StoreUpgrade") || type.contains("UnableToMigrate")
                    || message.contains("store version") || message.contains("store format")
                    || message.contains("older data store") || message.contains("not supported by this version")) {
                return new UserException("the store " + home + " was written by an incompatible Neo4j version "
                        + "(this graphrec runs Neo4j " + Neo4jVersion.EMBEDDED + "): " + firstLine(t.getMessage()),
                        UserException.DATABASE_ERROR, error);
            }
            if (t instanceof java.net.BindException) {
                return new UserException("cannot bind the Bolt port: " + firstLine(t.getMessage())
                        + " — choose another with --port", UserException.DATABASE_ERROR, error);
            }
        }
        return new UserException("cannot start the embedded Neo4j on " + home + ": " + firstLine(error.getMessage())
                + " (details in " + home.resolve("logs/debug.log") + ")", UserException.DATABASE_ERROR, error);
    }

    private static String holderHint(Path home) {
        try {
            Path file = home.resolve(EmbeddedNeo4j.BOLT_URI_FILE);
            if (Files.exists(file)) {
                String uri = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!uri.isEmpty()) {
                    return "connect with --uri " + uri;
                }
            }
        } catch (IOException ignored) {
            // fall through to the generic hint
        }
        return "connect to that process with --uri bolt://… (it prints its URI), or stop it";
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
