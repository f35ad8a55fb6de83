package org.graphrec.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.graphrec.config.ConnectionSettings;
import org.graphrec.config.Json;
import org.graphrec.config.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code import} command over a real embedded store: summary table, JSON, option errors. */
class ImportCommandsTest {

    @TempDir
    Path store;
    @TempDir
    Path work;

    @Test
    void importsTheExampleBundlePrintingTheSummaryThenJson() throws Exception {
        GraphSession session = new GraphSession(new ConnectionSettings(store, null, null, null, null, 0, 64));
        try {
            ImportCommands commands = new ImportCommands(session);
            String rejects = work.resolve("rejects.tsv").toString();
            String text = commands.importCatalogue("graph-import/example", null, "keep", 42, 0, rejects, false, "auto",
                    false);
            assertThat(text).contains("imported example (bundle)")
                    .containsPattern("INTERACTED\\s+7\\s+7\\s+0")
                    .containsPattern("User\\s+5\\s+5\\s+0")
                    .contains("split:        random 8:1:1 per user, seed 42")
                    .contains("rejects:      0")
                    .contains("interactions/s written (Neo4j's bulk import engine)");

            String json = commands.importCatalogue("graph-import/example", "bundle", "temporal", 42, 0, rejects,
                    false, "auto", true);
            JsonNode result = Json.mapper().readTree(json);
            assertThat(result.get("source").asText()).isEqualTo("example");
            assertThat(result.get("split").get("policy").asText()).isEqualTo("temporal leave-last-out");
            JsonNode interacted = null;
            for (JsonNode c : result.get("counts")) {
                if (c.get("name").asText().equals("INTERACTED")) {
                    interacted = c;
                }
            }
            assertThat(interacted.get("matched").asLong()).isEqualTo(7);

            assertThatThrownBy(() -> commands.importCatalogue("graph-import/example", "bundel", "keep", 42, 0,
                    rejects, false, "auto", false)).isInstanceOf(UserException.class)
                    .hasMessageContaining("did you mean 'bundle'");
            assertThatThrownBy(() -> commands.importCatalogue("graph-import/example", null, "keep", 42, 0,
                    rejects, false, "of", false)).hasMessageContaining("--bulk must be auto, on or off, found 'of'");
            assertThatThrownBy(() -> commands.importCatalogue("graph-import/example", null, "randon", 42, 0,
                    rejects, false, "auto", false)).hasMessageContaining("did you mean 'random'");
            assertThatThrownBy(() -> commands.importCatalogue("no/such/dir", null, "keep", 42, 0,
                    rejects, false, "auto", false)).hasMessageContaining("--path no/such/dir: no such file or directory");
        } finally {
            session.destroy();
        }
    }
}
