package org.graphrec.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.graphrec.config.ConnectionSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo end to end on a tiny catalogue: generate → import → propagate → explained recommendations. */
class DemoCommandsTest {

    @TempDir
    Path dir;

    @Test
    void runsTheWholeTourAndSkipsFinishedStepsWhenRunAgain() {
        var settings = new ConnectionSettings(dir.resolve("db"), null, null, null, null, 0, 64);
        GraphSession session = new GraphSession(settings);
        try {
            DemoCommands demo = new DemoCommands(session);
            String first = demo.demo(300, 120, 12, 7, 2);
            assertThat(first).contains("1. generated 300 users, 120 items")
                    .contains("2. imported")
                    .contains("3. propagated closed-form, d = 64")
                    .contains("top 5 for user")
                    .contains("model score dot(user, item)")
                    .containsPattern("PropagationRun\\s+1\\n");
            String second = demo.demo(300, 120, 12, 7, 1);
            assertThat(second).contains("already imported — skipped")
                    .contains("propagation skipped")
                    .containsPattern("ImportRun\\s+1\\n").containsPattern("PropagationRun\\s+1\\n")
                    .containsPattern("PublishedVersion\\s+1\\n");
        } finally {
            session.destroy();
        }
    }
}
