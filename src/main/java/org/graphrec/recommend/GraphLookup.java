package org.graphrec.recommend;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.graphrec.config.Suggestions;
import org.graphrec.config.UserException;
import org.graphrec.graph.GraphConnection;

/**
 * Finds users, items, brands, categories and modalities by key, and turns a miss into the one-line message
 * "no user with id 'X' — did you mean 'Y'?". Suggestions come from a bounded candidate list read through the
 * uniqueness constraint's index (keys sharing a prefix, and the keys sorted next to the input), never a scan.
 */
public final class GraphLookup {

    /** The kinds of node a user names on the command line. */
    public enum Kind {
        USER("User", "id", "user with id"),
        ITEM("Item", "id", "item with id"),
        BRAND("Brand", "name", "brand"),
        CATEGORY("Category", "name", "category");

        final String label;
        final String key;
        final String noun;

        Kind(String label, String key, String noun) {
            this.label = label;
            this.key = key;
            this.noun = noun;
        }

        // label and key are the constants above, never user input
        String existsQuery() {
            return "MATCH (n:" + label + " {" + key + ": $value}) RETURN count(n) > 0 AS found";
        }

        String candidatesQuery() {
            return "CALL () { MATCH (n:" + label + ") WHERE n." + key + " STARTS WITH $prefix "
                    + "RETURN n." + key + " AS key LIMIT 200 "
                    + "UNION MATCH (n:" + label + ") WHERE n." + key + " >= $value "
                    + "WITH n ORDER BY n." + key + " ASC LIMIT 20 RETURN n." + key + " AS key "
                    + "UNION MATCH (n:" + label + ") WHERE n." + key + " < $value "
                    + "WITH n ORDER BY n." + key + " DESC LIMIT 20 RETURN n." + key + " AS key } "
                    + "RETURN key";
        }
    }

    private GraphLookup() {
    }

    /** Whether a node of {@code kind} with this key exists. */
    public static boolean exists(GraphConnection graph, Kind kind, String value) {
        return graph.read(tx -> tx.run(kind.existsQuery(), Map.of("value", value)).single().get("found")
                .asBoolean());
    }

    /** Throws {@link #missing} unless the node exists. */
    public static void require(GraphConnection graph, Kind kind, String value) {
        if (!exists(graph, kind, value)) {
            throw missing(graph, kind, value);
        }
    }

    /** The user error for a key that is not in the graph, with suggestions. */
    public static UserException missing(GraphConnection graph, Kind kind, String value) {
        return new UserException("no " + kind.noun + " '" + value + "'"
                + Suggestions.didYouMean(value, candidates(graph, kind, value)));
    }

    /** At most ~240 existing keys near {@code value}: same first half, and the neighbours in sort order. */
    static List<String> candidates(GraphConnection graph, Kind kind, String value) {
        String prefix = value.substring(0, Math.max(1, value.length() / 2));
        Set<String> out = new LinkedHashSet<>(graph.read(tx -> tx.run(kind.candidatesQuery(),
                Map.of("prefix", prefix, "value", value)).list(r -> r.get("key").asString(""))));
        out.remove("");
        return new ArrayList<>(out);
    }

    /** Names of the modalities that have vectors, plus {@code fused}. */
    public static List<String> modalities(GraphConnection graph) {
        List<String> names = new ArrayList<>(List.of("fused"));
        names.addAll(graph.read(tx -> tx.run("MATCH (m:Modality) RETURN m.name AS name ORDER BY name")
                .list(r -> r.get("name").asString())));
        return names;
    }

    /** Throws a user error naming the known modalities unless {@code name} is one of them. */
    public static void requireModality(GraphConnection graph, String name) {
        List<String> known = modalities(graph);
        if (!known.contains(name)) {
            throw new UserException("no modality '" + name + "'" + Suggestions.didYouMean(name, known)
                    + " (known: " + String.join(", ", known) + ")");
        }
    }
}
