package org.graphrec.jobs;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.graphrec.graph.GraphConnection;
import org.neo4j.driver.Record;

/**
 * A lock held in the database, so that it works across machines against an external Neo4j: a
 * {@code (:JobLock {name})} node (unique by name) recording its holder (host, process id and start time, see
 * {@link JobOwner}), a start time and a lease. The holder renews the lease in the background. A holder on this
 * host whose process is gone is taken over at once; a holder elsewhere is taken over when its lease ran out.
 * Times come from the database clock, so machines with skewed clocks agree.
 */
public final class JobLock implements AutoCloseable {

    /** Who holds a lock and until when. */
    public record Holder(JobOwner who, ZonedDateTime acquiredAt, ZonedDateTime leaseUntil, String token) {
        /** {@code host:pid}. */
        public String owner() {
            return who.label();
        }

        /** One line for users: who, since when, lease. */
        public String describe() {
            return owner() + " (since " + acquiredAt + ", lease until " + leaseUntil + ")";
        }
    }

    /** A lock taken from a previous holder, and why that was safe. */
    public record TakeOver(Holder previous, String reason) {
        public String describe() {
            return "took over the lock of " + previous.owner() + ": " + reason;
        }
    }

    /** The outcome of an attempt: acquired (possibly by taking over a dead holder's lock), or held by another. */
    public record Attempt(Optional<JobLock> lock, Holder holder, Optional<TakeOver> tookOver) {
        public boolean acquired() {
            return lock.isPresent();
        }

        /** The previous holder's {@code host:pid} when the lock was taken over. */
        public Optional<String> tookOverFrom() {
            return tookOver.map(t -> t.previous().owner());
        }
    }

    private static final String SET_HOLDER = "l.owner = $owner, l.host = $host, l.pid = $pid, "
            + "l.pidStartedAt = $started, l.token = $token, l.acquiredAt = datetime(), "
            + "l.leaseUntil = datetime() + duration({seconds: $lease})";

    private static final String HOLDER_FIELDS = "l.owner AS owner, l.host AS host, l.pid AS pid, "
            + "l.pidStartedAt AS started, l.acquiredAt AS acquiredAt, l.leaseUntil AS leaseUntil, l.token AS token";

