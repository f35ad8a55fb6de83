package org.graphrec.graph;

import org.graphrec.stats.GraphStats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.graphrec.config.ConnectionSettings;
import org.graphrec.config.UserException;
import org.graphrec.testing.GraphrecProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/** The --uri path against a second, password-protected Neo4j started by neo4j-harness. */
class ExternalConnectionTest {

    private static final String PASSWORD = "s3cret-graphrec-pw";
    private static Neo4j server;

    @BeforeAll
    static void startServer() {
        server = Neo4jBuilders.newInProcessBuilder()
                .withConfig(GraphDatabaseSettings.auth_enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 0))
                .withConfig(GraphDatabaseSettings.pagecache_memory, 32L * 1024 * 1024)
                .withDisabledServer()
                .build();
        server.databaseManagementService().database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
                .executeTransactionally("ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED",
                        Map.of("pw", PASSWORD));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void connectsByUriWithCredentialsAndAppliesTheSchema() {
        var settings = ConnectionSettings.external(server.boltURI().toString(), "neo4j", PASSWORD, null);
        try (GraphConnection graph = GraphConnection.open(settings)) {
            assertThat(graph.isEmbedded()).isFalse();
            SchemaBootstrap.apply(graph);
            graph.write(tx -> tx.run("MERGE (:Item {id: $id})", Map.of("id", "i1")).consume());
            assertThat(GraphStats.read(graph).labels()).containsEntry("Item", 1L);
            assertThat(graph.describe()).startsWith("external bolt://").doesNotContain(PASSWORD);
        }
    }

    @Test
    void wrongPasswordIsAClearErrorThatNeverShowsThePassword() {
        String wrong = "definitely-wrong-pw-123";
        var settings = ConnectionSettings.external(server.boltURI().toString(), "neo4j", wrong, null);
        assertThatThrownBy(() -> GraphConnection.open(settings))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("rejected the credentials")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong));
        assertThat(settings.toString()).doesNotContain(wrong);
    }

    @Test
    void missingDatabaseIsNamed() {
        var settings = ConnectionSettings.external(server.boltURI().toString(), "neo4j", PASSWORD, "nosuchdb");
        assertThatThrownBy(() -> GraphConnection.open(settings))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("database 'nosuchdb' does not exist");
    }

    @Test
    void processWithWrongPasswordFromTheEnvironmentPrintsItNowhere(@TempDir Path dir) throws Exception {
        String wrong = "env-wrong-pw-456";
        var result = GraphrecProcess.run(dir, Map.of("GRAPHREC_NEO4J_URI", server.boltURI().toString(),
                "GRAPHREC_NEO4J_USER", "neo4j", "GRAPHREC_NEO4J_PASSWORD", wrong), "stats");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.all()).contains("error: Neo4j at").contains("rejected the credentials");
        assertThat(result.all()).doesNotContain(wrong);
    }
}
