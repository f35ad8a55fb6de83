package org.graphrec.testing;

import java.nio.file.Path;
import org.graphrec.config.ConnectionSettings;
import org.graphrec.graph.GraphConnection;
import org.graphrec.graph.SchemaBootstrap;

/** Real Neo4j for tests: an embedded store on disk, reached through the driver like in production. */
public final class TestGraphs {

    private TestGraphs() {
    }

    /** Starts an embedded store in {@code dir} (small page cache), applies the schema, returns the connection. */
    public static GraphConnection openEmbedded(Path dir) {
        GraphConnection graph = GraphConnection.open(
                new ConnectionSettings(dir, null, null, null, null, 0, 64));
        SchemaBootstrap.apply(graph);
        return graph;
    }

    /**
     * Deletes every node and relationship and the vector indexes of embedding versions (the schema stays), so one
     * store can serve several tests.
     */
    public static void clear(GraphConnection graph) {
        try (var session = graph.session()) {
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume();
        }
        var versioned = graph.read(tx -> tx.run("SHOW VECTOR INDEXES YIELD name WHERE name =~ 'item_embedding.*' "
                + "RETURN name").list(r -> r.get("name").asString()));
        for (String name : versioned) {
            graph.write(tx -> tx.run("DROP INDEX " + name + " IF EXISTS").consume());
        }
    }
}
