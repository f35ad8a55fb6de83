package org.graphrec.importer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.graphrec.graph.InProcessWrites;
import org.graphrec.progress.ProgressTracker;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;

/**
 * {@link CatalogueWriter}'s relationships and vectors on the embedded store, through Neo4j's core API: the same
 * graph as its Cypher statements (MADE_BY follows the latest import, IN_CATEGORY and INTERACTED are created when
 * missing, a stored INTERACTED takes a row's values only when the row is not older, absent values are not
 * stored, vectors are float32), without a parameter map, a query plan or Bolt per batch. Nodes are found through
 * the uniqueness constraints' indexes once and then by internal id.
 */
final class InProcessCatalogueWriter {

    private static final RelationshipType MADE_BY = RelationshipType.withName("MADE_BY");
    private static final RelationshipType IN_CATEGORY = RelationshipType.withName("IN_CATEGORY");
    private static final RelationshipType INTERACTED = RelationshipType.withName("INTERACTED");

    private final InProcessWrites writes;
    private final CatalogueWriter owner;
    private final ProgressTracker progress;
    private final Map<String, Map<String, Long>> nodeIds = new HashMap<>();

    InProcessCatalogueWriter(InProcessWrites writes, CatalogueWriter owner, ProgressTracker progress) {
        this.writes = writes;
        this.owner = owner;
        this.progress = progress;
    }

