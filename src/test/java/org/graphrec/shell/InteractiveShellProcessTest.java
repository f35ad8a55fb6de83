package org.graphrec.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.graphrec.testing.GraphrecProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive shell as a user types into it (a real process, lines on standard input, no command on the
 * command line): help, a command, a mistyped option that gets a one-line error while the session goes on, the
 * next command, exit.
 */
class InteractiveShellProcessTest {

    @TempDir
    Path dir;

    @Test
    void aSessionSurvivesAMistakeAndKeepsAnswering() throws Exception {
        Path typed = dir.resolve("typed.txt");
        Files.writeString(typed, String.join("\n", "help", "stats", "stats --jsn", "versions", "exit", ""));
        Process shell = GraphrecProcess.start(dir.resolve("session"), Map.of(), typed, "--db",
                dir.resolve("db").toString());
        assertThat(shell.waitFor(6, TimeUnit.MINUTES)).as("the session ends at 'exit'").isTrue();
        String out = GraphrecProcess.read(dir.resolve("session/stdout.txt"))
                + GraphrecProcess.read(dir.resolve("session/stderr.txt"));
        assertThat(shell.exitValue()).as(out).isZero();
        assertThat(out).contains("refresh", "recommend", "versions"); // help lists the commands
        assertThat(out).contains("connection:"); // stats answered
        assertThat(out).contains("--jsn").contains("did you mean").doesNotContain("\tat org.");
        // after the mistake the session still answered the next command
        assertThat(out.indexOf("no embedding versions yet")).isGreaterThan(out.indexOf("--jsn"));
    }
}
