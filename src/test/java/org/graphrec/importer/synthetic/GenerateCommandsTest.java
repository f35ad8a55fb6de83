package org.graphrec.importer.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.graphrec.config.UserException;
import org.graphrec.shell.GenerateCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code generate} command as the shell calls it: options in, summary out. */
class GenerateCommandsTest {

    @TempDir
    Path dir;

    private final GenerateCommands commands = new GenerateCommands();

    private String run(Integer users, Integer items, Integer brands, String out, Long interactions, int days,
            String layout, boolean force, boolean json) {
        return commands.generate(users, items, brands, 5, out, interactions, null, null, 16, 8, null, days, layout,
                force, json);
    }

    @Test
    void printsASummaryWithCountsAndTheImportCommand() {
        Path out = dir.resolve("catalogue");
        String summary = run(200, 100, 10, out.toString(), 1000L, 2, "bundle", false, false);
        assertThat(summary).contains("generated 200 users, 100 items").contains("1,000 interactions")
                .contains("interactions/s").contains(out.resolve("day-02").toString())
                .contains("import --format bundle --path " + out.resolve("bundle.properties"));
        assertThat(out.resolve("day-01/interactions.csv")).exists();
        assertThat(summary).contains("then one increment per night, in order: import --format bundle --path "
                + out.resolve("day-01") + " … day-02");
        String json = run(200, 100, 10, out.toString(), 1000L, 0, "bundle", true, true);
        assertThat(json).contains("\"interactions\" : 1000").contains("\"bundles\"");
        assertThat(out.resolve("day-01")).doesNotExist();
    }

    @Test
    void validatesOptionsBeforeWritingAnything() throws Exception {
        Path out = dir.resolve("never");
        assertThatThrownBy(() -> run(200, 100, 10, null, null, 0, "bundle", false, false))
                .isInstanceOf(UserException.class).hasMessageStartingWith("--out is required");
        assertThatThrownBy(() -> run(200, 100, 10, out.toString(), null, 0, "mmrek", false, false))
                .isInstanceOf(UserException.class)
                .hasMessage("--layout must be bundle or mmrec, found 'mmrek' — did you mean 'mmrec'?");
        assertThatThrownBy(() -> run(200, 100, 0, out.toString(), null, 0, "bundle", false, false))
                .hasMessage("--brands must be a positive number, found 0");
        assertThatThrownBy(() -> run(200, 100, 101, out.toString(), null, 0, "bundle", false, false))
                .hasMessageContaining("--brands must not exceed --items");
        assertThatThrownBy(() -> run(null, 100, 10, out.toString(), null, 0, "bundle", false, false))
                .hasMessageStartingWith("--users is required");
        assertThat(out).doesNotExist();
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThatThrownBy(() -> run(200, 100, 10, file.toString(), null, 0, "bundle", false, false))
                .hasMessageContaining("is a file, expected a directory");
    }
}
