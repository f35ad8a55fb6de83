package org.graphrec.procedures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;

/**
 * The graph the neighbourhood walk reads, in memory: every User, Item, Brand and Category node (and any node they
 * reach) with its INTERACTED, MADE_BY, IN_CATEGORY and SIMILAR relationships (SIMILAR of one kNN version only), both
 * directions, each node's list sorted the way the walk's cut takes it — strongest SIMILAR score first, then newest
 * interaction ({@code ts}), then the other node's key, then the relationship id. A breadth-first load of a
 * neighbourhood ({@link #load}) is then a walk over arrays: the first {@code fanout} entries of each node, where
 * the Cypher load ({@code recommend.Neighbourhood}) read and sorted every relationship of every node it expanded (at
 * 10M interactions a popular item has tens of thousands). Same rules, same result; built once per import and
 * publish (the cache here, keyed by database and a stamp of the imports and the published version). Memory ≈ 20 bytes per relationship end plus ~100 bytes per node.
 */
final class NeighbourIndex {

    /** Label codes, as the Cypher load names them. */
    static final String[] LABELS = {"User", "Item", "Brand", "Category"};
    static final RelationshipType INTERACTED = RelationshipType.withName("INTERACTED");
    static final RelationshipType MADE_BY = RelationshipType.withName("MADE_BY");
    static final RelationshipType IN_CATEGORY = RelationshipType.withName("IN_CATEGORY");
    static final RelationshipType SIMILAR = RelationshipType.withName("SIMILAR");
    private static final RelationshipType[] TYPES = {INTERACTED, MADE_BY, IN_CATEGORY, SIMILAR};

    private record Cached(String stamp, NeighbourIndex index) {
    }

    private static final Map<String, Cached> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The index of {@code database}, (re)built inside {@code tx} when missing or built under another {@code stamp};
     * one build at a time per JVM (the build reads every relationship: tens of seconds at 10M interactions).
     */
    static NeighbourIndex get(Transaction tx, String database, String stamp, Long similarVersion,
                              org.neo4j.logging.Log log) {
        Cached cached = CACHE.get(database);
        if (cached != null && cached.stamp().equals(stamp)) {
            return cached.index();
        }
        synchronized (CACHE) {
            cached = CACHE.get(database);
            if (cached != null && cached.stamp().equals(stamp)) {
                return cached.index();
            }
            CACHE.remove(database);
            long start = System.nanoTime();
            NeighbourIndex index = build(tx, similarVersion);
            CACHE.put(database, new Cached(stamp, index));
            if (log != null) {
                log.info("graphrec: indexed %d nodes and %d relationship ends for neighbourhoods (%d MiB) in %d ms",
                        index.nodes(), index.entries(), index.bytes() >> 20, (System.nanoTime() - start) / 1_000_000);
            }
            return index;
        }
    }

    /** Drops {@code database}'s index; returns 1 if there was one. */
    static int clear(String database) {
        return CACHE.remove(database) == null ? 0 : 1;
    }

    /** Vertex key per node index, e.g. {@code User:u1}. */
    private final String[] keys;
    /** Node index by Neo4j node id. */
    private final Map<Long, Integer> indexById;
    /** Node {@code v}'s entries are {@code [offsets[v], offsets[v + 1])}. */
    private final int[] offsets;
    private final int[] other;
    private final double[] weight;
    private final long[] relationship;

    private NeighbourIndex(String[] keys, Map<Long, Integer> indexById, int[] offsets, int[] other, double[] weight,
                           long[] relationship) {
        this.keys = keys;
        this.indexById = indexById;
        this.offsets = offsets;
        this.other = other;
        this.weight = weight;
        this.relationship = relationship;
    }

    /** Nodes indexed. */
    int nodes() {
        return keys.length;
    }

    /** Relationship ends indexed (each relationship twice, once per end). */
    int entries() {
        return other.length;
    }

    /** Approximate heap bytes. */
    long bytes() {
        return (long) other.length * (Integer.BYTES + Double.BYTES + Long.BYTES) + (long) keys.length * 120;
    }

    /** A loaded neighbourhood: vertex keys in discovery order (0 = the seed), merged weighted edges, the cut flag. */
    record Loaded(List<String> keys, int[] from, int[] to, double[] weight, boolean capped) {
    }

