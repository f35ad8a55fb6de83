package org.graphrec.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.testing.SharedEmbeddedGraph;
import org.graphrec.versions.EmbeddingVersion;
import org.graphrec.versions.EmbeddingVersion.State;
import org.graphrec.versions.EmbeddingVersions;
import org.graphrec.versions.SimilarGraph;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A job killed with kill -9 leaves its lock and a half-written version behind; the next start (or the next job,
 * once it holds the lock) releases the lock, fails the version with a reason and removes its vectors, vector
 * indexes and kNN graph, while the published version and a finished staged one stay untouched.
 */
class StartupRecoveryTest extends SharedEmbeddedGraph {

    EmbeddingVersions versions;
    SimilarGraph similar;

    @BeforeEach
    void items() {
        graph.write(tx -> tx.run("UNWIND range(0, 3) AS n CREATE (:Item {id: 'i' + n})").consume());
        versions = new EmbeddingVersions(graph);
        similar = new SimilarGraph(graph, ProgressTracker.none());
    }

    /** A version written completely and published under a lock that was then released. */
    long publishedVersion() {
        var lock = JobLock.tryAcquire(graph, EmbeddingVersions.WRITER_LOCK, JobOwner.current(), Duration.ofMinutes(1));
        long v = versions.begin(Map.of("id", "run-ok-" + java.util.UUID.randomUUID(), "mode", "closed-form", "dimension", 2)).version();
        writeVectorsAndKnn(v);
        versions.staged(v, Map.of());
        versions.publish(v);
        lock.lock().orElseThrow().close();
        return v;
    }

    void writeVectorsAndKnn(long v) {
        graph.write(tx -> tx.run("MATCH (i:Item) CALL db.create.setNodeVectorProperty(i, $p, [1.0, 0.5])",
                Map.of("p", EmbeddingVersion.embeddingProperty(v))).consume());
        try (var session = graph.session()) {
            session.run("CREATE VECTOR INDEX " + EmbeddingVersion.itemIndex(v) + " IF NOT EXISTS FOR (i:Item) ON (i."
                    + EmbeddingVersion.embeddingProperty(v) + ") OPTIONS {indexConfig: {`vector.dimensions`: 2, "
                    + "`vector.similarity_function`: 'cosine'}}").consume();
        }
        // item n's neighbours: (n + 1) % 4 then (n + 2) % 4
        similar.write(v, "image", new int[] {0, 2, 4, 6, 8}, new int[] {1, 2, 2, 3, 3, 0, 0, 1},
                new float[] {0.9f, 0.8f, 0.9f, 0.8f, 0.9f, 0.8f, 0.9f, 0.8f}, n -> "i" + n);
    }

    long similarCount(long v) {
        return graph.read(tx -> tx.run("MATCH ()-[s:SIMILAR {version: $v}]->() RETURN count(s) AS c",
                Map.of("v", v)).single().get("c").asLong());
    }

    long publishedSimilarVersion() {
        return graph.read(tx -> tx.run("MATCH (p:PublishedVersion {name: 'fused'}) RETURN p.similarVersion AS v")
                .single().get("v").asLong());
    }

    long withVector(String property) {
        return graph.read(tx -> tx.run("MATCH (i:Item) WHERE i[$p] IS NOT NULL RETURN count(i) AS c",
                Map.of("p", property)).single().get("c").asLong());
    }

    boolean indexExists(String name) {
        return graph.read(tx -> tx.run("SHOW INDEXES YIELD name WHERE name = $n RETURN count(*) AS c",
                Map.of("n", name)).single().get("c").asLong() > 0);
    }

