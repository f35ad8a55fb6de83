package org.graphrec.shell;

import java.util.Optional;
import org.graphrec.config.ConnectionSettings;
import org.graphrec.graph.BoltServing;
import org.graphrec.graph.GraphConnection;
import org.graphrec.graph.SchemaBootstrap;
import org.graphrec.jobs.StartupRecovery;
import org.graphrec.progress.ConsoleProgress;
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

    /**
     * Opens the embedded store with Bolt served as {@code serving} says ({@code server}); returns the open
     * connection unchanged when there already is one.
     */
    public synchronized GraphConnection openServing(BoltServing serving) {
        if (graph != null) {
            return graph;
        }
        graph = prepare(GraphConnection.openEmbedded(settings.dbPath(), serving, settings.pageCacheMiB()));
        return graph;
    }

    private static GraphConnection open(ConnectionSettings settings) {
        return prepare(GraphConnection.open(settings));
    }

    /** Applies the schema and recovers from killed jobs (StartupRecovery) before the first command. */
    private static GraphConnection prepare(GraphConnection connection) {
        try {
            SchemaBootstrap.apply(connection);
            for (String note : StartupRecovery.run(connection, ConsoleProgress.forStderr())) {
                System.err.println("note: " + note);
            }
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
