package org.graphrec.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.graphrec.config.ConnectionSettings;
import org.graphrec.config.Json;
import org.graphrec.config.UserException;
import org.graphrec.importer.synthetic.SyntheticGenerator;
import org.graphrec.importer.synthetic.SyntheticParameters;
import org.graphrec.progress.ProgressTracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code refresh} and {@code versions} commands over a real embedded store: outcomes, exit codes, rollback. */
class RefreshCommandsTest {

    @TempDir
    Path dir;

    String refresh(RefreshCommands commands, Path landing, boolean force) {
        return commands.refresh(landing.toString(), "closed-form", 8, 10, 42, 0.05, 2, 0, "keep",
                dir.resolve("refresh.jsonl").toString(), dir.toString(), 60, force, false);
    }

    @Test
    void refreshPublishesSaysNothingToDoWithItsExitCodeAndVersionsRollsBack() throws Exception {
        Path landing = dir.resolve("landing");
        new SyntheticGenerator(SyntheticParameters.builder().users(120).items(60).brands(4).seed(3).build())
                .generate(landing, false, ProgressTracker.none());
        GraphSession session = new GraphSession(new ConnectionSettings(dir.resolve("db"), null, null, null, null, 0,
                64));
        try {
            RefreshCommands commands = new RefreshCommands(session);
            assertThat(refresh(commands, landing, false)).contains("refresh: published version 1", "exit code 0");
            assertThatThrownBy(() -> refresh(commands, landing, false)).isInstanceOfSatisfying(JobOutcome.class,
                    o -> {
                        assertThat(o.exitCode()).isEqualTo(10);
                        assertThat(o.getMessage()).contains("nothing new to import", "version 1 stays published")
                                .doesNotStartWith("error");
                    });
            // same data and seed: the forced re-propagation scores the same and passes the gate
            assertThat(refresh(commands, landing, true)).contains("published version 2");
            assertThat(commands.versions(null, null, false, false)).contains("published", "retired");
            assertThat(commands.versions(1L, null, false, false)).startsWith("published version 1 (was 2)");
            assertThat(Json.mapper().readTree(commands.versions(null, null, false, true)).findValuesAsText("state"))
                    .containsExactly("retired", "published");
            assertThat(Files.readAllLines(dir.resolve("refresh.jsonl"))).hasSize(3);
            assertThatThrownBy(() -> commands.refresh(landing.toString(), "closed-form", 8, 10, 42, 0.05, 2, 0, "tempral",
                    "x.jsonl", ".", 60, false, false)).isInstanceOf(UserException.class)
                    .hasMessageContaining("did you mean");
            assertThatThrownBy(() -> commands.versions(99L, null, false, false)).isInstanceOf(UserException.class)
                    .hasMessageContaining("no embedding version 99");
        } finally {
            session.destroy();
        }
    }
}
