package org.graphrec.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.graphrec.config.ConnectionSettings;
import org.graphrec.config.UserException;
import org.graphrec.graph.GraphConnection;
import org.graphrec.graph.SchemaBootstrap;
import org.graphrec.procedures.NeighbourhoodProcedures;
import org.graphrec.procedures.ServingProcedures;
import org.junit.jupiter.api.Test;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * Serving against external servers (neo4j-harness, reached through {@code --uri}): one with graphrec's procedures
 * installed the way the plugin jar installs them, one without; the shell uses the procedures where they exist and
 * falls back to the index-backed library files, saying so, where they do not.
 */
class ExternalServingTest {

    private static Neo4j server(boolean withProcedures) {
        var builder = Neo4jBuilders.newInProcessBuilder()
                .withConfig(GraphDatabaseSettings.auth_enabled, false)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 0))
                .withConfig(GraphDatabaseSettings.pagecache_memory, 32L * 1024 * 1024)
                .withDisabledServer();
        return (withProcedures ? builder.withProcedure(ServingProcedures.class)
                .withProcedure(NeighbourhoodProcedures.class) : builder).build();
    }

    @Test
    void withThePluginTheShellServesTheExactListThroughTheProcedures() {
        assertServes(true);
    }

    @Test
    void withoutThePluginTheShellFallsBackToTheIndexesAndSaysSo() {
        assertServes(false);
    }

    private static void assertServes(boolean procedures) {
        try (Neo4j server = server(procedures);
             GraphConnection graph = GraphConnection.open(ConnectionSettings.external(server.boltURI().toString(),
                     "neo4j", "", null))) {
            SchemaBootstrap.apply(graph);
            var data = ServingFixtures.synthetic(graph, 40, 2, 200, 8, 16, 3L);
            assertThat(ServingProcedureCheck.available(graph)).isEqualTo(procedures);
            EmbeddingRecommender recommender = new EmbeddingRecommender(graph);
            List<String> users = new ArrayList<>(data.users().keySet()).subList(0, 20);
            for (String user : users) {
                Recommendations r = recommender.recommend(RecommendRequest.of(user, 5));
                // 200 items: the indexes find the exact list too
                assertThat(r.itemIds()).as("%s (procedures %s)", user, procedures).isEqualTo(data.exactTopK(user, 5));
                if (procedures) {
                    assertThat(r.note()).isNull();
                } else {
                    assertThat(r.note()).contains("lacks graphrec's procedures").contains("graphrec-procedures.jar");
                }
            }
            String item = data.items().keySet().iterator().next();
            SimilarItems.Result similar = new SimilarItems(graph).similar(item, 5, "fused");
            assertThat(similar.items()).hasSize(5);
            // 200 items: the procedure scans them all; the vector index fallback is approximate by nature
            assertThat(similar.exact()).isEqualTo(procedures);
            if (procedures) {
                assertThat(new SimilarItems(graph).similar(item, 5, "fused", true).items())
                        .isEqualTo(similar.items());
            } else {
                assertThatThrownBy(() -> new SimilarItems(graph).similar(item, 5, "fused", true))
                        .isInstanceOf(UserException.class)
                        .hasMessageStartingWith("--exact needs graphrec's procedures on the server");
            }
        }
    }
}
