package org.graphrec.versions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.graphrec.config.UserException;
import org.graphrec.graph.GraphConnection;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.versions.EmbeddingVersion.State;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;

/**
 * The life cycle of fused-embedding versions in the graph (cypher/README.md, "Versions"):
 * {@link #begin} allocates a version and records it as a {@code (:PropagationRun {state: 'writing'})},
 * {@link #staged} marks it complete but invisible, {@link #publish} switches readers to it in one write of the
 * {@code (:PublishedVersion {name: 'fused'})} pointer, and {@link #prune} deletes the vectors and indexes of
 * versions that are neither published nor among the newest {@code keep}, and of any version a killed job left
 * behind.
 */
public final class EmbeddingVersions {

    /** The pointer node's name: the fused embeddings serving reads. */
    public static final String POINTER = "fused";
    /** The message every embedding-based command gives before the first publish. */
    public static final String NONE_PUBLISHED = "no propagation run yet — run 'propagate' first";
    /** Nodes updated per transaction when vectors are removed. */
    static final int REMOVE_BATCH = 5_000;

    /**
     * The lock every writer of versions holds ({@code propagate}, {@code refresh}, {@code versions --prune}); a
     * version records the token of the lock held when it began, so that a version whose job is gone is recognised.
     */
    public static final String WRITER_LOCK = "refresh";

    private static final String VERSION_FIELDS = "r.version AS version, r.id AS id, r.state AS state, "
            + "r.mode AS mode, coalesce(r.dimension, 0) AS dimension, r.mipsNorm AS mipsNorm, "
            + "coalesce(r.failedBecause, r.rejectedBecause) AS reason";

    private final GraphConnection graph;
    private final ProgressTracker progress;

    public EmbeddingVersions(GraphConnection graph, ProgressTracker progress) {
        this.graph = graph;
        this.progress = progress;
    }

    public EmbeddingVersions(GraphConnection graph) {
        this(graph, ProgressTracker.none());
    }

    /**
     * Allocates the next version number and creates its PropagationRun in state {@code writing}, tagged with the
     * writer lock's current token and holder ({@code job}, {@code jobOwner}: the job the version belongs to) and
     * inheriting the published version's kNN graph until it writes its own ({@link SimilarGraph}).
     *
     * @param run the run's properties (id, mode, dimension, mipsNorm, parameters …); version and state are set here
     */
    public EmbeddingVersion begin(Map<String, Object> run) {
        Map<String, Object> props = new HashMap<>(run);
        return graph.write(tx -> {
            long version = tx.run("""
                    MERGE (p:PublishedVersion {name: $name})
                    SET p.lastAllocated = coalesce(p.lastAllocated, 0) + 1
                    RETURN p.lastAllocated AS v
                    """, Map.of("name", POINTER)).single().get("v").asLong();
            props.put("version", version);
            props.put("state", State.WRITING.label());
            Record r = tx.run("""
                    MATCH (p:PublishedVersion {name: $name})
                    OPTIONAL MATCH (l:JobLock {name: $lock})
                    CREATE (r:PropagationRun) SET r = $run, r.createdAt = datetime(), r.job = l.token,
                           r.jobOwner = l.owner, r.similarVersion = p.similarVersion
                    """ + "RETURN " + VERSION_FIELDS, Map.of("run", props, "name", POINTER, "lock", WRITER_LOCK))
                    .single();
            return toVersion(r);
        });
    }

    /** Marks a fully written and indexed version as staged (invisible until published). */
    public void staged(long version, Map<String, Object> properties) {
        graph.write(tx -> tx.run("""
                MATCH (r:PropagationRun {version: $version})
                SET r += $props, r.state = 'staged'
                """, Map.of("version", version, "props", properties)).consume());
    }

    /** Updates properties of a version's run (for example metrics computed after staging). */
    public void update(long version, Map<String, Object> properties) {
        graph.write(tx -> tx.run("MATCH (r:PropagationRun {version: $version}) SET r += $props",
                Map.of("version", version, "props", properties)).consume());
    }