    /**
     * Builds the index from the graph as {@code tx} sees it, with the SIMILAR relationships of
     * {@code similarVersion} (none when null).
     */
    static NeighbourIndex build(Transaction tx, Long similarVersion) {
        Map<Long, Integer> indexById = new HashMap<>();
        List<Node> nodes = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> sortKeys = new ArrayList<>();
        for (String label : LABELS) {
            try (ResourceIterator<Node> found = tx.findNodes(Label.label(label))) {
                while (found.hasNext()) {
                    admit(found.next(), indexById, nodes, keys, sortKeys);
                }
            }
        }
        // per node: its relationships, sorted; nodes reached that carry none of the four labels are added as found
        List<int[]> others = new ArrayList<>();
        List<double[]> weights = new ArrayList<>();
        List<long[]> relationships = new ArrayList<>();
        int total = 0;
        Entries entries = new Entries();
        for (int v = 0; v < nodes.size(); v++) {
            Node n = nodes.get(v);
            entries.clear();
            for (Relationship r : n.getRelationships(Direction.BOTH, TYPES)) {
                boolean similar = r.isType(SIMILAR);
                if (similar && !sameVersion(r.getProperty("version", null), similarVersion)) {
                    continue;
                }
                Node m = r.getOtherNode(n);
                Integer to = indexById.get(m.getId());
                if (to == null) {
                    to = admit(m, indexById, nodes, keys, sortKeys);
                }
                double score = r.getProperty("score", null) instanceof Number s ? s.doubleValue() : 0.0;
                long ts = r.getProperty("ts", null) instanceof Number t ? t.longValue() : 0L;
                double w = !similar ? 1.0 : score > 0 ? score : 0.0;
                entries.add(to, w, r.getId(), score, ts);
            }
            int[] order = entries.sorted(sortKeys);
            int[] o = new int[order.length];
            double[] w = new double[order.length];
            long[] rel = new long[order.length];
            for (int i = 0; i < order.length; i++) {
                o[i] = entries.other[order[i]];
                w[i] = entries.weight[order[i]];
                rel[i] = entries.relationship[order[i]];
            }
            others.add(o);
            weights.add(w);
            relationships.add(rel);
            total += o.length;
        }
        int[] offsets = new int[nodes.size() + 1];
        int[] other = new int[total];
        double[] weight = new double[total];
        long[] relationship = new long[total];
        for (int v = 0; v < nodes.size(); v++) {
            int at = offsets[v];
            System.arraycopy(others.get(v), 0, other, at, others.get(v).length);
            System.arraycopy(weights.get(v), 0, weight, at, others.get(v).length);
            System.arraycopy(relationships.get(v), 0, relationship, at, others.get(v).length);
            offsets[v + 1] = at + others.get(v).length;
        }
        return new NeighbourIndex(keys.toArray(String[]::new), indexById, offsets, other, weight, relationship);
    }

    private static int admit(Node n, Map<Long, Integer> indexById, List<Node> nodes, List<String> keys,
                             List<String> sortKeys) {
        Integer known = indexById.get(n.getId());
        if (known != null) {
            return known;
        }
        int label = n.hasLabel(Label.label("User")) ? 0 : n.hasLabel(Label.label("Item")) ? 1
                : n.hasLabel(Label.label("Brand")) ? 2 : 3;
        Object key = label <= 1 ? n.getProperty("id", null) : n.getProperty("name", null);
        String text = key == null ? null : key.toString();
        int index = nodes.size();
        indexById.put(n.getId(), index);
        nodes.add(n);
        keys.add(LABELS[label] + ":" + (text == null ? "" : text));
        sortKeys.add(text);
        return index;
    }

    private static boolean sameVersion(Object version, Long wanted) {
        return wanted != null && version instanceof Number v && v.doubleValue() == wanted.doubleValue();
    }

    /** One node's relationships while it is indexed. */
    private static final class Entries {
        int[] other = new int[16];
        double[] weight = new double[16];
        long[] relationship = new long[16];
        double[] score = new double[16];
        long[] ts = new long[16];
        int size;

