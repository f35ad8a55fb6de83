package org.graphrec.jobs;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.graphrec.graph.GraphConnection;

/**
 * A lock held in the database, so that it works across machines against an external Neo4j: a
 * {@code (:JobLock {name})} node (unique by name) with an owner, a start time and a lease. The holder renews the
 * lease in the background; a lock whose lease ran out (its holder died) can be taken over. Times come from the
 * database clock, so machines with skewed clocks agree.
 */
public final class JobLock implements AutoCloseable {

    /** Who holds a lock and until when. */
    public record Holder(String owner, ZonedDateTime acquiredAt, ZonedDateTime leaseUntil) {
    }

    /** The outcome of an attempt: acquired (possibly by taking over a stale lock), or held by someone else. */
    public record Attempt(Optional<JobLock> lock, Holder holder, Optional<String> tookOverFrom) {
        public boolean acquired() {
            return lock.isPresent();
        }
    }

    private static final String ACQUIRE = """
            MERGE (l:JobLock {name: $name})
              ON CREATE SET l.owner = $owner, l.token = $token, l.acquiredAt = datetime(),
                            l.leaseUntil = datetime() + duration({seconds: $lease})
            WITH l, l.token = $token AS mine, l.leaseUntil < datetime() AS stale, l.owner AS previous
            CALL (l, mine, stale) {
              WITH l WHERE NOT mine AND stale
              SET l.owner = $owner, l.token = $token, l.acquiredAt = datetime(),
                  l.leaseUntil = datetime() + duration({seconds: $lease})
            }
            RETURN l.token = $token AS acquired, (NOT mine AND stale) AS tookOver, previous,
                   l.owner AS owner, l.acquiredAt AS acquiredAt, l.leaseUntil AS leaseUntil
            """;

    private final GraphConnection graph;
    private final String name;
    private final String token;
    private final Duration lease;
    private final ScheduledExecutorService renewer;

    private JobLock(GraphConnection graph, String name, String token, Duration lease) {
        this.graph = graph;
        this.name = name;
        this.token = token;
        this.lease = lease;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "graphrec-lock-renewer");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, lease.toSeconds() / 3);
        renewer.scheduleAtFixedRate(this::renewQuietly, period, period, TimeUnit.SECONDS);
    }

    /**
     * Tries once to take the lock {@code name} for {@code owner}. Never waits: if another live holder has it, the
     * attempt says who.
     */
    public static Attempt tryAcquire(GraphConnection graph, String name, String owner, Duration lease) {
        String token = UUID.randomUUID().toString();
        var row = graph.write(tx -> tx.run(ACQUIRE, Map.of("name", name, "owner", owner, "token", token,
                "lease", lease.toSeconds())).single());
        Holder holder = new Holder(row.get("owner").asString(), row.get("acquiredAt").asZonedDateTime(),
                row.get("leaseUntil").asZonedDateTime());
        if (!row.get("acquired").asBoolean()) {
            return new Attempt(Optional.empty(), holder, Optional.empty());
        }
        Optional<String> tookOver = row.get("tookOver").asBoolean()
                ? Optional.of(row.get("previous").asString()) : Optional.empty();
        return new Attempt(Optional.of(new JobLock(graph, name, token, lease)), holder, tookOver);
    }

    /** Extends the lease; false if the lock was lost (taken over after expiry, or deleted). */
    public boolean renew() {
        return graph.write(tx -> tx.run("""
                MATCH (l:JobLock {name: $name, token: $token})
                SET l.leaseUntil = datetime() + duration({seconds: $lease})
                RETURN count(l) AS n
                """, Map.of("name", name, "token", token, "lease", lease.toSeconds()))
                .single().get("n").asLong()) == 1;
    }

    /** Stops the background renewal, as if this process hung: the lease then runs out (tests). */
    void stopRenewing() {
        renewer.shutdownNow();
    }

    private void renewQuietly() {
        try {
            renew();
        } catch (RuntimeException e) {
            // the database is unreachable: the lease will run out and another run may take over
        }
    }

    /** Releases the lock if this holder still has it. */
    @Override
    public void close() {
        renewer.shutdownNow();
        try {
            graph.write(tx -> tx.run("MATCH (l:JobLock {name: $name, token: $token}) DELETE l",
                    Map.of("name", name, "token", token)).consume());
        } catch (RuntimeException e) {
            // unreachable database: the lease expires on its own
        }
    }
}