    private static final String ACQUIRE = "MERGE (l:JobLock {name: $name}) ON CREATE SET " + SET_HOLDER + """

            WITH l, l.token = $token AS mine, l.leaseUntil < datetime() AS stale
            WITH l, mine, stale, l {.*} AS before
            CALL (l, mine, stale) {
              WITH l WHERE NOT mine AND stale
            """ + " SET " + SET_HOLDER + """

            }
            RETURN l.token = $token AS acquired, (NOT mine AND stale) AS tookOver,
                   before.owner AS owner, before.host AS host, before.pid AS pid, before.pidStartedAt AS started,
                   before.acquiredAt AS acquiredAt, before.leaseUntil AS leaseUntil, before.token AS token
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
     * attempt says who. A holder on this host whose process is gone is taken over at once, any other holder once
     * its lease ran out; the attempt then says whose lock it was and why it was taken.
     */
    public static Attempt tryAcquire(GraphConnection graph, String name, JobOwner owner, Duration lease) {
        String token = UUID.randomUUID().toString();
        Map<String, Object> params = params(name, owner, token, lease);
        Optional<Holder> existing = holder(graph, name);
        if (existing.isPresent() && existing.get().who().isDeadLocalProcess()) {
            Holder dead = existing.get();
            Map<String, Object> takeOver = new HashMap<>(params);
            takeOver.put("old", dead.token());
            boolean taken = graph.write(tx -> tx.run("MATCH (l:JobLock {name: $name, token: $old}) SET "
                    + SET_HOLDER + " RETURN count(l) AS n", takeOver).single().get("n").asLong()) == 1;
            if (taken) {
                return new Attempt(Optional.of(new JobLock(graph, name, token, lease)),
                        holder(graph, name).orElseThrow(), Optional.of(new TakeOver(dead, "process "
                        + dead.who().pid() + " on this host is gone")));
            } // another contender took it first: the ordinary attempt below tells who holds it now
        }
        Record row = graph.write(tx -> tx.run(ACQUIRE, params).single());
        boolean acquired = row.get("acquired").asBoolean();
        boolean tookOver = row.get("tookOver").asBoolean();
        Holder before = row.get("token").isNull() ? null : toHolder(row);
        if (!acquired) {
            return new Attempt(Optional.empty(), before, Optional.empty());
        }
        JobLock lock = new JobLock(graph, name, token, lease);
        Holder now = new Holder(owner, ZonedDateTime.now(), ZonedDateTime.now().plus(lease), token);
        return new Attempt(Optional.of(lock), now, tookOver && before != null
                ? Optional.of(new TakeOver(before, "its lease ran out at " + before.leaseUntil()))
                : Optional.empty());
    }

    /** The current holder of lock {@code name}, if any. */
    public static Optional<Holder> holder(GraphConnection graph, String name) {
        return graph.read(tx -> tx.run("MATCH (l:JobLock {name: $name}) RETURN " + HOLDER_FIELDS,
                Map.of("name", name)).list().stream().findFirst().map(JobLock::toHolder));
    }

    /** Deletes every lock in the database and returns whose they were (a store just opened embedded). */
    public static List<Holder> releaseAll(GraphConnection graph) {
        return graph.write(tx -> tx.run("MATCH (l:JobLock) WITH l, " + HOLDER_FIELDS
                + " DELETE l RETURN owner, host, pid, started, acquiredAt, leaseUntil, token").list(JobLock::toHolder));
    }

    /**
     * Deletes lock {@code name} whoever holds it ({@code versions --unlock}, or a store that was just opened and
     * so cannot have a running job) and returns whose it was.
     */
    public static Optional<Holder> release(GraphConnection graph, String name) {
        return graph.write(tx -> {
            var rows = tx.run("MATCH (l:JobLock {name: $name}) WITH l, " + HOLDER_FIELDS
                    + " DELETE l RETURN owner, host, pid, started, acquiredAt, leaseUntil, token",
                    Map.of("name", name)).list();
            return rows.stream().findFirst().map(JobLock::toHolder);
        });
    }

    /** Releases lock {@code name} only if its holder is a process of this host that is gone. */
    public static Optional<Holder> releaseIfHolderDead(GraphConnection graph, String name) {
        Optional<Holder> holder = holder(graph, name);
        if (holder.isEmpty() || !holder.get().who().isDeadLocalProcess()) {
            return Optional.empty();
        }
        boolean deleted = graph.write(tx -> tx.run("MATCH (l:JobLock {name: $name, token: $token}) DELETE l "
                + "RETURN count(*) AS n", Map.of("name", name, "token", holder.get().token())).single()
                .get("n").asLong()) == 1;
        return deleted ? holder : Optional.empty();
    }

    private static Map<String, Object> params(String name, JobOwner owner, String token, Duration lease) {
        Map<String, Object> p = new HashMap<>();
        p.put("name", name);
        p.put("owner", owner.label());
        p.put("host", owner.host());
        p.put("pid", owner.pid());
        p.put("started", owner.startedAtMillis());
        p.put("token", token);
        p.put("lease", lease.toSeconds());
        return p;
    }

    private static Holder toHolder(Record r) {
        String label = r.get("owner").asString("?");
        String host = r.get("host").isNull() ? label : r.get("host").asString();
        JobOwner who = new JobOwner(host, r.get("pid").asLong(-1), r.get("started").asLong(-1));
        return new Holder(who, r.get("acquiredAt").isNull() ? null : r.get("acquiredAt").asZonedDateTime(),
                r.get("leaseUntil").isNull() ? null : r.get("leaseUntil").asZonedDateTime(),
                r.get("token").asString(null));
    }

    /** This holder's token (the versions a job writes are tagged with it). */
    public String token() {
        return token;
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
