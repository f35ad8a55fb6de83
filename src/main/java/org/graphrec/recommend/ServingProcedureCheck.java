package org.graphrec.recommend;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
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

    private static final List<String> SERVING = List.of("graphrec.recommend", "graphrec.similar");
    private static final List<String> NEIGHBOURHOOD = List.of("graphrec.neighbourhood", "graphrec.neighbours");

    /** Per connection: which sets of procedures it has (asked once each). */
    private static final Map<GraphConnection, Map<List<String>, Boolean>> KNOWN =
            Collections.synchronizedMap(new WeakHashMap<>());

    private ServingProcedureCheck() {
    }

    /**
     * True when {@code graphrec.neighbourhood} and {@code graphrec.neighbours} can be called (a plugin jar older
     * than them lacks them while it has the others).
     */
    public static boolean neighbourhood(GraphConnection graph) {
        return has(graph, NEIGHBOURHOOD);
    }

    /** True when {@code graphrec.recommend} and {@code graphrec.similar} can be called. */
    public static boolean available(GraphConnection graph) {
        return has(graph, SERVING);
    }

    private static boolean has(GraphConnection graph, List<String> names) {
        Map<List<String>, Boolean> known = KNOWN.computeIfAbsent(graph, g -> new ConcurrentHashMap<>());
        return known.computeIfAbsent(names, n -> graph.read(tx -> tx.run(
                "SHOW PROCEDURES YIELD name WHERE name IN $names RETURN count(*) = size($names) AS ok",
                Map.of("names", n)).single().get("ok").asBoolean()));
    }
}
