package org.graphrec.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.graphrec.config.UserException;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.propagation.EmbeddingStore;
import org.graphrec.recommend.CypherLibrary;
import org.graphrec.recommend.LibraryQuery;
import org.graphrec.testing.SharedEmbeddedGraph;
import org.graphrec.versions.EmbeddingVersion.State;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The version life cycle on a real store: publish is one switch, prune keeps what it should and removes orphans
 * of killed jobs, rollback, legacy clean-up, and a reader running {@code recommend/for-user.cypher} during
 * publishes never sees a mix of two versions.
 */
class EmbeddingVersionsTest extends SharedEmbeddedGraph {

    static final int ITEMS = 30;
    EmbeddingVersions versions;

    @BeforeEach
    void catalogue() {
        versions = new EmbeddingVersions(graph);
        graph.write(tx -> tx.run("""
                CREATE (:User {id: 'u'})
                WITH 1 AS one UNWIND range(0, $n - 1) AS i CREATE (:Item {id: 'i' + i, title: 'item ' + i})
                """, Map.of("n", ITEMS)).consume());
    }

    /** Angle of item {@code i} in version {@code v}: the ranking differs between versions. */
    static double angle(int i, long v) {
        return 0.1 * i + 0.37 * v;
    }

    /** Score of item i under version v for the user [1, 0]: cos(angle). */
    static double score(int i, long v) {
        return (float) Math.cos(angle(i, v));
    }

