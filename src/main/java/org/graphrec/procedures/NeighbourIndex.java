package org.graphrec.procedures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.ResourceIterable;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;

/**
 * The graph the neighbourhood walk reads, in memory: every User, Item, Brand and Category node (and any node they
 * reach) with its INTERACTED, MADE_BY, IN_CATEGORY and SIMILAR relationships (SIMILAR of one kNN version only), both
 * directions, each node's list sorted the way the walk's cut takes it — strongest SIMILAR score first, then newest
 * interaction ({@code ts}), then the other node's key, then the relationship's element id. A breadth-first load of a
 * neighbourhood ({@link #load}) is then a walk over arrays: the first {@code fanout} entries of each node, where
 * the Cypher load ({@code recommend.Neighbourhood}) read and sorted every relationship of every node it expanded (at
 * 10M interactions a popular item has tens of thousands). Same rules, same result; built once per import and
 * publish (the cache here, keyed by database and a stamp of the imports and the published version), refused with
 * a clear error when the heap cannot hold the build ({@link #buildBytes}). Memory ≈ 8 bytes per relationship end
 * and 8 per relationship, plus ~150 bytes per node (571 MiB at 10M interactions).
 */
public final class NeighbourIndex {

    /** Label codes, as the Cypher load names them. */
    static final String[] LABELS = {"User", "Item", "Brand", "Category"};
    static final RelationshipType INTERACTED = RelationshipType.withName("INTERACTED");
    static final RelationshipType MADE_BY = RelationshipType.withName("MADE_BY");
    static final RelationshipType IN_CATEGORY = RelationshipType.withName("IN_CATEGORY");
    static final RelationshipType SIMILAR = RelationshipType.withName("SIMILAR");
    private static final Label USER = Label.label("User");
    private static final Label ITEM = Label.label("Item");
    private static final Label BRAND = Label.label("Brand");

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
            long relationships = checkMemory(tx);
            long start = System.nanoTime();
            NeighbourIndex index = build(tx, similarVersion, relationships);
            CACHE.put(database, new Cached(stamp, index));
            if (log != null) {
                log.info("graphrec: indexed %d nodes and %d relationship ends for neighbourhoods (%d MiB) in %d ms",
                        index.nodes(), index.entries(), index.bytes() >> 20, (System.nanoTime() - start) / 1_000_000);
            }
            return index;
        }
    }

    /** Starts the message of a build refused for memory (the shell then loads through Cypher). */
    public static final String REFUSED = "graphrec.neighbourhood: the neighbourhood index needs";
    /** System property: the most bytes a build may take (default: whatever the heap has free). */
    static final String MAX_BYTES_PROPERTY = "graphrec.neighbourIndex.maxBytes";

    /**
     * Peak heap bytes of a build over {@code relationships} relationships of the four types (any SIMILAR version)
     * and {@code nodes} nodes: the columns read (40 bytes per relationship), the sorted entries (16) and weights (8),
     * ~250 bytes per node (keys, look-up map, Node handles while building).
     */
    static long buildBytes(long relationships, long nodes) {
        return relationships * 64 + nodes * 250;
    }

    /**
     * Refuses a build that would not fit: the estimate from the count store against the heap free now (or the
     * {@value #MAX_BYTES_PROPERTY} system property), so a server with a small heap answers through Cypher instead
     * of running out of memory.
     */
    private static long checkMemory(Transaction tx) {
        long relationships = 0;
        for (RelationshipType type : new RelationshipType[] {INTERACTED, MADE_BY, IN_CATEGORY, SIMILAR}) {
            relationships += count(tx, "MATCH ()-[r:" + type.name() + "]->() RETURN count(r) AS c");
        }
        long nodes = 0;
        for (String label : LABELS) {
            nodes += count(tx, "MATCH (n:" + label + ") RETURN count(n) AS c");
        }
        long need = buildBytes(relationships, nodes);
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        long cap = Long.getLong(MAX_BYTES_PROPERTY, Long.MAX_VALUE);
        if (need > Math.min(free, cap)) {
            throw new IllegalStateException(REFUSED + " ~" + (need >> 20) + " MiB (" + relationships
                    + " relationships, " + nodes + " nodes) and " + (cap < free ? "-D" + MAX_BYTES_PROPERTY
                    + " allows " + (cap >> 20) + " MiB" : "the heap has " + (free >> 20) + " MiB free")
                    + "; raise the heap (server.memory.heap.max_size, or -Xmx) to use it");
        }
        return relationships;
    }

    // label and type names are the constants above, never user input
    private static long count(Transaction tx, String cypher) {
        try (var result = tx.execute(cypher)) {
            return ((Number) result.next().get("c")).longValue();
        }
    }

    /** Drops {@code database}'s index; returns 1 if there was one. */
    static int clear(String database) {
        return CACHE.remove(database) == null ? 0 : 1;
    }

    /** Vertex key per node index, e.g. {@code User:u1}. */
    private final String[] keys;
    /** Node index by Neo4j node id. */
    private final LongIntMap indexById;
    /** Node {@code v}'s entries are {@code [offsets[v], offsets[v + 1])}, in the cut's order. */
    private final int[] offsets;
    /** Per entry: the node at the other end. */
    private final int[] other;
    /** Per entry: the relationship (an index into {@link #weight}). */
    private final int[] relationship;
    /** Per relationship: its weight (1, or a SIMILAR's score clamped at 0). */
    private final double[] weight;
    /** Per-thread working memory of loads (admitted-node marks stamped by call, look-up maps), kept between calls. */
    private final ThreadLocal<LoadScratch> scratch = new ThreadLocal<>();

    private NeighbourIndex(String[] keys, LongIntMap indexById, int[] offsets, int[] other, int[] relationship,
                           double[] weight) {
        this.keys = keys;
        this.indexById = indexById;
        this.offsets = offsets;
        this.other = other;
        this.relationship = relationship;
        this.weight = weight;
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
        return (long) other.length * 2 * Integer.BYTES + (long) weight.length * Double.BYTES
                + (long) keys.length * 150;
    }

    /** A loaded neighbourhood: vertex keys in discovery order (0 = the seed), merged weighted edges, the cut flag. */
    record Loaded(List<String> keys, int[] from, int[] to, double[] weight, boolean capped) {
    }

    /**
     * Builds the index from the graph as {@code tx} sees it, with the SIMILAR relationships of
     * {@code similarVersion} (none when null): one pass over the relationships (each read once, for both ends),
     * then each node's list sorted; {@code expected} relationships are allocated for up front (more grow).
     */
    static NeighbourIndex build(Transaction tx, Long similarVersion, long expected) {
        Nodes nodes = new Nodes();
        for (String label : LABELS) {
            try (ResourceIterator<Node> found = tx.findNodes(Label.label(label))) {
                while (found.hasNext()) {
                    nodes.admit(found.next());
                }
            }
        }
        Columns rels = new Columns((int) Math.min(Integer.MAX_VALUE - 8, Math.max(16, expected)));
        try (ResourceIterable<Relationship> all = tx.getAllRelationships()) {
            for (Relationship r : all) {
                boolean similar = r.isType(SIMILAR);
                if (!similar && !r.isType(INTERACTED) && !r.isType(MADE_BY) && !r.isType(IN_CATEGORY)
                        || similar && !sameVersion(r.getProperty("version", null), similarVersion)) {
                    continue;
                }
                int start = nodes.admit(r.getStartNode());
                int end = nodes.admit(r.getEndNode());
                double score = r.getProperty("score", null) instanceof Number v ? v.doubleValue() : 0.0;
                long ts = r.getProperty("ts", null) instanceof Number t ? t.longValue() : 0L;
                rels.add(start, end, score, ts, !similar ? 1.0 : score > 0 ? score : 0.0, r.getId());
            }
        }
        int n = nodes.keys.size();
        int[] offsets = new int[n + 1];
        for (int i = 0; i < rels.size; i++) {
            offsets[rels.start[i] + 1]++;
            offsets[rels.end[i] + 1]++;
        }
        for (int v = 0; v < n; v++) {
            offsets[v + 1] += offsets[v];
        }
        int[] fill = Arrays.copyOf(offsets, n);
        int[] other = new int[offsets[n]];
        int[] relationship = new int[offsets[n]];
        for (int i = 0; i < rels.size; i++) {
            int a = fill[rels.start[i]]++;
            other[a] = rels.end[i];
            relationship[a] = i;
            int b = fill[rels.end[i]]++;
            other[b] = rels.start[i];
            relationship[b] = i;
        }
        new CutOrder(rels, nodes.keyRanks(), other, relationship).sortAll(offsets);
        return new NeighbourIndex(nodes.keys.toArray(String[]::new), nodes.indexById, offsets, other, relationship,
                Arrays.copyOf(rels.weight, rels.size));
    }

    /** The nodes met while building: index by Neo4j id, vertex key, the key the cut sorts by. */
    private static final class Nodes {
        final LongIntMap indexById = new LongIntMap(1 << 16);
        final List<String> keys = new ArrayList<>();
        final List<String> sortKeys = new ArrayList<>();

        int admit(Node n) {
            int known = indexById.get(n.getId(), -1);
            if (known >= 0) {
                return known;
            }
            int label = n.hasLabel(USER) ? 0 : n.hasLabel(ITEM) ? 1 : n.hasLabel(BRAND) ? 2 : 3;
            Object key = label <= 1 ? n.getProperty("id", null) : n.getProperty("name", null);
            String text = key == null ? null : key.toString();
            int index = keys.size();
            indexById.putIfAbsent(n.getId(), index, -1);
            keys.add(LABELS[label] + ":" + (text == null ? "" : text));
            sortKeys.add(text);
            return index;
        }

        /** Each node's rank by its key (nulls last, equal keys equal ranks). */
        int[] keyRanks() {
            Integer[] order = new Integer[sortKeys.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Comparator<String> byKey = java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder());
            Arrays.sort(order, (x, y) -> byKey.compare(sortKeys.get(x), sortKeys.get(y)));
            int[] rank = new int[order.length];
            for (int i = 1; i < order.length; i++) {
                boolean same = java.util.Objects.equals(sortKeys.get(order[i]), sortKeys.get(order[i - 1]));
                rank[order[i]] = same ? rank[order[i - 1]] : i;
            }
            return rank;
        }
    }

    /** The relationships read, column by column. */
    private static final class Columns {
        int[] start;
        int[] end;
        double[] score;
        long[] ts;
        double[] weight;
        long[] id;
        int size;

        Columns(int capacity) {
            start = new int[capacity];
            end = new int[capacity];
            score = new double[capacity];
            ts = new long[capacity];
            weight = new double[capacity];
            id = new long[capacity];
        }

        void add(int s, int e, double sc, long t, double w, long i) {
            if (size == start.length) {
                int grown = size + (size >> 1);
                start = Arrays.copyOf(start, grown);
                end = Arrays.copyOf(end, grown);
                score = Arrays.copyOf(score, grown);
                ts = Arrays.copyOf(ts, grown);
                weight = Arrays.copyOf(weight, grown);
                id = Arrays.copyOf(id, grown);
            }
            start[size] = s;
            end[size] = e;
            score[size] = sc;
            ts[size] = t;
            weight[size] = w;
            id[size] = i;
            size++;
        }
    }

    /**
     * Sorts each node's entries in the cut's order: score descending, ts descending, the other node's key
     * ascending (null last), the relationship's element id ascending. A merge sort on the entry arrays (no boxing).
     */
    private record CutOrder(Columns rels, int[] keyRank, int[] other, int[] relationship) {

        void sortAll(int[] offsets) {
            int[] tmpOther = new int[0];
            int[] tmpRel = new int[0];
            for (int v = 0; v + 1 < offsets.length; v++) {
                int from = offsets[v];
                int to = offsets[v + 1];
                if (to - from > tmpOther.length) {
                    tmpOther = new int[to - from];
                    tmpRel = new int[to - from];
                }
                sort(from, to, tmpOther, tmpRel);
            }
        }

        private boolean before(int otherA, int relA, int otherB, int relB) {
            int c = Double.compare(rels.score[relB], rels.score[relA]);
            if (c == 0) {
                c = Long.compare(rels.ts[relB], rels.ts[relA]);
            }
            if (c == 0) {
                c = Integer.compare(keyRank[otherA], keyRank[otherB]);
            }
            if (c == 0) {
                // the Cypher load's last key, elementId(r): within one database the element ids share their prefix
                // and end in the id, so they sort as the ids' decimal strings (NeighbourhoodProcedureTest compares)
                c = Long.toString(rels.id[relA]).compareTo(Long.toString(rels.id[relB]));
            }
            return c < 0;
        }

        private void sort(int from, int to, int[] tmpOther, int[] tmpRel) {
            if (to - from <= 16) {
                for (int i = from + 1; i < to; i++) {
                    int o = other[i];
                    int r = relationship[i];
                    int j = i - 1;
                    while (j >= from && before(o, r, other[j], relationship[j])) {
                        other[j + 1] = other[j];
                        relationship[j + 1] = relationship[j];
                        j--;
                    }
                    other[j + 1] = o;
                    relationship[j + 1] = r;
                }
                return;
            }
            int mid = (from + to) >>> 1;
            sort(from, mid, tmpOther, tmpRel);
            sort(mid, to, tmpOther, tmpRel);
            if (!before(other[mid], relationship[mid], other[mid - 1], relationship[mid - 1])) {
                return;
            }
            int n = mid - from;
            System.arraycopy(other, from, tmpOther, 0, n);
            System.arraycopy(relationship, from, tmpRel, 0, n);
            int i = 0;
            int j = mid;
            int k = from;
            while (i < n && j < to) {
                if (before(other[j], relationship[j], tmpOther[i], tmpRel[i])) {
                    other[k] = other[j];
                    relationship[k++] = relationship[j++];
                } else {
                    other[k] = tmpOther[i];
                    relationship[k++] = tmpRel[i++];
                }
            }
            while (i < n) {
                other[k] = tmpOther[i];
                relationship[k++] = tmpRel[i++];
            }
        }
    }

    private static boolean sameVersion(Object version, Long wanted) {
        return wanted != null && version instanceof Number v && v.doubleValue() == wanted.doubleValue();
    }

    /** The node index of a Neo4j node, or −1 when it is not indexed. */
    int index(Node node) {
        return indexById.get(node.getId(), -1);
    }

    /**
     * The neighbourhood of node {@code seed} as the Cypher load builds it: breadth-first for {@code hops} hops;
     * each expanded node contributes the first {@code fanout} entries of its list; a node not yet admitted is
     * admitted (and expanded at the next hop) while fewer than {@code maxNodes} are, otherwise its entry is dropped
     * and the result marked capped; an entry to an admitted node always counts, once per relationship, with
     * parallel relationships between two nodes summed into one edge; self-loops and zero weights are skipped.
     */
    Loaded load(int seed, int hops, int fanout, int maxNodes) {
        LoadScratch mark = scratch.get();
        if (mark == null || mark.vertex.length != keys.length) {
            mark = new LoadScratch(keys.length);
            scratch.set(mark);
        }
        int call = mark.next();
        List<String> vertexKeys = new ArrayList<>();
        mark.set(seed, call, 0);
        vertexKeys.add(keys[seed]);
        LongIntMap counted = mark.counted;
        LongIntMap edgeByPair = mark.edgeByPair;
        counted.clear();
        edgeByPair.clear();
        int[] from = new int[64];
        int[] to = new int[64];
        double[] w = new double[64];
        int edges = 0;
        boolean capped = false;
        int[] frontier = {seed};
        int frontierSize = 1;
        for (int hop = 0; hop < hops && frontierSize > 0; hop++) {
            int[] next = new int[64];
            int nextSize = 0;
            for (int f = 0; f < frontierSize; f++) {
                int node = frontier[f];
                int a = mark.vertex(node, call);
                for (int e = offsets[node]; e < Math.min(offsets[node + 1], offsets[node] + fanout); e++) {
                    int m = other[e];
                    int b = mark.vertex(m, call);
                    if (b < 0) {
                        if (vertexKeys.size() >= maxNodes) {
                            capped = true;
                            continue;
                        }
                        b = vertexKeys.size();
                        mark.set(m, call, b);
                        vertexKeys.add(keys[m]);
                        if (nextSize == next.length) {
                            next = Arrays.copyOf(next, 2 * nextSize);
                        }
                        next[nextSize++] = m;
                    }
                    int rel = relationship[e];
                    if (a == b || weight[rel] <= 0 || counted.putIfAbsent(rel, 0, -1) != -1) {
                        continue;
                    }
                    long pair = a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
                    int edge = edgeByPair.putIfAbsent(pair, edges, -1);
                    if (edge >= 0) {
                        w[edge] += weight[rel];
                        continue;
                    }
                    if (edges == from.length) {
                        from = Arrays.copyOf(from, 2 * edges);
                        to = Arrays.copyOf(to, 2 * edges);
                        w = Arrays.copyOf(w, 2 * edges);
                    }
                    from[edges] = a;
                    to[edges] = b;
                    w[edges] = weight[rel];
                    edges++;
                }
            }
            frontier = next;
            frontierSize = nextSize;
        }
        return new Loaded(List.copyOf(vertexKeys), Arrays.copyOf(from, edges), Arrays.copyOf(to, edges),
                Arrays.copyOf(w, edges), capped);
    }

    /**
     * One thread's working memory for loads, kept between calls: which nodes a load admitted, as which vertex (valid
     * where the stamp is that load's), the relationships it counted and its edges by node pair.
     */
    private static final class LoadScratch {
        final int[] stamp;
        final int[] vertex;
        final LongIntMap counted = new LongIntMap(1 << 12);
        final LongIntMap edgeByPair = new LongIntMap(1 << 12);
        int calls;

        LoadScratch(int nodes) {
            stamp = new int[nodes];
            vertex = new int[nodes];
        }

        int next() {
            if (++calls == Integer.MAX_VALUE) {
                Arrays.fill(stamp, 0);
                calls = 1;
            }
            return calls;
        }

        int vertex(int node, int call) {
            return stamp[node] == call ? vertex[node] : -1;
        }

        void set(int node, int call, int v) {
            stamp[node] = call;
            vertex[node] = v;
        }
    }
}
