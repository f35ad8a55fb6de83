package org.graphrec.versions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import org.graphrec.graph.GraphConnection;
import org.graphrec.graph.InProcessWrites;
import org.graphrec.progress.ProgressTracker;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;

/**
 * The modality kNN graphs as {@code (:Item)-[:SIMILAR {modality, score, rank, version}]->(:Item)}, versioned with
 * the fused embeddings: a propagation run writes its SIMILAR relationships tagged with its own version while the
 * version is still invisible, and readers follow only those of the version named by
 * {@code (:PublishedVersion {name: 'fused'}).similarVersion}, so they never see a half-written kNN graph and a
 * rollback brings the older kNN graph back with the older embeddings. A version that computed no kNN graph
 * (modes mostpop, lightgcn, trained, or {@code --no-similar}) inherits the kNN graph of the version published when
 * it began ({@code PropagationRun.similarVersion}). A version's SIMILAR relationships are deleted when no kept
 * version refers to them any more.
 */
public final class SimilarGraph {

    /** Relationships per write transaction. */
    static final int BATCH = 10_000;
    /**
     * Relationships per in-process transaction on the embedded store: 50,000 under a throughput collector (the
     * launcher's ParallelGC for batch commands), 10,000 under G1, whose young generation copied a 50,000-relationship
     * transaction's state until it was promoted (1M catalogue, first write of 2 × 499,450: G1 50.8 s at 50,000,
     * 30.7 s at 10,000; ParallelGC 24.6 s and 28.5 s; docs/scale.md "Session 16").
     */
    static final int IN_PROCESS_BATCH = InProcessWrites.underG1() ? 10_000 : 50_000;
    /** Relationships deleted per transaction. */
    static final int DELETE_BATCH = 20_000;

    /** What readers put in their queries to find the published kNN graph's version. */
    public static final String PUBLISHED_SIMILAR_VERSION =
            "COLLECT { MATCH (p:PublishedVersion {name: 'fused'}) RETURN p.similarVersion }[0]";

    private static final RelationshipType SIMILAR = RelationshipType.withName("SIMILAR");

    private final GraphConnection graph;
    private final ProgressTracker progress;

    public SimilarGraph(GraphConnection graph, ProgressTracker progress) {
        this.graph = graph;
        this.progress = progress;
    }

    /**
     * Writes one modality's kNN graph for {@code version}, given in CSR form over dense item ids: item {@code i}'s
     * neighbours are {@code targets[offsets[i] .. offsets[i + 1])}, best first, with their cosine {@code scores}.
     * On the embedded store the relationships are created through Neo4j's core API in transactions of
     * {@link #IN_PROCESS_BATCH}, the score as a float32 property (one property record per relationship instead of
     * two, docs/scale.md); on a server, one parameterised {@code UNWIND} per batch of
     * {@link #BATCH}, one row per source item (its id looked up once), the score as the double Bolt sends. Cypher
     * reads both scores as the same FLOAT. Both write the same relationships and skip items missing from the
     * graph. Marks the version as owning its kNN graph. Returns the relationships written.
     */
    public long write(long version, String modality, int[] offsets, int[] targets, float[] scores,
                      IntFunction<String> itemId) {
        int rows = offsets.length - 1;
        progress.begin("write SIMILAR {modality: " + modality + ", version: " + version + "}", offsets[rows]);
        long written;
        long start = System.nanoTime();
        try {
            var inProcess = graph.inProcessWrites();
            written = inProcess.isPresent()
                    ? writeInProcess(inProcess.get(), version, modality, offsets, targets, scores, itemId)
                    : writeOverDriver(version, modality, offsets, targets, scores, itemId);
        } finally {
            progress.end();
        }
        graph.write(tx -> tx.run("MATCH (r:PropagationRun {version: $v}) SET r.similarVersion = $v",
                Map.of("v", version)).consume());
        double secs = (System.nanoTime() - start) / 1e9;
        progress.log(String.format(Locale.ROOT, "wrote %,d SIMILAR {modality: %s, version: %d} relationships in "
                + "%.1f s (%,.0f/s)", written, modality, version, secs, written / Math.max(secs, 1e-9)));
        return written;
    }