    /**
     * Makes {@code version} the one readers see, in a single transaction that moves the pointer and the states
     * (the previously published version becomes {@code retired}). A staged or retired version can be published
     * (the latter is a rollback).
     *
     * @return the version that was published before, if any
     */
    public Optional<Long> publish(long version) {
        return graph.write(tx -> {
            Record r = tx.run("""
                    MATCH (r:PropagationRun {version: $version})
                    RETURN r.state AS state
                    """, Map.of("version", version)).list().stream().findFirst().orElse(null);
            if (r == null) {
                throw new UserException("no embedding version " + version);
            }
            State state = State.parse(r.get("state").asString(null));
            if (state != State.STAGED && state != State.RETIRED && state != State.PUBLISHED) {
                throw new UserException("embedding version " + version + " is " + state.label()
                        + " and cannot be published (only staged or retired versions can)");
            }
            Record pointer = tx.run("""
                    MERGE (p:PublishedVersion {name: $name})
                    WITH p, p.version AS previous
                    SET p.version = $version, p.run = $run, p.publishedAt = datetime()
                    WITH p, previous
                    OPTIONAL MATCH (old:PropagationRun {version: previous}) WHERE previous <> $version
                    SET old.state = 'retired'
                    WITH p, previous
                    MATCH (r:PropagationRun {version: $version})
                    SET r.state = 'published', r.publishedAt = datetime(), p.similarVersion = r.similarVersion
                    REMOVE r.job
                    RETURN previous
                    """, Map.of("name", POINTER, "version", version, "run", runId(tx, version))).single();
            return pointer.get("previous").isNull() || pointer.get("previous").asLong() == version
                    ? Optional.<Long>empty() : Optional.of(pointer.get("previous").asLong());
        });
    }

    private static String runId(TransactionContext tx, long version) {
        return tx.run("MATCH (r:PropagationRun {version: $version}) RETURN r.id AS id", Map.of("version", version))
                .single().get("id").asString();
    }

    /** Records that the quality gate refused {@code version}; its vectors go at the next {@link #prune}. */
    public void reject(long version, String reason) {
        graph.write(tx -> tx.run("""
                MATCH (r:PropagationRun {version: $version})
                SET r.state = 'rejected', r.rejectedBecause = $reason
                REMOVE r.job
                """, Map.of("version", version, "reason", reason)).consume());
    }

    /**
     * Records that the job writing {@code version} finished with it (a staged version kept for a later
     * {@code versions --publish}): it is no longer at risk of being failed as left behind by a dead job.
     */
    public void finished(long version) {
        graph.write(tx -> tx.run("MATCH (r:PropagationRun {version: $version}) REMOVE r.job",
                Map.of("version", version)).consume());
    }

    /**
     * Marks {@code failed} every version left {@code writing} or {@code staged} by a job that no longer holds the
     * writer lock (it died, or its lock was released or taken over), records why, and deletes its vectors, vector
     * indexes and kNN graph. Run by every job once it holds the lock and at every start. Returns the failed
     * versions.
     *
     * @param by who noticed, e.g. {@code host:pid}, recorded in the reason
     */
    public List<Long> failOrphaned(String by) {
        List<Record> orphans = graph.write(tx -> tx.run("""
                MATCH (r:PropagationRun) WHERE r.state IN ['writing', 'staged'] AND r.job IS NOT NULL
                OPTIONAL MATCH (l:JobLock {name: $lock})
                WITH r, l WHERE l IS NULL OR l.token <> r.job
                WITH r, r.state AS was
                SET r.state = 'failed', r.failedAt = datetime(),
                    r.failedBecause = 'job ' + coalesce(r.jobOwner, '?') + ' ended while the version was ' + was
                                      + ' (found by ' + $by + ')'
                REMOVE r.job
                RETURN r.version AS version, r.failedBecause AS reason
                """, Map.of("lock", WRITER_LOCK, "by", by)).list());
        List<Long> failed = new ArrayList<>();
        for (Record r : orphans) {
            long version = r.get("version").asLong();
            progress.log("embedding version " + version + " failed: " + r.get("reason").asString());
            removeVectors(version);
            failed.add(version);
        }
        if (!failed.isEmpty()) {
            new SimilarGraph(graph, progress).pruneUnreferenced();
        }
        return failed;
    }

    /** The published version, if any: one read of the pointer. */
    public Optional<EmbeddingVersion> published() {
        return graph.read(EmbeddingVersions::published);
    }

    /** The published version as seen by {@code tx}. */
    public static Optional<EmbeddingVersion> published(TransactionContext tx) {
        var rows = tx.run("MATCH (p:PublishedVersion {name: $name}) WHERE p.version IS NOT NULL "
                + "MATCH (r:PropagationRun {version: p.version}) RETURN " + VERSION_FIELDS,
                Map.of("name", POINTER)).list();
        return rows.isEmpty() ? Optional.empty() : Optional.of(toVersion(rows.get(0)));
    }

    /** Whether a version is published: one index-backed look-up, cheap enough for availability checks. */
    public static boolean anyPublished(GraphConnection graph) {
        return graph.read(tx -> tx.run("MATCH (p:PublishedVersion {name: $name}) WHERE p.version IS NOT NULL "
                + "RETURN 1 AS ok", Map.of("name", POINTER)).hasNext());
    }

