package org.graphrec.shell;

import java.util.Optional;
import org.graphrec.config.ConnectionSettings;
import org.graphrec.graph.GraphConnection;
import org.graphrec.graph.SchemaBootstrap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The shell's connection to the graph, opened on first use (so {@code help} or {@code generate} never start
 * Neo4j) with the schema applied, and closed when the shell exits.
 */
@Component
public class GraphSession implements DisposableBean {

    private final ConnectionSettings settings;
    private GraphConnection graph;

    public GraphSession(ConnectionSettings settings) {
        this.settings = settings;
    }

    /** The open connection, opening it (and applying the schema) if needed. */
    public synchronized GraphConnection get() {
        if (graph == null) {
            graph = open(settings);
        }
        return graph;
    }

    /** Opens the embedded store with Bolt on a chosen port; fails if a connection is already open. */
    public synchronized GraphConnection openWithPort(int port) {
        if (graph != null) {
            return graph;
        }
        graph = open(settings.withBoltPort(port));
        return graph;
    }

    private static GraphConnection open(ConnectionSettings settings) {
        GraphConnection connection = GraphConnection.open(settings);
        try {
            SchemaBootstrap.apply(connection);
            return connection;
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The connection if it is already open. */
    public synchronized Optional<GraphConnection> current() {
        return Optional.ofNullable(graph);
    }

    public ConnectionSettings settings() {
        return settings;
    }

    @Override
    public synchronized void destroy() {
        if (graph != null) {
            graph.close();
            graph = null;
        }
    }
}
