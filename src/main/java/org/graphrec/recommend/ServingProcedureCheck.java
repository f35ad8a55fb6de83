package org.graphrec.recommend;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.graphrec.graph.GraphConnection;

/**
 * Whether the connected Neo4j has graphrec's serving procedures ({@code graphrec.recommend},
 * {@code graphrec.similar}): the embedded store always has them, an external server only with the plugin jar.
 * Asked once per connection. Without them the services run the index-backed library files instead.
 */
public final class ServingProcedureCheck {

    /** Said once per answer served without the procedures. */
    public static final String FALLBACK_NOTE = "this Neo4j server lacks graphrec's procedures (install "
            + "target/graphrec-procedures.jar, see cypher/README.md): ranked through the approximate vector indexes";

    private static final Map<GraphConnection, Boolean> KNOWN = Collections.synchronizedMap(new WeakHashMap<>());

    private ServingProcedureCheck() {
    }

    private static final Map<GraphConnection, Boolean> NEIGHBOURHOOD =
            Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * True when {@code graphrec.neighbourhood} and {@code graphrec.neighbours} can be called (a plugin jar older
     * than them lacks them while it has the others).
     */
    public static boolean neighbourhood(GraphConnection graph) {
        return NEIGHBOURHOOD.computeIfAbsent(graph, g -> g.read(tx -> tx.run("""
                SHOW PROCEDURES YIELD name WHERE name IN ['graphrec.neighbourhood', 'graphrec.neighbours']
                RETURN count(*) = 2 AS ok
                """).single().get("ok").asBoolean()));
    }

    /** True when {@code graphrec.recommend} and {@code graphrec.similar} can be called. */
    public static boolean available(GraphConnection graph) {
        return KNOWN.computeIfAbsent(graph, g -> g.read(tx -> tx.run("""
                SHOW PROCEDURES YIELD name WHERE name IN ['graphrec.recommend', 'graphrec.similar']
                RETURN count(*) = 2 AS ok
                """).single().get("ok").asBoolean()));
    }
}
