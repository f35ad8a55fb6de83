package org.graphrec.recommend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graphrec.config.UserException;
import org.graphrec.graph.GraphConnection;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Relationship;

/** Runs a library query in a read transaction and returns plain Java rows (nodes shown by their key). */
public final class LibraryRunner {

    private LibraryRunner() {
    }

    /**
     * A result table.
     *
     * @param columns column names in query order
     * @param rows    one map per row, values converted to Java (lists, maps, numbers, strings)
     */
    public record Table(List<String> columns, List<Map<String, Object>> rows) {
    }

    /** Runs {@code query} with {@code parameters} (already bound: every declared parameter present). */
    public static Table run(GraphConnection graph, LibraryQuery query, Map<String, Object> parameters) {
        try {
            return graph.read(tx -> {
                var result = tx.run(query.cypher(), parameters);
                List<String> columns = result.keys();
                List<Map<String, Object>> rows = new ArrayList<>();
                result.forEachRemaining(r -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (String c : columns) {
                        row.put(c, plain(r.get(c)));
                    }
                    rows.add(row);
                });
                return new Table(columns, rows);
            });
        } catch (ClientException e) {
            // a query that needs something the graph lacks (e.g. a vector index before the first propagation)
            throw new UserException("cypher " + query.name() + ": " + firstLine(e.getMessage()),
                    UserException.DATABASE_ERROR, e);
        }
    }

    private static Object plain(Value value) {
        if (value.isNull()) {
            return null;
        }
        Object o = value.asObject();
        if (o instanceof Node n) {
            return String.join(":", n.labels()) + " " + (n.containsKey("id") ? n.get("id").asString()
                    : n.containsKey("name") ? n.get("name").asString() : n.elementId());
        }
        if (o instanceof Relationship r) {
            return r.type();
        }
        return o;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
