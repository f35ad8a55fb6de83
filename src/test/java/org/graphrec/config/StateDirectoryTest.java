package org.graphrec.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Files that belong to a graph go with its store, or to a per-user directory named after the server. */
class StateDirectoryTest {

    @Test
    void anEmbeddedStoreKeepsItsFilesInsideTheStore() {
        Path dir = StateDirectory.of(ConnectionSettings.embedded(Path.of("/srv/graphrec-db")), Map.of());
        assertThat(dir).isEqualTo(Path.of("/srv/graphrec-db"));
        assertThat(StateDirectory.refreshLog(dir)).isEqualTo(Path.of("/srv/graphrec-db/logs/refresh.jsonl"));
        assertThat(StateDirectory.refreshRejects(dir)).isEqualTo(Path.of("/srv/graphrec-db/rejects"));
        assertThat(StateDirectory.importRejects(dir).toString())
                .matches("/srv/graphrec-db/rejects/import-\\d{8}T\\d{6}Z\\.tsv");
    }

    @Test
    void aServerGetsAPerUserDirectoryNamedAfterHostPortAndDatabase() {
        var settings = ConnectionSettings.external("neo4j://db.example:7688", "neo4j", "pw", "shop");
        assertThat(StateDirectory.of(settings, Map.of("XDG_STATE_HOME", "/home/ann/.state")))
                .isEqualTo(Path.of("/home/ann/.state/graphrec/db.example-7688-shop"));
        assertThat(StateDirectory.of(ConnectionSettings.external("bolt://10.0.0.5", "neo4j", null, null), Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".local/state/graphrec/10.0.0.5-7687-default"));
        assertThat(StateDirectory.of(settings, Map.of("GRAPHREC_STATE_DIR", "/var/lib/graphrec")))
                .isEqualTo(Path.of("/var/lib/graphrec"));
    }
}
