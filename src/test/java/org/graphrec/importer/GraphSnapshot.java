package org.graphrec.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.graphrec.graph.GraphConnection;
import org.neo4j.driver.Value;

/** Everything in the graph except ImportRun nodes, as sorted text lines: equal snapshots mean equal graphs. */
final class GraphSnapshot {

    private GraphSnapshot() {
    }

    static List<String> of(GraphConnection graph) {
        return graph.read(tx -> {
            List<String> lines = new ArrayList<>();
            tx.run("""
                    MATCH (n) WHERE NOT n:ImportRun
                    RETURN labels(n) AS labels, properties(n) AS props
                    """).forEachRemaining(r -> lines.add("node " + r.get("labels").asList() + " "
                    + text(r.get("props"))));
            tx.run("""
                    MATCH (a)-[r]->(b)
                    RETURN type(r) AS type, coalesce(a.id, a.name) AS from, coalesce(b.id, b.name) AS to,
                           properties(r) AS props
                    """).forEachRemaining(r -> lines.add("rel " + r.get("type").asString() + " "
                    + r.get("from").asString() + "->" + r.get("to").asString() + " " + text(r.get("props"))));
            lines.sort(null);
            return lines;
        });
    }

    private static String text(Value props) {
        Map<String, Object> sorted = new TreeMap<>(props.asMap(v -> v.asObject()));
        return sorted.toString();
    }
}