    /** Stages a version whose item vectors are unit vectors at {@link #angle}, user [1, 0], with its indexes. */
    long stage() {
        EmbeddingVersion v = versions.begin(Map.of("id", "run-" + System.nanoTime(), "mode", "test",
                "dimension", 2, "mipsNorm", 1.0));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            double a = angle(i, v.version());
            rows.add(Map.of("id", "i" + i, "v", List.of(Math.cos(a), Math.sin(a)),
                    "m", List.of(Math.cos(a), Math.sin(a), 0.0)));
        }
        graph.write(tx -> tx.run("""
                MATCH (u:User {id: 'u'}) CALL db.create.setNodeVectorProperty(u, $p, [1.0, 0.0])
                WITH 1 AS one UNWIND $rows AS row MATCH (i:Item {id: row.id})
                CALL db.create.setNodeVectorProperty(i, $p, row.v)
                CALL db.create.setNodeVectorProperty(i, $m, row.m)
                """, Map.of("rows", rows, "p", v.embeddingProperty(), "m", v.mipsProperty())).consume());
        EmbeddingStore store = new EmbeddingStore(graph, ProgressTracker.none());
        store.ensureVectorIndex(v.itemIndex(), "Item", v.embeddingProperty(), 2);
        store.ensureVectorIndex(v.mipsIndex(), "Item", v.mipsProperty(), 3);
        graph.write(tx -> tx.run("CALL db.awaitIndexes(60)").consume());
        versions.staged(v.version(), Map.of());
        return v.version();
    }

    long nodesWith(String property) {
        return graph.read(tx -> tx.run("MATCH (n) WHERE n[$p] IS NOT NULL RETURN count(n) AS c",
                Map.of("p", property)).single().get("c").asLong());
    }

    @Test
    void stagedIsInvisibleUntilPublishedAndPublishRetiresThePrevious() {
        long first = stage();
        assertThat(versions.published()).isEmpty();
        assertThat(EmbeddingVersions.anyPublished(graph)).isFalse();
        assertThat(versions.publish(first)).isEmpty();
        long second = stage();
        assertThat(versions.published()).map(EmbeddingVersion::version).hasValue(first);
        assertThat(versions.publish(second)).hasValue(first);
        assertThat(versions.get(first).orElseThrow().state()).isEqualTo(State.RETIRED);
        assertThat(versions.get(second).orElseThrow().state()).isEqualTo(State.PUBLISHED);
        long publishedRuns = graph.read(tx -> tx.run("MATCH (r:PropagationRun {state: 'published'}) "
                + "RETURN count(r) AS c").single().get("c").asLong());
        assertThat(publishedRuns).isEqualTo(1);
        // rollback: a retired version can be published again
        versions.publish(first);
        assertThat(versions.published()).map(EmbeddingVersion::version).hasValue(first);
        assertThat(versions.get(second).orElseThrow().state()).isEqualTo(State.RETIRED);
    }

    @Test
    void pruneKeepsThePublishedAndNewestRetiredAndRemovesWhatKilledJobsLeft() {
        long v1 = stage();
        versions.publish(v1);
        long v2 = stage();
        versions.publish(v2);
        long v3 = stage();
        versions.publish(v3);
        long v4 = versions.begin(Map.of("id", "killed", "mode", "test", "dimension", 2)).version();
        graph.write(tx -> tx.run("MATCH (i:Item {id: 'i0'}) CALL db.create.setNodeVectorProperty(i, $p, [1.0, 2.0])",
                Map.of("p", EmbeddingVersion.embeddingProperty(v4))).consume());
        long v5 = stage();
        versions.reject(v5, "recall dropped");
        long v6 = stage();

        List<Long> removed = versions.prune(2, v6);

        assertThat(removed).containsExactlyInAnyOrder(v1, v4, v5);
        for (long gone : List.of(v1, v4, v5)) {
            assertThat(nodesWith(EmbeddingVersion.embeddingProperty(gone))).isZero();
            assertThat(nodesWith(EmbeddingVersion.mipsProperty(gone))).isZero();
            assertThat(versions.get(gone).orElseThrow().state()).isEqualTo(State.REMOVED);
        }
        assertThat(nodesWith(EmbeddingVersion.embeddingProperty(v2))).isEqualTo(ITEMS + 1);
        assertThat(nodesWith(EmbeddingVersion.embeddingProperty(v3))).isEqualTo(ITEMS + 1);
        assertThat(nodesWith(EmbeddingVersion.embeddingProperty(v6))).as("protected").isEqualTo(ITEMS + 1);
        List<String> indexes = graph.read(tx -> tx.run("SHOW VECTOR INDEXES YIELD name RETURN name")
                .list(r -> r.get("name").asString()));
        assertThat(indexes).doesNotContain(EmbeddingVersion.itemIndex(v1), EmbeddingVersion.mipsIndex(v5))
                .contains(EmbeddingVersion.itemIndex(v2), EmbeddingVersion.itemIndex(v3));
        // idempotent, and keep = 1 leaves only the published version
        assertThat(versions.prune(2, v6)).isEmpty();
        assertThat(versions.prune(1, -1)).containsExactlyInAnyOrder(v2, v6);
        assertThat(versions.published()).map(EmbeddingVersion::version).hasValue(v3);
        assertThatThrownBy(() -> versions.publish(v1)).isInstanceOf(UserException.class).hasMessageContaining("removed");
        assertThatThrownBy(() -> versions.prune(0, -1)).isInstanceOf(UserException.class);
    }

    @Test
    void pruneRemovesTheUnversionedVectorsOfOlderStores() {
        graph.write(tx -> tx.run("""
                MATCH (i:Item) CALL db.create.setNodeVectorProperty(i, 'embedding', [1.0, 0.0])
                CALL db.create.setNodeVectorProperty(i, 'embeddingMips', [1.0, 0.0, 0.0])
                """).consume());
        new EmbeddingStore(graph, ProgressTracker.none()).ensureVectorIndex("item_embedding", "Item", "embedding", 2);
        versions.publish(stage());
        versions.prune(2, -1);
        assertThat(nodesWith("embedding")).isZero();
        assertThat(nodesWith("embeddingMips")).isZero();
        long legacyIndexes = graph.read(tx -> tx.run("SHOW INDEXES YIELD name WHERE name = 'item_embedding' "
                + "RETURN count(*) AS c").single().get("c").asLong());
        assertThat(legacyIndexes).isZero();
    }

    @Test
    void aReaderDuringPublishesAlwaysSeesExactlyOneVersion() throws Exception {
        versions.publish(stage());
        LibraryQuery forUser = CypherLibrary.load().get("recommend/for-user");
        Map<String, Object> params = forUser.bind(new HashMap<>(Map.of("userId", "u", "k", 5L)));
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        java.util.Set<Long> seenVersions = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                var rows = graph.read(tx -> tx.run(forUser.cypher(), params).list());
                reads.incrementAndGet();
                if (rows.size() != 5) {
                    problems.add("got " + rows.size() + " rows");
                    continue;
                }
                long v = rows.get(0).get("version").asLong();
                seenVersions.add(v);
                List<Integer> expected = java.util.stream.IntStream.range(0, ITEMS).boxed()
                        .sorted((a, b) -> Double.compare(score(b, v), score(a, v))).limit(5).toList();
                for (int r = 0; r < 5; r++) {
                    var row = rows.get(r);
                    int item = Integer.parseInt(row.get("itemId").asString().substring(1));
                    if (row.get("version").asLong() != v || item != expected.get(r)
                            || Math.abs(row.get("score").asDouble() - score(item, v)) > 1e-6) {
                        problems.add("version " + v + " rank " + (r + 1) + ": " + row.asMap());
                    }
                }
            }
        });
        reader.start();
        List<Long> published = new ArrayList<>();
        for (int n = 0; n < 6; n++) {
            long v = stage();
            versions.publish(v);
            published.add(v);
            versions.prune(2, -1);
            // two more reads than now: at least one of them started after this publish, so it must see v (no
            // sleeping, so the verdict does not depend on how the threads were scheduled)
            awaitReads(reads, reads.get() + 2, reader);
        }
        done.set(true);
        reader.join();
        assertThat(problems).isEmpty();
        assertThat(seenVersions).as("every published version was seen").containsAll(published);
        assertThat(score(0, 1)).isCloseTo(Math.cos(0.37), within(1e-6));
    }

    /**
     * Waits until the reader has finished {@code target} reads; fails, rather than hangs, if it died or made no
     * progress for ten minutes (a hang, not slowness: one read takes milliseconds).
     */
    private static void awaitReads(AtomicInteger reads, int target, Thread reader) throws InterruptedException {
        long giveUp = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(10);
        while (reads.get() < target) {
            assertThat(reader.isAlive()).as("the reader thread is running").isTrue();
            assertThat(System.nanoTime() - giveUp).as("the reader finished two reads within ten minutes").isNegative();
            Thread.sleep(1);
        }
    }
}