    private long writeInProcess(InProcessWrites writes, long version, String modality, int[] offsets, int[] targets,
                                float[] scores, IntFunction<String> itemId) {
        int rows = offsets.length - 1;
        Map<String, Long> byId = writes.nodeIds("Item", "id");
        long[] node = new long[rows];
        for (int i = 0; i < rows; i++) {
            node[i] = byId.getOrDefault(itemId.apply(i), -1L);
        }
        long written = 0;
        int first = 0;
        while (first < rows) {
            int last = first;
            int inBatch = 0;
            while (last < rows && (inBatch == 0 || inBatch < IN_PROCESS_BATCH)) {
                inBatch += offsets[last + 1] - offsets[last];
                last++;
            }
            int from = first;
            int to = last;
            written += writes.write(tx -> {
                long c = 0;
                for (int i = from; i < to; i++) {
                    if (node[i] < 0) {
                        continue;
                    }
                    Node a = InProcessWrites.node(tx, node[i]);
                    for (int p = offsets[i]; p < offsets[i + 1]; p++) {
                        if (node[targets[p]] < 0) {
                            continue;
                        }
                        // string, long, float32, long: a float32 takes one property block where a double takes
                        // two, so the four fit one property record (modality names of up to 5 lower-case
                        // letters: image, text, audio); Cypher reads it as the FLOAT the Cypher path stores as a
                        // double, the same number (the cosine is computed in float32 either way)
                        Relationship r = a.createRelationshipTo(InProcessWrites.node(tx, node[targets[p]]), SIMILAR);
                        r.setProperty("modality", modality);
                        r.setProperty("version", version);
                        r.setProperty("score", scores[p]);
                        r.setProperty("rank", (long) (p - offsets[i] + 1));
                        c++;
                    }
                }
                return c;
            });
            progress.advance(inBatch);
            first = last;
        }
        return written;
    }

    private long writeOverDriver(long version, String modality, int[] offsets, int[] targets, float[] scores,
                                 IntFunction<String> itemId) {
        int rows = offsets.length - 1;
        long written = 0;
        List<Map<String, Object>> batch = new ArrayList<>();
        int inBatch = 0;
        for (int i = 0; i < rows; i++) {
            int from = offsets[i];
            int to = offsets[i + 1];
            if (to > from) {
                List<String> ids = new ArrayList<>(to - from);
                List<Double> s = new ArrayList<>(to - from);
                for (int p = from; p < to; p++) {
                    ids.add(itemId.apply(targets[p]));
                    s.add((double) scores[p]);
                }
                batch.add(Map.of("a", itemId.apply(i), "b", ids, "s", s));
                inBatch += to - from;
            }
            if (inBatch >= BATCH || (i == rows - 1 && !batch.isEmpty())) {
                written += writeBatch(version, modality, batch);
                progress.advance(inBatch);
                batch = new ArrayList<>();
                inBatch = 0;
            }
        }
        return written;
    }

    private long writeBatch(long version, String modality, List<Map<String, Object>> batch) {
        return graph.write(tx -> tx.run("""
                UNWIND $rows AS row
                MATCH (a:Item {id: row.a})
                UNWIND range(0, size(row.b) - 1) AS x
                MATCH (b:Item {id: row.b[x]})
                CREATE (a)-[:SIMILAR {modality: $m, version: $v, score: row.s[x], rank: x + 1}]->(b)
                RETURN count(*) AS c
                """, Map.of("rows", batch, "m", modality, "v", version)).single().get("c").asLong());
    }

    /**
     * Deletes the SIMILAR relationships of every version that owns a kNN graph no kept version (writing, staged,
     * published or retired) and not the published pointer refers to. Safe to repeat. Returns the versions whose
     * kNN graph was deleted.
     */
    public List<Long> pruneUnreferenced() {
        List<Long> unreferenced = graph.read(tx -> tx.run("""
                MATCH (r:PropagationRun) WHERE r.similarVersion = r.version AND r.similarRemoved IS NULL
                  AND NOT r.state IN ['writing', 'staged', 'published', 'retired']
                  AND NOT EXISTS { MATCH (k:PropagationRun) WHERE k.similarVersion = r.version
                                   AND k.state IN ['writing', 'staged', 'published', 'retired'] }
                  AND NOT EXISTS { MATCH (p:PublishedVersion) WHERE p.similarVersion = r.version }
                RETURN r.version AS v ORDER BY v
                """).list(r -> r.get("v").asLong()));
        for (long v : unreferenced) {
            delete(v);
        }
        return unreferenced;
    }

