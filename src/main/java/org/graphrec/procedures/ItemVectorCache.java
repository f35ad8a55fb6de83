package org.graphrec.procedures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import org.neo4j.logging.Log;

/**
 * The JVM-wide cache of {@link ItemMatrix} copies, one per (database, vector property). An entry is reused while
 * its stamp matches: a fused embedding version's properties ({@code embedding_vN}) are written once and never
 * change, so their stamp is constant; modality vectors change with imports, so theirs is derived from the
 * {@code :ImportRun} nodes. A stale copy is rebuilt inside the caller's transaction; only one thread builds a
 * given entry at a time.
 */
final class ItemVectorCache {

    private record Key(String database, String property) {
    }

    private record Entry(String stamp, ItemMatrix matrix) {
    }

    private static final Map<Key, Entry> ENTRIES = new ConcurrentHashMap<>();
    private static final Map<Key, Object> LOCKS = new ConcurrentHashMap<>();
    static final Label ITEM = Label.label("Item");

    private ItemVectorCache() {
    }

    /** The copy of {@code property} in {@code database}, (re)built when missing or stamped differently. */
    static ItemMatrix get(Transaction tx, String database, String property, String stamp, Log log) {
        Key key = new Key(database, property);
        Entry entry = ENTRIES.get(key);
        if (entry != null && entry.stamp().equals(stamp)) {
            return entry.matrix();
        }
        synchronized (LOCKS.computeIfAbsent(key, k -> new Object())) {
            entry = ENTRIES.get(key);
            if (entry != null && entry.stamp().equals(stamp)) {
                return entry.matrix();
            }
            long start = System.nanoTime();
            ItemMatrix matrix = build(tx, property);
            ENTRIES.put(key, new Entry(stamp, matrix));
            if (log != null) {
                log.info("graphrec: cached %s of %d items × %d dimensions (%d KiB) in %d ms", property,
                        matrix.rows(), matrix.dimension(), matrix.bytes() >> 10, (System.nanoTime() - start) / 1_000_000);
                if (matrix.clusteredScan() != null) {
                    log.info("graphrec: %s for cosine requests on %s", matrix.clusteredScan(), property);
                }
            }
            return matrix;
        }
    }

    /** Drops the copies of {@code database} whose property starts with {@code prefix} except {@code keep}. */
    static void retain(String database, String prefix, String keep) {
        ENTRIES.keySet().removeIf(k -> k.database().equals(database) && k.property().startsWith(prefix)
                && !k.property().equals(keep));
    }

    /** Drops every copy of {@code database}; returns how many there were. */
    static int clear(String database) {
        int before = ENTRIES.size();
        ENTRIES.keySet().removeIf(k -> k.database().equals(database));
        return before - ENTRIES.size();
    }

    /** Reads every {@code :Item}'s {@code property}; items without it (or with another length) are left out. */
    static ItemMatrix build(Transaction tx, String property) {
        List<String> elementIds = new ArrayList<>();
        List<String> itemIds = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        int dimension = -1;
        try (var items = tx.findNodes(ITEM)) {
            while (items.hasNext()) {
                Node item = items.next();
                float[] v = floats(item.getProperty(property, null));
                Object id = item.getProperty("id", null);
                if (v == null || !(id instanceof String itemId)) {
                    continue;
                }
                if (dimension < 0) {
                    dimension = v.length;
                }
                if (v.length != dimension) {
                    continue;
                }
                elementIds.add(item.getElementId());
                itemIds.add(itemId);
                vectors.add(v);
            }
        }
        dimension = Math.max(dimension, 0);
        float[] values = new float[vectors.size() * dimension];
        for (int r = 0; r < vectors.size(); r++) {
            System.arraycopy(vectors.get(r), 0, values, r * dimension, dimension);
        }
        return new ItemMatrix(property, dimension, elementIds, itemIds, values);
    }

    /** A stored vector as float[] (vector properties are float32 arrays; double[] and lists are accepted too). */
    static float[] floats(Object value) {
        if (value instanceof float[] f) {
            return f;
        }
        if (value instanceof double[] d) {
            float[] out = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = (float) d[i];
            }
            return out;
        }
        if (value instanceof long[] l) {
            float[] out = new float[l.length];
            for (int i = 0; i < l.length; i++) {
                out[i] = l[i];
            }
            return out;
        }
        return null;
    }
}
