package org.graphrec.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GlobalOptionsTest {

    @Test
    void globalOptionsAreTakenOutWhereverTheyStand() {
        var options = GlobalOptions.parse(new String[] {"--db", "x", "recommend", "--user", "u1", "--database=movies",
                "--k", "5"});
        assertThat(options.db()).isEqualTo("x");
        assertThat(options.database()).isEqualTo("movies");
        assertThat(options.rest()).containsExactly("recommend", "--user", "u1", "--k", "5");
    }

    @Test
    void environmentFillsWhatOptionsLeaveOpenAndOptionsWin() {
        var options = GlobalOptions.parse(new String[] {"--neo4j-user", "alice", "stats"});
        var settings = ConnectionSettings.from(options, Map.of("GRAPHREC_NEO4J_URI", "neo4j://db.example:7687",
                "GRAPHREC_NEO4J_USER", "bob", "GRAPHREC_NEO4J_PASSWORD", "pw-123"));
        assertThat(settings.isEmbedded()).isFalse();
        assertThat(settings.user()).isEqualTo("alice");
        assertThat(settings.password()).isEqualTo("pw-123");
        assertThat(settings.toString()).doesNotContain("pw-123");
    }

    @Test
    void embeddedIsTheDefault() {
        var settings = ConnectionSettings.from(GlobalOptions.parse(new String[] {"stats"}), Map.of());
        assertThat(settings.isEmbedded()).isTrue();
        assertThat(settings.dbPath()).isEqualTo(Path.of("graphrec-db"));
    }

    @Test
    void invalidValuesAreRejectedUpFrontWithTheOptionNamed() {
        assertThatThrownBy(() -> GlobalOptions.parse(new String[] {"stats", "--db"}))
                .hasMessage("--db needs a value");
        assertThatThrownBy(() -> ConnectionSettings.from(GlobalOptions.parse(new String[] {"--uri", "http://x"}),
                Map.of())).hasMessageContaining("--uri must start with bolt://");
        assertThatThrownBy(() -> GlobalOptions.parse(new String[] {"--pagecache", "lots"}))
                .hasMessageContaining("--pagecache expects a size in MiB, found 'lots'");
    }

    @Test
    void suggestionsFindCloseNames() {
        assertThat(Suggestions.closest("stat", java.util.List.of("stats", "server", "demo"), 3))
                .containsExactly("stats");
        assertThat(Suggestions.didYouMean("xyzzy", java.util.List.of("stats", "server"))).isEmpty();
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    }
}