    /**
     * Deletes the SIMILAR relationships of {@code version} in batches and records that they are gone. On the embedded
     * store it walks each item's outgoing SIMILAR relationships through the core API, {@link #DELETE_BATCH} deleted a
     * transaction (one pass over the items); on a server, a parameterised {@code MATCH … LIMIT} per batch, which
     * scans the relationship type again for every batch.
     */
    public void delete(long version) {
        progress.begin("delete SIMILAR {version: " + version + "}", -1);
        try {
            var inProcess = graph.inProcessWrites();
            if (inProcess.isPresent()) {
                deleteInProcess(inProcess.get(), version);
            } else {
                long deleted;
                do {
                    deleted = graph.write(tx -> tx.run("MATCH ()-[s:SIMILAR {version: $v}]->() WITH s LIMIT $n "
                            + "DELETE s RETURN count(*) AS c", Map.of("v", version, "n", DELETE_BATCH)).single()
                            .get("c").asLong());
                    progress.advance(deleted);
                } while (deleted > 0);
            }
        } finally {
            progress.end();
        }
        graph.write(tx -> tx.run("MATCH (r:PropagationRun {version: $v}) SET r.similarRemoved = true",
                Map.of("v", version)).consume());
    }

    private void deleteInProcess(InProcessWrites writes, long version) {
        long[] items = writes.nodeIds("Item", "id").values().stream().mapToLong(Long::longValue).sorted().toArray();
        Long tag = version;
        for (int next = 0; next < items.length; ) {
            int from = next;
            DeleteBatch batch = writes.write(tx -> {
                long deleted = 0;
                int i = from;
                for (; i < items.length && deleted < DELETE_BATCH; i++) {
                    try (var rels = InProcessWrites.node(tx, items[i]).getRelationships(Direction.OUTGOING,
                            SIMILAR)) {
                        for (Relationship r : rels) {
                            if (tag.equals(r.getProperty("version", null))) {
                                r.delete();
                                deleted++;
                            }
                        }
                    }
                }
                return new DeleteBatch(deleted, i);
            });
            next = batch.next();
            progress.advance(batch.deleted());
        }
    }

    /** One delete transaction: relationships deleted, and the item index the next batch starts at. */
    private record DeleteBatch(long deleted, int next) {
    }

    /**
     * Stores written before the kNN graph was versioned have SIMILAR relationships without a version: they belong
     * to the published version (deleted when nothing is published). Runs once per store, recorded on the pointer;
     * returns how many relationships were adopted or deleted.
     */
    public long migrateUnversioned() {
        boolean done = graph.write(tx -> tx.run("""
                MERGE (p:PublishedVersion {name: 'fused'})
                RETURN coalesce(p.similarVersioned, false) AS done
                """).single().get("done").asBoolean());
        if (done) {
            return 0;
        }
        Long published = graph.read(tx -> {
            var v = tx.run("MATCH (p:PublishedVersion {name: 'fused'}) RETURN p.version AS v").single().get("v");
            return v.isNull() ? null : v.asLong();
        });
        long changed;
        try (var session = graph.session()) {
            String body = published == null ? "DELETE s" : "SET s.version = $v";
            changed = session.run("MATCH ()-[s:SIMILAR]->() WHERE s.version IS NULL CALL (s) { " + body
                    + " } IN TRANSACTIONS OF " + DELETE_BATCH + " ROWS RETURN count(*) AS c",
                    java.util.Collections.singletonMap("v", published)).single().get("c").asLong();
        } catch (RuntimeException e) {
            throw GraphConnection.translate(e, graph.uri(), graph.database());
        }
        graph.write(tx -> tx.run("""
                MATCH (p:PublishedVersion {name: 'fused'})
                OPTIONAL MATCH (r:PropagationRun {version: p.version})
                WITH p, r, $changed > 0 AND p.version IS NOT NULL AS adopted
                SET p.similarVersioned = true,
                    p.similarVersion = CASE WHEN adopted THEN p.version ELSE p.similarVersion END
                WITH r, adopted WHERE r IS NOT NULL AND adopted
                SET r.similarVersion = r.version
                """, Map.of("changed", changed)).consume());
        if (changed > 0) {
            progress.log(String.format(Locale.ROOT, "%s %,d SIMILAR relationships of an older graphrec%s", published
                    == null ? "deleted" : "versioned", changed, published == null ? " (no version is published)"
                    : " as the kNN graph of published version " + published));
        }
        return changed;
    }
}
