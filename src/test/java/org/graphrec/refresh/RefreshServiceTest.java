package org.graphrec.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.graphrec.config.ExitCode;
import org.graphrec.importer.SplitPolicy;
import org.graphrec.importer.synthetic.SyntheticGenerator;
import org.graphrec.importer.synthetic.SyntheticParameters;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.propagation.ClosedFormParameters;
import org.graphrec.propagation.PropagateParameters;
import org.graphrec.propagation.PropagateParameters.Mode;
import org.graphrec.testing.SharedEmbeddedGraph;
import org.graphrec.versions.EmbeddingVersion;
import org.graphrec.versions.EmbeddingVersion.State;
import org.graphrec.versions.EmbeddingVersions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The refresh job in process against an embedded store, on the generator's base catalogue + daily increments:
 * incremental import, nothing twice, publish, nothing-to-do, quality gate, bad increments, the lock.
 */
class RefreshServiceTest extends SharedEmbeddedGraph {

    Path landing;
    Path days;

    @BeforeEach
    void data() throws Exception {
        Path generated = dir.resolve("gen-" + System.nanoTime());
        new SyntheticGenerator(SyntheticParameters.builder().users(300).items(120).brands(8).days(3).seed(11)
                .build()).generate(generated, false, ProgressTracker.none());
        // the landing directory starts as the base bundle; increments arrive as day-NN sub-directories
        landing = dir.resolve("landing-" + System.nanoTime());
        days = dir.resolve("days-" + System.nanoTime());
        Files.createDirectories(days);
        for (int d = 1; d <= 3; d++) {
            String name = String.format("day-%02d", d);
            Files.move(generated.resolve(name), days.resolve(name));
        }
        Files.move(generated, landing);
    }

    RefreshParameters params(Mode mode, double maxDrop, boolean force) {
        PropagateParameters propagate = new PropagateParameters(mode, ClosedFormParameters.defaults(16), 5, null,
                0.3, true, true);
        return new RefreshParameters(landing, propagate, maxDrop, 2, 0, SplitPolicy.KEEP, 42,
                dir.resolve("refresh.jsonl"), dir, Duration.ofMinutes(5), "test-" + System.nanoTime(), force);
    }

    RefreshReport run(RefreshParameters p) {
        return new RefreshService(graph, ProgressTracker.none()).run(p);
    }

    void arrive(String day) throws Exception {
        Files.move(days.resolve(day), landing.resolve(day));
    }

    long count(String query) {
        return graph.read(tx -> tx.run(query).single().get(0).asLong());
    }

    @Test
    void importsEachIncrementOncePublishesAndReportsNothingToDo() throws Exception {
        RefreshReport first = run(params(Mode.CLOSED_FORM, 0.05, false));
        assertThat(first.outcome()).isEqualTo(ExitCode.PUBLISHED);
        assertThat(first.published()).isTrue();
        assertThat(first.entries()).extracting(RefreshReport.Entry::status).containsExactly("imported");
        long interactions = count("MATCH ()-[r:INTERACTED]->() RETURN count(r)");
        assertThat(first.entries().get(0).interactions()).isEqualTo(interactions).isPositive();
        assertThat(first.metricsBefore()).isNull();
        assertThat(first.metricsNew()).containsKey("recall@20");
        long v1 = first.newVersion();

        RefreshReport again = run(params(Mode.CLOSED_FORM, 0.05, false));
        assertThat(again.outcome()).isEqualTo(ExitCode.NOTHING_TO_DO);
        assertThat(again.entries()).extracting(RefreshReport.Entry::status).containsExactly("skipped");
        assertThat(count("MATCH ()-[r:INTERACTED]->() RETURN count(r)")).isEqualTo(interactions);

        arrive("day-01");
        arrive("day-02");
        RefreshReport nightly = run(params(Mode.CLOSED_FORM, 0.5, false));
        assertThat(nightly.outcome()).isEqualTo(ExitCode.PUBLISHED);
        assertThat(nightly.entries()).extracting(RefreshReport.Entry::status)
                .containsExactly("skipped", "imported", "imported");
        long added = nightly.entries().stream().mapToLong(RefreshReport.Entry::interactions).sum();
        assertThat(count("MATCH ()-[r:INTERACTED]->() RETURN count(r)")).isEqualTo(interactions + added);
        assertThat(nightly.metricsBefore()).containsKey("recall@20");
        EmbeddingVersions versions = new EmbeddingVersions(graph);
        assertThat(versions.published()).map(EmbeddingVersion::version).hasValue(nightly.newVersion());
        assertThat(versions.get(v1).orElseThrow().state()).isEqualTo(State.RETIRED);
        // no duplicate nodes, one published version, the JSON line is complete
        assertThat(count("MATCH (u:User) WITH u.id AS id, count(*) AS c WHERE c > 1 RETURN count(*)")).isZero();
        assertThat(count("MATCH (r:PropagationRun {state: 'published'}) RETURN count(r)")).isEqualTo(1);
        assertThat(nightly.asJson()).containsEntry("outcome", "published").containsEntry("exitCode", 0)
                .containsEntry("imported", 2L).containsKeys("timings", "metricsBefore", "metricsNew", "files");
        assertThat(nightly.summary()).contains("published version " + nightly.newVersion(), "day-01", "exit code 0");
    }