    /**
     * As {@code UNWIND … MERGE (n:label {id}) SET n += row.props}: the nodes of {@code ids}, or of {@code rows}
     * ({@code {id, props}}), are created when missing and take the given properties. Returns the nodes created.
     */
    long merge(String label, List<String> ids, List<Map<String, Object>> rows) {
        int n = ids != null ? ids.size() : rows.size();
        Map<String, Long> createdIds = new HashMap<>();
        long created = transaction(tx -> {
            createdIds.clear(); // a retried transaction starts again
            for (int k = 0; k < n; k++) {
                String id = ids != null ? ids.get(k) : (String) rows.get(k).get("id");
                Node node = node(tx, label, "id", id);
                if (node == null) {
                    node = tx.createNode(Label.label(label));
                    node.setProperty("id", id);
                    createdIds.put(id, InProcessWrites.id(node));
                }
                if (rows != null) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> props = (Map<String, Object>) rows.get(k).get("props");
                    props.forEach(node::setProperty);
                }
            }
            return (long) createdIds.size();
        });
        nodeIds.computeIfAbsent(label, l -> new HashMap<>()).putAll(createdIds); // committed: the ids are valid
        return created;
    }

    /**
     * Rows {@code {id: item id, name: brand or category name}} as MADE_BY ({@code exclusive}: an item's
     * relationships to other brands are deleted) or IN_CATEGORY, created where missing, {@code batch} rows per
     * transaction.
     */
    void links(String type, String targetLabel, boolean exclusive, List<Map<String, Object>> rows, int batch) {
        RelationshipType relType = type.equals("MADE_BY") ? MADE_BY : IN_CATEGORY;
        progress.begin("write " + type, rows.size());
        try {
            for (int first = 0; first < rows.size(); first += batch) {
                List<Map<String, Object>> part = rows.subList(first, Math.min(rows.size(), first + batch));
                long created = transaction(tx -> {
                    long c = 0;
                    for (Map<String, Object> row : part) {
                        Node item = node(tx, "Item", "id", (String) row.get("id"));
                        Node target = node(tx, targetLabel, "name", (String) row.get("name"));
                        if (item == null || target == null) {
                            continue;
                        }
                        boolean linked = false;
                        for (Relationship r : item.getRelationships(Direction.OUTGOING, relType)) {
                            Node end = r.getEndNode();
                            if (end.equals(target)) {
                                linked = true;
                            } else if (exclusive && end.hasLabel(Label.label(targetLabel))) {
                                r.delete();
                            }
                        }
                        if (!linked) {
                            item.createRelationshipTo(target, relType);
                            c++;
                        }
                    }
                    return c;
                });
                owner.add(type, part.size(), created);
                progress.advance(part.size());
            }
        } finally {
            progress.end();
        }
    }

    /**
     * The interactions of users {@code [fromUser, toUser)} in one transaction: a user without INTERACTED gets
     * all of its rows created; otherwise each row updates the stored relationship (when the row is not older) or
     * creates a missing one. Returns the relationships created.
     */
    long interactions(Interactions rows, List<String> userIds, List<ItemRecord> items, int fromUser, int toUser) {
        if (rows.userStart(toUser) == rows.userStart(fromUser)) {
            return 0; // users without interactions: no transaction, as over the driver
        }
        return transaction(tx -> {
            long c = 0;
            for (int u = fromUser; u < toUser; u++) {
                int from = rows.userStart(u);
                int to = rows.userStart(u + 1);
                Node user = to > from ? node(tx, "User", "id", userIds.get(u)) : null;
                if (user == null) {
                    continue;
                }
                Map<Node, Relationship> stored = new HashMap<>();
                for (Relationship r : user.getRelationships(Direction.OUTGOING, INTERACTED)) {
                    stored.put(r.getEndNode(), r);
                }
                for (int k = from; k < to; k++) {
                    Node item = node(tx, "Item", "id", items.get(rows.item(k)).id());
                    if (item == null) {
                        continue;
                    }
                    Relationship r = stored.get(item);
                    long ts = rows.timestamp(k);
                    if (r == null) {
                        r = user.createRelationshipTo(item, INTERACTED);
                        stored.put(item, r);
                        c++;
                    } else {
                        Object old = r.getProperty("ts", null);
                        if (old != null && ts != Interactions.NO_TIMESTAMP && ts < ((Number) old).longValue()) {
                            continue; // an older row never overwrites a newer stored interaction
                        }
                    }
                    float rating = rows.rating(k);
                    Split split = rows.split(k);
                    set(r, "rating", Float.isNaN(rating) ? null : (double) rating);
                    set(r, "ts", ts == Interactions.NO_TIMESTAMP ? null : ts);
                    set(r, "split", split == null ? null : split.graphValue());
                }
            }
            return c;
        });
    }

    /** The vectors of {@code source} as float32 arrays, {@code batch} per transaction. Returns the rows written. */
    void vectors(EmbeddingSource source, List<ItemRecord> items, int batch) {
        int[] index = new int[batch];
        float[][] vectors = new float[batch][];
        int[] size = {0};
        source.forEach((item, vector) -> {
            index[size[0]] = item;
            vectors[size[0]++] = vector.clone();
            if (size[0] == batch) {
                flushVectors(source.property(), items, index, vectors, size[0]);
                size[0] = 0;
            }
        });
        if (size[0] > 0) {
            flushVectors(source.property(), items, index, vectors, size[0]);
        }
    }

    private void flushVectors(String property, List<ItemRecord> items, int[] index, float[][] vectors, int n) {
        transaction(tx -> {
            for (int k = 0; k < n; k++) {
                Node item = node(tx, "Item", "id", items.get(index[k]).id());
                if (item != null) {
                    item.setProperty(property, vectors[k]);
                }
            }
            return null;
        });
        owner.add(property, n, 0);
        progress.advance(n);
    }

    /** As Cypher's {@code SET r.key = value}: null removes the property. */
    private static void set(Relationship r, String key, Object value) {
        if (value == null) {
            r.removeProperty(key);
        } else {
            r.setProperty(key, value);
        }
    }

    /** The node with {@code key = value} (unique), looked up in the constraint's index once, or null. */
    private Node node(Transaction tx, String label, String key, String value) {
        Map<String, Long> known = nodeIds.computeIfAbsent(label, l -> new HashMap<>());
        Long id = known.get(value);
        if (id != null) {
            return InProcessWrites.node(tx, id);
        }
        Node node = tx.findNode(Label.label(label), key, value);
        if (node != null) {
            known.put(value, InProcessWrites.id(node));
        }
        return node;
    }

    private <T> T transaction(Function<Transaction, T> work) {
        owner.beforeBatch();
        T result = writes.write(work);
        owner.afterBatch();
        return result;
    }
}
