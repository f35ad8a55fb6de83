package org.graphrec.chaos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.graphrec.graph.GraphConnection;
import org.graphrec.recommend.Explainer;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;

/**
 * Client threads reading over Bolt while jobs publish new versions: {@code graphrec.recommend},
 * {@code graphrec.similar}, {@code explain} and an item's published kNN neighbours, each answer checked to come
 * from one version (every row naming the same version; the kNN neighbours complete: {@code k} per modality).
 */
final class ConcurrentReaders {

    /** What the readers saw. */
    record Outcome(long calls, long errors, List<String> errorSamples, Set<Long> versionsSeen, long mixedAnswers,
                   long incompleteKnn, Map<String, Long> callsByKind) {
    }

    private final Driver driver;
    private final String uri;
    private final List<String> users;
    private final List<String> items;
    private final long knnPerItem;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong mixed = new AtomicLong();
    private final AtomicLong incomplete = new AtomicLong();
    private final Set<Long> versions = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> byKind = new ConcurrentHashMap<>();
    private final List<String> samples = Collections.synchronizedList(new ArrayList<>());

    ConcurrentReaders(Driver driver, String uri, List<String> users, List<String> items, long knnPerItem) {
        this.driver = driver;
        this.uri = uri;
        this.users = users;
        this.items = items;
        this.knnPerItem = knnPerItem;
    }

    /** Runs {@code threads} readers (seeded) until {@code writer} returns, then stops them. */
    Outcome runDuring(int threads, long seed, Runnable writer) throws InterruptedException {
        GraphConnection connection = GraphConnection.of(driver, null, uri);
        Explainer explainer = new Explainer(connection);
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Random random = new Random(seed * 31 + t);
            Thread thread = new Thread(() -> loop(random, explainer), "chaos-reader-" + t);
            thread.start();
            readers.add(thread);
        }
        try {
            writer.run();
        } finally {
            stop.set(true);
            for (Thread t : readers) {
                t.join();
            }
        }
        Map<String, Long> kinds = new java.util.TreeMap<>();
        byKind.forEach((k, v) -> kinds.put(k, v.get()));
        return new Outcome(calls.get(), errors.get(), List.copyOf(samples), new HashSet<>(versions), mixed.get(),
                incomplete.get(), kinds);
    }

    private void loop(Random random, Explainer explainer) {
        int op = 0;
        while (!stop.get()) {
            String user = users.get(random.nextInt(users.size()));
            String item = items.get(random.nextInt(items.size()));
            String kind = switch (op++ % 4) {
                case 0 -> "recommend";
                case 1 -> "similar";
                case 2 -> "explain";
                default -> "knn";
            };
            try {
                switch (kind) {
                    case "recommend" -> rows("CALL graphrec.recommend($u, 10) YIELD itemId, version "
                            + "RETURN version", Map.of("u", user));
                    case "similar" -> rows("CALL graphrec.similar($i, 10) YIELD itemId, version RETURN version",
                            Map.of("i", item));
                    case "explain" -> {
                        Long v = explainer.explain(user, item, 5).version();
                        if (v != null) {
                            versions.add(v);
                        }
                    }
                    default -> knn(item);
                }
                calls.incrementAndGet();
                byKind.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
            } catch (RuntimeException e) {
                errors.incrementAndGet();
                if (samples.size() < 5) {
                    samples.add(kind + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
        }
    }

    /** One auto-commit query, as a client runs it; every row must name the same version. */
    private void rows(String query, Map<String, Object> params) {
        try (Session session = driver.session()) {
            Set<Long> seen = new HashSet<>();
            for (Record r : session.run(query, params).list()) {
                seen.add(r.get("version").asLong());
            }
            if (seen.size() > 1) {
                mixed.incrementAndGet();
            }
            versions.addAll(seen);
        }
    }

    /** The analysts' modality-neighbours view of one item: the published kNN graph, never half-written. */
    private void knn(String item) {
        try (Session session = driver.session()) {
            Record r = session.run("""
                    MATCH (p:PublishedVersion {name: 'fused'})
                    OPTIONAL MATCH (:Item {id: $i})-[s:SIMILAR]->() WHERE s.version = p.similarVersion
                    RETURN count(s) AS n, p.version AS v
                    """, Map.of("i", item)).single();
            if (r.get("n").asLong() != knnPerItem) {
                incomplete.incrementAndGet();
                if (samples.size() < 5) {
                    samples.add("knn: item " + item + " has " + r.get("n").asLong() + " published SIMILAR "
                            + "relationships, expected " + knnPerItem);
                }
            }
            versions.add(r.get("v").asLong());
        }
    }
}
