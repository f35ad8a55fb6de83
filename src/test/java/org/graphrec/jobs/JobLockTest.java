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


    @Test
    void secondAttemptIsToldWhoHoldsTheLock() {
        var first = JobLock.tryAcquire(graph, "refresh", "host-a:1", Duration.ofMinutes(5));
        assertThat(first.acquired()).isTrue();
        var second = JobLock.tryAcquire(graph, "refresh", "host-b:2", Duration.ofMinutes(5));
        assertThat(second.acquired()).isFalse();
        assertThat(second.holder().owner()).isEqualTo("host-a:1");
        first.lock().orElseThrow().close();
        assertThat(JobLock.tryAcquire(graph, "refresh", "host-b:2", Duration.ofMinutes(5)).acquired()).isTrue();
    }

    @Test
    void lockOfACrashedProcessIsTakenOverOnceItsLeaseRanOut() {
        graph.write(tx -> tx.run("""
                CREATE (:JobLock {name: 'refresh', owner: 'crashed:9', token: 't-dead',
                                  acquiredAt: datetime() - duration('PT2H'), leaseUntil: datetime() - duration('PT1M')})
                """).consume());
        var next = JobLock.tryAcquire(graph, "refresh", "host-b:2", Duration.ofMinutes(5));
        assertThat(next.acquired()).isTrue();
        assertThat(next.tookOverFrom()).contains("crashed:9");
        assertThat(next.holder().owner()).isEqualTo("host-b:2");
    }

    @Test
    void renewingExtendsTheLeaseOfTheLiveHolder() throws Exception {
        var holder = JobLock.tryAcquire(graph, "refresh", "host-a:1", Duration.ofSeconds(60)).lock().orElseThrow();
        var before = leaseUntil();
        Thread.sleep(1100);
        assertThat(holder.renew()).isTrue();
        assertThat(leaseUntil()).isAfter(before);
        var other = JobLock.tryAcquire(graph, "refresh", "host-b:2", Duration.ofMinutes(5));
        assertThat(other.acquired()).isFalse();
        assertThat(other.holder().owner()).isEqualTo("host-a:1");
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
        var hung = JobLock.tryAcquire(graph, "refresh", "hung:7", Duration.ofSeconds(60)).lock().orElseThrow();
        hung.stopRenewing();
        graph.write(tx -> tx.run("MATCH (l:JobLock {name: 'refresh'}) "
                + "SET l.leaseUntil = datetime() - duration({seconds: 1})").consume());
        var next = JobLock.tryAcquire(graph, "refresh", "host-b:2", Duration.ofMinutes(5));
        assertThat(next.acquired()).isTrue();
        assertThat(next.tookOverFrom()).contains("hung:7");
        assertThat(hung.renew()).isFalse();
        hung.close(); // must not release the new holder's lock
        assertThat(JobLock.tryAcquire(graph, "refresh", "host-c:3", Duration.ofMinutes(5)).acquired()).isFalse();
    }

    @Test
    void ofManyConcurrentAttemptsExactlyOneWins() throws Exception {
        int contenders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<JobLock.Attempt>> attempts = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            String owner = "worker-" + i;
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
