package org.graphrec.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.graphrec.testing.SharedEmbeddedGraph;
import org.junit.jupiter.api.Test;

class JobLockTest extends SharedEmbeddedGraph {

    /** A holder on another machine: only its lease tells whether it is alive. */
    static JobOwner remote(String host, long pid) {
        return new JobOwner(host + ".elsewhere.example", pid, -1);
    }

    /** A process of this host that has finished: its pid and start time, as a killed job leaves them behind. */
    static JobOwner deadLocalProcess() throws Exception {
        Process p = new ProcessBuilder("sleep", "30").start();
        long started = p.info().startInstant().orElseThrow().toEpochMilli();
        p.destroyForcibly().waitFor();
        return new JobOwner(JobOwner.localHost(), p.pid(), started);
    }

    @Test
    void lockOfAGoneLocalProcessIsTakenOverAtOnceDespiteItsLease() throws Exception {
        JobOwner dead = deadLocalProcess();
        assertThat(dead.isDeadLocalProcess()).isTrue();
        var killed = JobLock.tryAcquire(graph, "refresh", dead, Duration.ofMinutes(10));
        assertThat(killed.acquired()).isTrue();
        killed.lock().orElseThrow().stopRenewing(); // as kill -9 leaves it: the node stays with a 10-minute lease

        var next = JobLock.tryAcquire(graph, "refresh", JobOwner.current(), Duration.ofMinutes(10));
        assertThat(next.acquired()).isTrue();
        assertThat(next.tookOver()).hasValueSatisfying(t -> {
            assertThat(t.previous().owner()).isEqualTo(dead.label());
            assertThat(t.describe()).contains("took over the lock of " + dead.label(), "process " + dead.pid()
                    + " on this host is gone");
        });
        assertThat(JobLock.holder(graph, "refresh").orElseThrow().owner()).isEqualTo(JobOwner.current().label());
        next.lock().orElseThrow().close();
    }

    @Test
    void aLiveLocalHolderIsNeverTakenOverAndAReusedPidIsRecognised() {
        JobOwner me = JobOwner.current();
        assertThat(me.isDeadLocalProcess()).isFalse();
        var mine = JobLock.tryAcquire(graph, "refresh", me, Duration.ofMinutes(10));
        assertThat(mine.acquired()).isTrue();
        var other = JobLock.tryAcquire(graph, "refresh", remote("host-b", 2), Duration.ofMinutes(10));
        assertThat(other.acquired()).isFalse();
        assertThat(other.holder().owner()).isEqualTo(me.label());
        mine.lock().orElseThrow().close();
        // the same pid started at another time is another process: the recorded holder is gone
        assertThat(new JobOwner(me.host(), me.pid(), me.startedAtMillis() - 3_600_000).isDeadLocalProcess())
                .isTrue();
        assertThat(remote("host-b", 1).isDeadLocalProcess()).isFalse();
    }

    @Test
    void releaseDeletesAnyHoldersLockAndSaysWhoseItWas() {
        var held = JobLock.tryAcquire(graph, "refresh", remote("host-a", 1), Duration.ofMinutes(10));
        held.lock().orElseThrow().stopRenewing();
        var released = JobLock.release(graph, "refresh");
        assertThat(released).hasValueSatisfying(h -> assertThat(h.owner()).isEqualTo(remote("host-a", 1).label()));
        assertThat(JobLock.holder(graph, "refresh")).isEmpty();
        assertThat(JobLock.release(graph, "refresh")).isEmpty();
        assertThat(held.lock().orElseThrow().renew()).isFalse();
    }


    @Test
    void secondAttemptIsToldWhoHoldsTheLock() {
        var first = JobLock.tryAcquire(graph, "refresh", remote("host-a", 1), Duration.ofMinutes(5));
        assertThat(first.acquired()).isTrue();
        var second = JobLock.tryAcquire(graph, "refresh", remote("host-b", 2), Duration.ofMinutes(5));
        assertThat(second.acquired()).isFalse();
        assertThat(second.holder().owner()).isEqualTo(remote("host-a", 1).label());
        first.lock().orElseThrow().close();
        assertThat(JobLock.tryAcquire(graph, "refresh", remote("host-b", 2), Duration.ofMinutes(5)).acquired()).isTrue();
    }

    @Test
    void lockOfACrashedProcessIsTakenOverOnceItsLeaseRanOut() {
        graph.write(tx -> tx.run("""
                CREATE (:JobLock {name: 'refresh', owner: 'crashed:9', token: 't-dead',
                                  acquiredAt: datetime() - duration('PT2H'), leaseUntil: datetime() - duration('PT1M')})
                """).consume());
        var next = JobLock.tryAcquire(graph, "refresh", remote("host-b", 2), Duration.ofMinutes(5));
        assertThat(next.acquired()).isTrue();
        assertThat(next.tookOverFrom()).contains("crashed:9");
        assertThat(next.tookOver().orElseThrow().reason()).contains("lease ran out");
        assertThat(next.holder().owner()).isEqualTo(remote("host-b", 2).label());
    }

    @Test
    void renewingExtendsTheLeaseOfTheLiveHolder() throws Exception {
        var holder = JobLock.tryAcquire(graph, "refresh", remote("host-a", 1), Duration.ofSeconds(60)).lock().orElseThrow();
        var before = leaseUntil();
        Thread.sleep(1100);
        assertThat(holder.renew()).isTrue();
        assertThat(leaseUntil()).isAfter(before);
        var other = JobLock.tryAcquire(graph, "refresh", remote("host-b", 2), Duration.ofMinutes(5));
        assertThat(other.acquired()).isFalse();
        assertThat(other.holder().owner()).isEqualTo(remote("host-a", 1).label());
        holder.close();
    }

    private static java.time.ZonedDateTime leaseUntil() {
        return graph.read(tx -> tx.run("MATCH (l:JobLock {name: 'refresh'}) RETURN l.leaseUntil AS t").single()
                .get("t").asZonedDateTime());
    }

    @Test
    void holderThatStoppedRenewingLosesTheLockAndCannotReleaseTheNewOne() throws Exception {
        // a 60 s lease renews every 20 s, so no renewal can be under way when it stops; its running out is then
        // written rather than waited for (a 1 s lease renewed after 1 s, racing a test thread that stalled)
        var hung = JobLock.tryAcquire(graph, "refresh", remote("hung", 7), Duration.ofSeconds(60)).lock().orElseThrow();
        hung.stopRenewing();
        graph.write(tx -> tx.run("MATCH (l:JobLock {name: 'refresh'}) "
                + "SET l.leaseUntil = datetime() - duration({seconds: 1})").consume());
        var next = JobLock.tryAcquire(graph, "refresh", remote("host-b", 2), Duration.ofMinutes(5));
        assertThat(next.acquired()).isTrue();
        assertThat(next.tookOverFrom()).contains(remote("hung", 7).label());
        assertThat(hung.renew()).isFalse();
        hung.close(); // must not release the new holder's lock
        assertThat(JobLock.tryAcquire(graph, "refresh", remote("host-c", 3), Duration.ofMinutes(5)).acquired()).isFalse();
    }

    @Test
    void ofManyConcurrentAttemptsExactlyOneWins() throws Exception {
        int contenders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<JobLock.Attempt>> attempts = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            JobOwner owner = remote("worker-" + i, i);
            attempts.add(pool.submit(() -> {
                go.await();
                return JobLock.tryAcquire(graph, "refresh", owner, Duration.ofMinutes(5));
            }));
        }
        go.countDown();
        int winners = 0;
        for (var f : attempts) {
            winners += f.get().acquired() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(winners).isEqualTo(1);
    }
}