        void clear() {
            size = 0;
        }

        void add(int to, double w, long rel, double s, long t) {
            if (size == other.length) {
                other = Arrays.copyOf(other, 2 * size);
                weight = Arrays.copyOf(weight, 2 * size);
                relationship = Arrays.copyOf(relationship, 2 * size);
                score = Arrays.copyOf(score, 2 * size);
                ts = Arrays.copyOf(ts, 2 * size);
            }
            other[size] = to;
            weight[size] = w;
            relationship[size] = rel;
            score[size] = s;
            ts[size] = t;
            size++;
        }

        /** Positions in the cut's order: score descending, ts descending, key ascending (null last), id. */
        int[] sorted(List<String> sortKeys) {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> {
                int c = Double.compare(score[b], score[a]);
                if (c != 0) {
                    return c;
                }
                c = Long.compare(ts[b], ts[a]);
                if (c != 0) {
                    return c;
                }
                String ka = sortKeys.get(other[a]);
                String kb = sortKeys.get(other[b]);
                c = ka == null ? (kb == null ? 0 : 1) : kb == null ? -1 : ka.compareTo(kb);
                return c != 0 ? c : Long.compare(relationship[a], relationship[b]);
            });
            int[] out = new int[size];
            for (int i = 0; i < size; i++) {
                out[i] = order[i];
            }
            return out;
        }
    }

    /** The node index of a Neo4j node, or −1 when it is not indexed. */
    int index(Node node) {
        Integer v = indexById.get(node.getId());
        return v == null ? -1 : v;
    }

    /**
     * The neighbourhood of node {@code seed} as the Cypher load builds it: breadth-first for {@code hops} hops;
     * each expanded node contributes the first {@code fanout} entries of its list; a node not yet admitted is
     * admitted (and expanded at the next hop) while fewer than {@code maxNodes} are, otherwise its entry is dropped
     * and the result marked capped; an entry to an admitted node always counts, once per relationship, with
     * parallel relationships between two nodes summed into one edge; self-loops and zero weights are skipped.
     */
    Loaded load(int seed, int hops, int fanout, int maxNodes) {
        Map<Integer, Integer> vertexOf = new HashMap<>();
        List<String> vertexKeys = new ArrayList<>();
        vertexOf.put(seed, 0);
        vertexKeys.add(keys[seed]);
        Set<Long> counted = new HashSet<>();
        Map<Long, Integer> edgeByPair = new HashMap<>();
        int[] from = new int[64];
        int[] to = new int[64];
        double[] w = new double[64];
        int edges = 0;
        boolean capped = false;
        List<Integer> frontier = List.of(seed);
        for (int hop = 0; hop < hops && !frontier.isEmpty(); hop++) {
            List<Integer> next = new ArrayList<>();
            for (int node : frontier) {
                int a = vertexOf.get(node);
                for (int e = offsets[node]; e < Math.min(offsets[node + 1], offsets[node] + fanout); e++) {
                    int m = other[e];
                    Integer b = vertexOf.get(m);
                    if (b == null) {
                        if (vertexKeys.size() >= maxNodes) {
                            capped = true;
                            continue;
                        }
                        b = vertexKeys.size();
                        vertexOf.put(m, b);
                        vertexKeys.add(keys[m]);
                        next.add(m);
                    }
                    if (a == b || weight[e] <= 0 || !counted.add(relationship[e])) {
                        continue;
                    }
                    long pair = a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
                    Integer edge = edgeByPair.get(pair);
                    if (edge != null) {
                        w[edge] += weight[e];
                        continue;
                    }
                    if (edges == from.length) {
                        from = Arrays.copyOf(from, 2 * edges);
                        to = Arrays.copyOf(to, 2 * edges);
                        w = Arrays.copyOf(w, 2 * edges);
                    }
                    edgeByPair.put(pair, edges);
                    from[edges] = a;
                    to[edges] = b;
                    w[edges] = weight[e];
                    edges++;
                }
            }
            frontier = next;
        }
        return new Loaded(List.copyOf(vertexKeys), Arrays.copyOf(from, edges), Arrays.copyOf(to, edges),
                Arrays.copyOf(w, edges), capped);
    }
}
