package org.graphrec.shell;

import org.graphrec.config.UserException;
import org.graphrec.graph.GraphConnection;
import org.graphrec.versions.EmbeddingVersions;
import org.springframework.shell.Availability;
import org.springframework.stereotype.Component;

/**
 * Whether the commands that need fused embeddings ({@code recommend}, {@code similar}) can run: only once a
 * (:PropagationRun) exists. The check is one indexed look-up, and a positive answer is remembered for the
 * connection (runs are never removed while the shell runs). Before the graph is opened the commands are shown
 * as available, so {@code help} never starts Neo4j; the commands then check themselves ({@link #requireRun}).
 */
@Component
public class EmbeddingAvailability {

    private final GraphSession session;
    private volatile GraphConnection confirmed;

    public EmbeddingAvailability(GraphSession session) {
        this.session = session;
    }

    /** For {@code @ShellMethodAvailability}. */
    public Availability check() {
        var graph = session.current();
        if (graph.isEmpty() || graph.get() == confirmed) {
            return Availability.available();
        }
        return hasRun(graph.get()) ? Availability.available() : Availability.unavailable(EmbeddingVersions.NONE_PUBLISHED);
    }

    /** Opens the graph if needed and throws the one-line user error when there is no propagation run. */
    public GraphConnection requireRun() {
        GraphConnection graph = session.get();
        if (graph != confirmed && !hasRun(graph)) {
            throw new UserException(EmbeddingVersions.NONE_PUBLISHED);
        }
        return graph;
    }

    private boolean hasRun(GraphConnection graph) {
        if (EmbeddingVersions.anyPublished(graph)) {
            confirmed = graph;
            return true;
        }
        return false;
    }
}
