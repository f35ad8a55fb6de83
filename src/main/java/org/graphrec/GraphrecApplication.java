package org.graphrec;

import java.util.ArrayList;
import java.util.List;
import org.graphrec.config.ConnectionSettings;
import org.graphrec.config.ExitCode;
import org.graphrec.config.GlobalOptions;
import org.graphrec.config.UserException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * graphrec's entry point. Takes the global options (where the graph lives) out of the arguments, then runs the
 * Spring Shell: interactive with no command, one command then exit with a command, a command file with
 * {@code --file}.
 */
@SpringBootApplication
public class GraphrecApplication {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs graphrec and returns the exit code (0 on success). */
    public static int run(String[] args) {
        GlobalOptions options;
        ConnectionSettings settings;
        try {
            options = GlobalOptions.parse(args);
            settings = ConnectionSettings.from(options, System.getenv());
        } catch (UserException e) {
            System.err.println("error: " + e.getMessage());
            return e.exitCode();
        }
        List<String> rest = new ArrayList<>(options.rest());
        if (options.file() != null) {
            if (!java.nio.file.Files.isReadable(java.nio.file.Path.of(options.file()))) {
                System.err.println("error: --file " + options.file() + ": no such readable file");
                return UserException.INPUT_ERROR;
            }
            rest.add(0, "@" + options.file());
        }
        // Neo4j owns logging (its SLF4J provider writes to the store's logs directory); Spring Boot must not
        // reconfigure it.
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        SpringApplication app = new SpringApplication(GraphrecApplication.class);
        app.setAddCommandLineProperties(false);
        app.addInitializers(context -> context.getBeanFactory().registerSingleton("connectionSettings", settings));
        try {
            return SpringApplication.exit(app.run(rest.toArray(String[]::new)));
        } catch (RuntimeException e) {
            return reportFailure(e);
        }
    }

    /** One line for the user; the stack trace only with GRAPHREC_DEBUG=1 (a failure here is a bug or unknown command). */
    private static int reportFailure(RuntimeException e) {
        if (e instanceof org.springframework.boot.ExitCodeGenerator exit) {
            return exit.getExitCode(); // a command failed and the shell has printed its message
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause != cause.getCause()) {
            if (cause instanceof UserException) {
                break;
            }
            cause = cause.getCause();
        }
        if (cause instanceof UserException user) {
            System.err.println("error: " + user.getMessage());
            return user.exitCode();
        }
        if (cause.getClass().getName().equals("org.springframework.shell.CommandNotFound")) {
            // the shell has already printed "unknown command … did you mean"
            return ExitCode.INTERNAL_ERROR.code();
        }
        if (cause.getClass().getName().endsWith("CommandParserExceptionsException")) {
            return UserException.INPUT_ERROR; // ShellErrors has already printed the option errors
        }
        System.err.println("error: " + cause.getClass().getSimpleName() + ": " + cause.getMessage()
                + (System.getenv("GRAPHREC_DEBUG") == null ? " (set GRAPHREC_DEBUG=1 for the stack trace)" : ""));
        if (System.getenv("GRAPHREC_DEBUG") != null) {
            e.printStackTrace();
        }
        return ExitCode.INTERNAL_ERROR.code();
    }
}