    @Test
    void aKilledJobsLockAndHalfWrittenVersionAreCleanedUpAtTheNextStart() throws Exception {
        long ok = publishedVersion();
        JobOwner dead = JobLockTest.deadLocalProcess();
        JobLock.tryAcquire(graph, EmbeddingVersions.WRITER_LOCK, dead, Duration.ofMinutes(10)).lock().orElseThrow()
                .stopRenewing();
        long orphan = versions.begin(Map.of("id", "run-killed", "mode", "closed-form", "dimension", 2)).version();
        writeVectorsAndKnn(orphan);
        assertThat(similarCount(orphan)).isEqualTo(8);
        // readers see only the published version's kNN graph meanwhile
        assertThat(publishedSimilarVersion()).isEqualTo(ok);

        List<String> notes = StartupRecovery.run(graph, ProgressTracker.none());

        assertThat(notes).anyMatch(n -> n.contains("released the lock of " + dead.label()));
        assertThat(notes).anyMatch(n -> n.contains("embedding version " + orphan + " was left unfinished"));
        assertThat(JobLock.holder(graph, EmbeddingVersions.WRITER_LOCK)).isEmpty();
        EmbeddingVersion failed = versions.get(orphan).orElseThrow();
        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.reason()).contains("job " + dead.label() + " ended while the version was writing");
        assertThat(withVector(EmbeddingVersion.embeddingProperty(orphan))).isZero();
        assertThat(indexExists(EmbeddingVersion.itemIndex(orphan))).isFalse();
        assertThat(similarCount(orphan)).isZero();
        // the published version is untouched
        assertThat(versions.published().orElseThrow().version()).isEqualTo(ok);
        assertThat(similarCount(ok)).isEqualTo(8);
        assertThat(indexExists(EmbeddingVersion.itemIndex(ok))).isTrue();
        // nothing more to do the next time
        assertThat(StartupRecovery.run(graph, ProgressTracker.none())).isEmpty();
    }

    @Test
    void theRunningJobsVersionAndAFinishedStagedVersionAreLeftAlone() {
        publishedVersion();
        var staging = JobLock.tryAcquire(graph, EmbeddingVersions.WRITER_LOCK, JobOwner.current(),
                Duration.ofMinutes(1)).lock().orElseThrow();
        long kept = versions.begin(Map.of("id", "run-no-publish", "mode", "closed-form", "dimension", 2)).version();
        versions.staged(kept, Map.of());
        versions.finished(kept); // propagate --no-publish ended normally
        long running = versions.begin(Map.of("id", "run-live", "mode", "closed-form", "dimension", 2)).version();

        assertThat(versions.failOrphaned("test")).isEmpty(); // the live job still holds the lock
        assertThat(versions.get(running).orElseThrow().state()).isEqualTo(State.WRITING);
        staging.close();
        // its holder released the lock without finishing the version: now it is an orphan, the staged one is not
        assertThat(versions.failOrphaned("test")).containsExactly(running);
        assertThat(versions.get(kept).orElseThrow().state()).isEqualTo(State.STAGED);
    }

    @Test
    void rollingBackRestoresTheOlderKnnGraphAndPruningDeletesUnreferencedOnes() {
        long first = publishedVersion();
        long second = publishedVersion();
        assertThat(similarCount(first)).isEqualTo(8);
        assertThat(similarCount(second)).isEqualTo(8);
        versions.publish(first); // rollback
        assertThat(publishedSimilarVersion()).isEqualTo(first);
        versions.prune(1, -1); // keep only the published one
        assertThat(similarCount(first)).isEqualTo(8);
        assertThat(similarCount(second)).isZero();
    }

    @Test
    void aVersionWithoutItsOwnKnnGraphInheritsThePublishedOneWhichThenStays() {
        long withKnn = publishedVersion();
        long v = versions.begin(Map.of("id", "run-mostpop", "mode", "mostpop", "dimension", 1)).version();
        versions.staged(v, Map.of());
        versions.publish(v);
        versions.prune(1, -1); // withKnn is removed, but its kNN graph is still the published one's
        assertThat(versions.get(withKnn).orElseThrow().state()).isEqualTo(State.REMOVED);
        assertThat(similarCount(withKnn)).isEqualTo(8);
        assertThat(publishedSimilarVersion()).isEqualTo(withKnn);
    }
}
