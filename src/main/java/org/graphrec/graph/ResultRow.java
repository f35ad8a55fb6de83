package org.graphrec.graph;

import java.util.Map;
import org.neo4j.driver.Value;
import org.neo4j.driver.Values;

/**
 * One row of {@link GraphConnection#query}: the columns as driver {@link Value}s, the same whether the query ran
 * in-process (embedded store) or through the driver, so callers read {@code row.get("score").asDouble()} either way.
 *
 * @param columns column name → value, in the query's column order
 */
public record ResultRow(Map<String, Value> columns) {

    public ResultRow {
        columns = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(columns));
    }

    /** The column's value; {@code NULL} for a column the query does not return (as a driver record does). */
    public Value get(String column) {
        Value value = columns.get(column);
        return value == null ? Values.NULL : value;
    }
}
