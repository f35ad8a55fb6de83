package org.graphrec.chaos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graphrec.graph.GraphConnection;
import org.graphrec.jobs.JobOwner;
import org.neo4j.driver.Record;

/**
 * What must hold after every kill and its recovery run: the catalogue counts of an uninterrupted run, exactly one
 * published version whose vectors cover every item and that answers {@code graphrec.recommend}, no lock held by a
 * dead process, no version left {@code writing} or {@code staged} by a dead job, and the published kNN graph
 * ({@code SIMILAR} of the published similarVersion) complete, with no SIMILAR relationships of versions nothing
 * refers to.
 */
final class ChaosInvariants {

    private static final List<String> LABELS = List.of("User", "Item", "Brand", "Category");
    private static final List<String> TYPES = List.of("INTERACTED", "MADE_BY", "IN_CATEGORY");

    private ChaosInvariants() {
    }

    /** Node counts per label and relationship counts per type of the catalogue (not of derived data). */
    static Map<String, Long> counts(GraphConnection g) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String label : LABELS) {
            out.put(label, one(g, "MATCH (n:" + label + ") RETURN count(n)"));
        }
        for (String type : TYPES) {
            out.put(type, one(g, "MATCH ()-[r:" + type + "]->() RETURN count(r)"));
        }
        return out;
    }

    /** SIMILAR relationships of the published kNN graph. */
    static long publishedSimilar(GraphConnection g) {
        return one(g, "MATCH (p:PublishedVersion {name: 'fused'}) MATCH ()-[s:SIMILAR]->() "
                + "WHERE s.version = p.similarVersion RETURN count(s)");
    }

    /**
     * The violations found (empty when everything holds).
     *
     * @param expected        catalogue counts of the uninterrupted reference run at the same stage
     * @param expectedSimilar SIMILAR relationships of the reference run's published version; −1 before any publish
     */
    static List<String> check(GraphConnection g, Map<String, Long> expected, long expectedSimilar) {
        List<String> violations = new ArrayList<>();
        Map<String, Long> counts = counts(g);
        if (!counts.equals(expected)) {
            violations.add("catalogue counts " + counts + " differ from the uninterrupted run's " + expected);
        }
        for (Record lock : g.read(tx -> tx.run("MATCH (l:JobLock) RETURN l.host AS host, l.pid AS pid, "
                + "l.pidStartedAt AS started, l.owner AS owner").list())) {
            JobOwner who = new JobOwner(lock.get("host").asString("?"), lock.get("pid").asLong(-1),
                    lock.get("started").asLong(-1));
            if (who.isDeadLocalProcess() || !who.isLocal()) {
                violations.add("lock still held by " + lock.get("owner").asString("?") + ", a process that is gone");
            }
        }
        long orphans = one(g, "MATCH (r:PropagationRun) WHERE r.state = 'writing' OR (r.state = 'staged' AND "
                + "r.job IS NOT NULL) RETURN count(r)");
        if (orphans > 0) {
            violations.add(orphans + " version(s) left writing or staged by a dead job");
        }
        if (expectedSimilar < 0) {
            return violations;
        }
        long published = one(g, "MATCH (r:PropagationRun {state: 'published'}) RETURN count(r)");
        if (published != 1) {
            violations.add(published + " published versions instead of exactly one");
            return violations;
        }
        long version = one(g, "MATCH (p:PublishedVersion {name: 'fused'}) MATCH (r:PropagationRun {state: "
                + "'published'}) WHERE r.version = p.version RETURN r.version");
        long covered = one(g, "MATCH (i:Item) WHERE i['embedding_v' + $v] IS NOT NULL RETURN count(i)",
                Map.of("v", version));
        if (covered != counts.get("Item")) {
            violations.add("published version " + version + " has vectors for " + covered + " of "
                    + counts.get("Item") + " items");
        }
        List<Record> answer = g.read(tx -> tx.run("MATCH (u:User)-[:INTERACTED]->() WITH u ORDER BY u.id LIMIT 1 "
                + "CALL graphrec.recommend(u.id, 5) YIELD itemId, version RETURN itemId, version").list());
        if (answer.size() != 5 || answer.stream().anyMatch(r -> r.get("version").asLong() != version)) {
            violations.add("recommend answered " + answer.size() + " rows, not 5 of version " + version);
        }
        long similar = publishedSimilar(g);
        if (similar != expectedSimilar) {
            violations.add("the published kNN graph has " + similar + " SIMILAR relationships, the uninterrupted "
                    + "run's " + expectedSimilar);
        }
        long stray = one(g, """
                MATCH (r:PropagationRun) WHERE r.similarVersion = r.version AND r.similarRemoved IS NULL
                  AND NOT r.state IN ['writing', 'staged', 'published', 'retired']
                  AND NOT EXISTS { MATCH (k:PropagationRun) WHERE k.similarVersion = r.version
                                   AND k.state IN ['writing', 'staged', 'published', 'retired'] }
                RETURN count(r)
                """);
        if (stray > 0) {
            violations.add(stray + " unreferenced kNN graph(s) not deleted");
        }
        return violations;
    }

    private static long one(GraphConnection g, String query) {
        return one(g, query, Map.of());
    }

    private static long one(GraphConnection g, String query, Map<String, Object> params) {
        return g.read(tx -> tx.run(query, params).single().get(0).asLong());
    }
}
