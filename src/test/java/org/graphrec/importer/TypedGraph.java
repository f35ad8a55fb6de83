package org.graphrec.importer;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.graphrec.graph.GraphConnection;
import org.neo4j.graphdb.Entity;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Transaction;

/**
 * Every node, relationship and property of an embedded store as sorted text lines, read in-process so that value
 * types show (Long vs Integer, float[] vs double[], String[] vs a list): equal lists mean equal graphs. Nodes are
 * named by their id or name, never by Neo4j's internal ids; properties listed in {@code volatileKeys} (per label)
 * show their type only.
 */
final class TypedGraph {

    private TypedGraph() {
    }

    static List<String> of(GraphConnection graph, Map<String, Set<String>> volatileKeys) {
        List<String> lines = new ArrayList<>();
        try (Transaction tx = graph.embedded().orElseThrow().defaultDatabase().beginTx()) {
            for (Node n : tx.getAllNodes()) {
                List<String> labels = new ArrayList<>();
                n.getLabels().forEach(l -> labels.add(l.name()));
                labels.sort(null);
                lines.add("node " + labels + " " + properties(n, keysFor(n, volatileKeys)));
            }
            for (Relationship r : tx.getAllRelationships()) {
                lines.add("rel " + name(r.getStartNode()) + " -" + r.getType().name() + "-> " + name(r.getEndNode())
                        + " " + properties(r, Set.of()));
            }
            tx.commit();
        }
        lines.sort(null);
        return lines;
    }

    private static Set<String> keysFor(Node n, Map<String, Set<String>> volatileKeys) {
        for (Label l : n.getLabels()) {
            Set<String> keys = volatileKeys.get(l.name());
            if (keys != null) {
                return keys;
            }
        }
        return Set.of();
    }

    private static String name(Node n) {
        Object key = n.hasProperty("id") ? n.getProperty("id") : n.getProperty("name", "?");
        return n.getLabels().iterator().next().name() + ":" + key;
    }

    private static String properties(Entity e, Set<String> typeOnly) {
        Map<String, String> sorted = new TreeMap<>();
        e.getAllProperties().forEach((k, v) -> sorted.put(k, v.getClass().getSimpleName()
                + (typeOnly.contains(k) ? "" : "=" + text(v))));
        return sorted.toString();
    }

    private static String text(Object value) {
        if (value.getClass().isArray()) {
            StringBuilder out = new StringBuilder("[");
            for (int k = 0; k < Array.getLength(value); k++) {
                out.append(k == 0 ? "" : ",").append(Array.get(value, k));
            }
            return out.append(']').toString();
        }
        return value.toString();
    }
}
