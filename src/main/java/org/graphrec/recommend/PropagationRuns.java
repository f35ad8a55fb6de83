package org.graphrec.recommend;

import java.util.Optional;
import org.graphrec.config.UserException;
import org.graphrec.graph.GraphConnection;

/**
 * The propagation runs recorded in the graph. The newest {@code (:PropagationRun)} by {@code createdAt} is the
 * current one: its vectors are on the nodes (cypher/README.md, "Fused embeddings").
 */
public final class PropagationRuns {

    /** The message every embedding-based command gives before the first run. */
    public static final String NO_RUN = "no propagation run yet — run 'propagate' first";

    private PropagationRuns() {
    }

    /**
     * The current run.
     *
     * @param id        run id
     * @param createdAt creation time as stored (epoch millis by convention)
     * @param dimension fused dimension d
     * @param mipsNorm  M of the MIPS transform (largest item norm), or NaN when the run did not store it
     */
    public record Run(String id, Object createdAt, long dimension, double mipsNorm) {
    }

    /** Whether any run exists: one index-backed lookup, cheap enough for availability checks. */
    public static boolean exists(GraphConnection graph) {
        return graph.read(tx -> tx.run("MATCH (r:PropagationRun) RETURN r.id AS id LIMIT 1").hasNext());
    }

    /** The newest run, if any. */
    public static Optional<Run> current(GraphConnection graph) {
        return graph.read(tx -> {
            var result = tx.run("""
                    MATCH (r:PropagationRun)
                    RETURN r.id AS id, r.createdAt AS createdAt, coalesce(r.dimension, 0) AS dimension,
                           r.mipsNorm AS mipsNorm
                    ORDER BY r.createdAt DESC, r.id DESC LIMIT 1
                    """);
            if (!result.hasNext()) {
                return Optional.empty();
            }
            var r = result.next();
            return Optional.of(new Run(r.get("id").asString(null), r.get("createdAt").asObject(),
                    r.get("dimension").asLong(), r.get("mipsNorm").isNull() ? Double.NaN
                    : r.get("mipsNorm").asDouble()));
        });
    }

    /** Throws the user error {@link #NO_RUN} when there is no run. */
    public static void require(GraphConnection graph) {
        if (!exists(graph)) {
            throw new UserException(NO_RUN);
        }
    }
}