    @Test
    void theGateKeepsTheOldVersionWhenRecallDrops() {
        RefreshReport first = run(params(Mode.CLOSED_FORM, 0.05, false));
        assertThat(first.outcome()).isEqualTo(ExitCode.PUBLISHED);
        // most-popular is far worse than the closed-form model on this catalogue; no drop is allowed
        RefreshReport worse = run(params(Mode.MOSTPOP, 0.0, true));
        assertThat(worse.outcome()).isEqualTo(ExitCode.GATE_REJECTED);
        assertThat(worse.published()).isFalse();
        assertThat(worse.metricsNew().get("recall@20")).isLessThan(worse.metricsBefore().get("recall@20"));
        assertThat(worse.message()).contains("quality gate rejected version " + worse.newVersion(),
                "version " + first.newVersion() + " stays published");
        EmbeddingVersions versions = new EmbeddingVersions(graph);
        assertThat(versions.published()).map(EmbeddingVersion::version).hasValue(first.newVersion());
        assertThat(versions.get(worse.newVersion()).orElseThrow().state()).as("rejected vectors are removed")
                .isEqualTo(State.REMOVED);
        assertThat(worse.asJson()).containsEntry("outcome", "gate-rejected").containsEntry("exitCode", 11);
    }

    @Test
    void aBadIncrementIsRejectedWholeAndTheRestIsPublished() throws Exception {
        run(params(Mode.CLOSED_FORM, 0.05, false));
        long before = count("MATCH ()-[r:INTERACTED]->() RETURN count(r)");
        arrive("day-01");
        arrive("day-02");
        Path bad = landing.resolve("day-02").resolve("interactions.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(bad));
        lines.add("u1,i1,not-a-rating,1700000000");
        Files.write(bad, lines);
        RefreshReport report = run(params(Mode.CLOSED_FORM, 0.5, false));
        assertThat(report.outcome()).isEqualTo(ExitCode.INPUT_ERROR);
        assertThat(report.published()).as("the good increment is published").isTrue();
        assertThat(report.entries()).extracting(RefreshReport.Entry::status)
                .containsExactly("skipped", "imported", "rejected");
        RefreshReport.Entry rejected = report.entries().get(2);
        assertThat(rejected.detail()).contains("interactions.csv:" + lines.size(), "nothing was written");
        long dayOne = report.entries().get(1).interactions();
        assertThat(count("MATCH ()-[r:INTERACTED]->() RETURN count(r)")).as("nothing of day-02")
                .isEqualTo(before + dayOne);
        // fixed file: the next night imports it
        lines.remove(lines.size() - 1);
        Files.write(bad, lines);
        RefreshReport fixed = run(params(Mode.CLOSED_FORM, 0.5, false));
        assertThat(fixed.entries()).extracting(RefreshReport.Entry::status)
                .containsExactly("skipped", "skipped", "imported");
    }

    @Test
    void aSecondRefreshFindsTheLockHeldAndAStaleLockIsTakenOver() throws Exception {
        graph.write(tx -> tx.run("""
                CREATE (:JobLock {name: 'refresh', owner: 'night-host:4242', token: 't', acquiredAt: datetime(),
                                  leaseUntil: datetime() + duration({minutes: 5})})
                """).consume());
        RefreshReport held = run(params(Mode.CLOSED_FORM, 0.05, false));
        assertThat(held.outcome()).isEqualTo(ExitCode.LOCK_HELD);
        assertThat(held.message()).contains("night-host:4242");
        assertThat(count("MATCH (r:ImportRun) RETURN count(r)")).as("nothing done").isZero();

        graph.write(tx -> tx.run("MATCH (l:JobLock {name: 'refresh'}) SET l.leaseUntil = datetime() - "
                + "duration({minutes: 1})").consume());
        RefreshReport takeover = run(params(Mode.CLOSED_FORM, 0.05, false));
        assertThat(takeover.outcome()).isEqualTo(ExitCode.PUBLISHED);
        assertThat(takeover.asJson()).containsEntry("tookOverLockFrom", "night-host:4242");
        assertThat(count("MATCH (l:JobLock) RETURN count(l)")).as("released").isZero();
    }

    @Test
    void twoRefreshesStartedTogetherRunExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<RefreshReport>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Callable<RefreshReport> job = () -> {
                start.await();
                return run(params(Mode.CLOSED_FORM, 0.05, false));
            };
            runs.add(pool.submit(job));
        }
        start.countDown();
        List<ExitCode> outcomes = new ArrayList<>();
        for (Future<RefreshReport> f : runs) {
            outcomes.add(f.get().outcome());
        }
        pool.shutdown();
        // one publishes; the other finds the lock held or, had it been scheduled only after the first finished,
        // nothing left to do: either way the work ran exactly once (the counts below), whatever the scheduler did
        assertThat(outcomes).containsOnlyOnce(ExitCode.PUBLISHED).hasSize(2)
                .containsAnyOf(ExitCode.LOCK_HELD, ExitCode.NOTHING_TO_DO);
        assertThat(count("MATCH (r:PropagationRun) RETURN count(r)")).isEqualTo(1);
        assertThat(count("MATCH (r:ImportRun) RETURN count(r)")).isEqualTo(1);
        assertThat(Map.of("versions", new EmbeddingVersions(graph).list().size())).containsEntry("versions", 1);
    }
}
