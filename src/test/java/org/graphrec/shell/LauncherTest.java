package org.graphrec.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graphrec.testing.GraphrecProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** graphrec as a separate process: one command, a command file, errors and exit codes, the server. */
class LauncherTest {

    @TempDir
    Path dir;

    @Test
    void nonInteractiveCommandPrintsStatsAndExitsZero() throws Exception {
        var result = GraphrecProcess.run(dir.resolve("run"), Map.of(), "stats", "--db", dir.resolve("db").toString());
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.stdout()).contains("connection: embedded store").contains("bolt://127.0.0.1:")
                .contains("neo4j:      5.26");
        assertThat(result.all()).doesNotContain("Exception");
    }

    @Test
    void unknownCommandExitsNonZeroWithASuggestion() throws Exception {
        var result = GraphrecProcess.run(dir.resolve("run"), Map.of(), "statz");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.all()).contains("unknown command 'statz'").contains("did you mean 'stats'")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void misspeltOptionIsAnInputErrorWithASuggestion() throws Exception {
        var result = GraphrecProcess.run(dir.resolve("run"), Map.of(), "stats", "--jsn");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.all()).contains("Unrecognised option '--jsn'").contains("did you mean '--json'")
                .doesNotContain("Exception");
    }

    @Test
    void commandFileRunsUnattended() throws Exception {
        Path file = dir.resolve("commands.txt");
        Files.writeString(file, "stats\nstats --json\n");
        var result = GraphrecProcess.run(dir.resolve("run"), Map.of(), "--db", dir.resolve("db").toString(),
                "--file", file.toString());
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.stdout()).contains("connection: embedded store").contains("\"neo4jVersion\"");
    }

    @Test
    void unreachableServerGivesOneLineAndDatabaseExitCode() throws Exception {
        var result = GraphrecProcess.run(dir.resolve("run"), Map.of(), "stats", "--uri", "bolt://127.0.0.1:1");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.all().strip()).startsWith("error: cannot reach Neo4j at bolt://127.0.0.1:1")
                .doesNotContain("\n");
    }

    @Test
    void serverSharesTheStoreAndASecondEmbeddedOpenIsToldToUseTheUri() throws Exception {
        Path store = dir.resolve("db");
        Process server = GraphrecProcess.start(dir.resolve("server"), Map.of(), "server", "--port", "0",
                "--seconds", "600", "--db", store.toString());
        try {
            String uri = awaitBoltUri(dir.resolve("server/stdout.txt"), server);
            var viaUri = GraphrecProcess.run(dir.resolve("client"), Map.of(), "stats", "--uri", uri);
            assertThat(viaUri.exitCode()).as(viaUri.all()).isZero();
            assertThat(viaUri.stdout()).contains("connection: external server").contains(uri);

            var embedded = GraphrecProcess.run(dir.resolve("second"), Map.of(), "stats", "--db", store.toString());
            assertThat(embedded.exitCode()).isEqualTo(3);
            assertThat(embedded.all()).contains("store in use").contains("--uri " + uri);
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    private static String awaitBoltUri(Path stdout, Process server) throws Exception {
        Pattern bolt = Pattern.compile("graphrec server: (bolt://127\\.0\\.0\\.1:\\d+)");
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        while (System.nanoTime() < deadline && server.isAlive()) {
            Matcher m = bolt.matcher(GraphrecProcess.read(stdout));
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("server printed no bolt URI: " + GraphrecProcess.read(stdout)
                + GraphrecProcess.read(stdout.resolveSibling("stderr.txt")));
    }
}
