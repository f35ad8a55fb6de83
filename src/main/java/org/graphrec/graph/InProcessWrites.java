package org.graphrec.graph;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.TransientFailureException;

/**
 * Bulk writes into the embedded store through Neo4j's core API ({@code Transaction}, {@code Node.setProperty},
 * {@code createRelationshipTo}) instead of Cypher over Bolt: no parameter maps to build and serialise, no
 * planning, no socket. Writers use it for large batches when {@link GraphConnection#inProcessWrites()} offers it
 * and keep their parameterised-Cypher path for servers ({@code --uri}). Each call of {@link #write} is one
 * transaction, committed or rolled back as a whole.
 */
public final class InProcessWrites {

    /** Attempts of a transaction that fails transiently (deadlock, lock timeout) before the failure is thrown. */
    static final int ATTEMPTS = 3;

    private final GraphDatabaseService db;

    InProcessWrites(GraphDatabaseService db) {
        this.db = db;
    }

    /**
     * Runs {@code work} in one write transaction and commits it; a transient failure rolls it back and runs it
     * again (so {@code work} must not keep state across attempts).
     */
    public <T> T write(Function<Transaction, T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Transaction tx = db.beginTx()) {
                T result = work.apply(tx);
                tx.commit();
                return result;
            } catch (TransientFailureException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * The internal node ids of every node with {@code label}, keyed by its {@code key} property (nodes without it
     * are left out): one label scan, so that a batch writer looks each node up in a map instead of an index. The
     * ids are valid while the nodes exist (graphrec's writers run under the writer lock or on a store being
     * imported).
     */
    @SuppressWarnings("deprecation") // Node.getId: the long id is the cheapest handle within one store session
    public Map<String, Long> nodeIds(String label, String key) {
        Map<String, Long> ids = new HashMap<>();
        try (Transaction tx = db.beginTx(); ResourceIterator<Node> nodes = tx.findNodes(Label.label(label))) {
            while (nodes.hasNext()) {
                Node node = nodes.next();
                Object value = node.getProperty(key, null);
                if (value instanceof String s) {
                    ids.put(s, node.getId());
                }
            }
            tx.commit();
        }
        return ids;
    }

    /**
     * Whether this JVM collects with G1 (the JVM's default; the launcher runs batch commands under ParallelGC), for
     * writers that size their transactions to the collector.
     */
    public static boolean underG1() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .anyMatch(gc -> gc.getName().startsWith("G1 "));
    }

    /** The internal id of {@code node}, for {@link #node}. */
    @SuppressWarnings("deprecation")
    public static long id(Node node) {
        return node.getId();
    }

    /** The node of an id from {@link #nodeIds} or {@link #id} in {@code tx}. */
    @SuppressWarnings("deprecation")
    public static Node node(Transaction tx, long id) {
        return tx.getNodeById(id);
    }
}