    /** The published version, or the one-line user error {@link #NONE_PUBLISHED}. */
    public EmbeddingVersion requirePublished() {
        return published().orElseThrow(() -> new UserException(NONE_PUBLISHED));
    }

    /** One version by number. */
    public Optional<EmbeddingVersion> get(long version) {
        return graph.read(tx -> tx.run("MATCH (r:PropagationRun {version: $version}) RETURN " + VERSION_FIELDS,
                Map.of("version", version)).list().stream().findFirst().map(EmbeddingVersions::toVersion));
    }

    /** Every versioned run, newest first. */
    public List<EmbeddingVersion> list() {
        return graph.read(tx -> tx.run("MATCH (r:PropagationRun) WHERE r.version IS NOT NULL RETURN "
                + VERSION_FIELDS + " ORDER BY r.version DESC").list(EmbeddingVersions::toVersion));
    }

    /**
     * Deletes the vectors and vector indexes of every version that is not worth keeping: all but the published
     * one and the newest {@code keep − 1} retired ones, and every writing, staged or rejected version except
     * {@code protect} (a version the caller is still working on; −1 for none). Also removes the unversioned
     * vectors of stores written before versioning. Safe to repeat after a crash at any point.
     *
     * @return the versions whose vectors were removed
     */
    public List<Long> prune(int keep, long protect) {
        if (keep < 1) {
            throw new UserException("--keep must be at least 1 (the published version), got " + keep);
        }
        long current = published().map(EmbeddingVersion::version).orElse(-1L);
        List<Long> removed = new ArrayList<>();
        int retiredKept = 0;
        for (EmbeddingVersion v : list()) {
            if (v.version() == current || v.version() == protect || v.state() == State.REMOVED
                    || v.state() == State.FAILED) {
                continue;
            }
            if (v.state() == State.RETIRED && retiredKept < keep - 1) {
                retiredKept++;
                continue;
            }
            remove(v.version());
            removed.add(v.version());
        }
        removeLegacy();
        new SimilarGraph(graph, progress).pruneUnreferenced();
        return removed;
    }

    /** Drops the indexes of {@code version}, removes its properties from every node, marks it removed. */
    void remove(long version) {
        progress.log("removing embedding version " + version);
        removeVectors(version);
        graph.write(tx -> tx.run("MATCH (r:PropagationRun {version: $version}) SET r.state = 'removed' REMOVE r.job",
                Map.of("version", version)).consume());
    }

    private void removeVectors(long version) {
        dropIndex(EmbeddingVersion.itemIndex(version));
        dropIndex(EmbeddingVersion.mipsIndex(version));
        removeProperties(EmbeddingVersion.embeddingProperty(version), EmbeddingVersion.mipsProperty(version));
    }

    /** Stores written before versioning kept one unversioned set of vectors; they are replaced by versions. */
    private void removeLegacy() {
        boolean legacy = graph.read(tx -> tx.run("SHOW INDEXES YIELD name WHERE name IN $names RETURN count(*) AS c",
                Map.of("names", List.of("item_embedding", "item_embedding_mips"))).single().get("c").asLong() > 0);
        if (legacy) {
            progress.log("removing the unversioned embeddings of an older graphrec");
            dropIndex("item_embedding");
            dropIndex("item_embedding_mips");
            removeProperties("embedding", "embeddingMips");
        }
    }

    private void dropIndex(String name) {
        // index names are generated from a version number (EmbeddingVersion); DDL cannot take parameters
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException(name);
        }
        graph.write(tx -> tx.run("DROP INDEX " + name + " IF EXISTS").consume());
    }

    private void removeProperties(String property, String mipsProperty) {
        for (String label : List.of("User", "Item")) {
            // auto-commit query: CALL … IN TRANSACTIONS keeps each transaction small on large graphs
            try (var session = graph.session()) {
                session.run("MATCH (n:" + label + ") WHERE n[$p] IS NOT NULL OR n[$m] IS NOT NULL "
                        + "CALL (n) { SET n[$p] = null, n[$m] = null } IN TRANSACTIONS OF " + REMOVE_BATCH + " ROWS",
                        Map.of("p", property, "m", mipsProperty)).consume();
            } catch (RuntimeException e) {
                throw GraphConnection.translate(e, graph.uri(), graph.database());
            }
        }
    }

    private static EmbeddingVersion toVersion(Record r) {
        return new EmbeddingVersion(r.get("version").asLong(), r.get("id").asString(null),
                State.parse(r.get("state").asString(null)), r.get("mode").asString(null),
                (int) r.get("dimension").asLong(), r.get("mipsNorm").isNull() ? Double.NaN
                : r.get("mipsNorm").asDouble(), r.get("reason").asString(null));
    }
}
