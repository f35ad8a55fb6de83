package org.graphrec.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.graphrec.importer.SplitPolicy;
import org.graphrec.importer.synthetic.SyntheticGenerator;
import org.graphrec.importer.synthetic.SyntheticParameters;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.propagation.ClosedFormParameters;
import org.graphrec.propagation.PropagateParameters;
import org.graphrec.propagation.PropagateParameters.Mode;
import org.graphrec.refresh.RefreshParameters;
import org.graphrec.refresh.RefreshService;
import org.graphrec.testing.PerClassEmbeddedGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code graphrec.neighbourhood} procedure (an in-memory index of the relationships) must load the same
 * neighbourhood as the hop-by-hop Cypher load, vertex for vertex and edge for edge, including where the fan-out and
 * the node budget cut it, and must see a new import.
 */
class NeighbourhoodProcedureTest extends PerClassEmbeddedGraph {

    @BeforeAll
    static void catalogue() {
        // a generated catalogue, imported and propagated (SIMILAR of the published version, brands, categories)
        Path landing = dir.resolve("landing");
        new SyntheticGenerator(SyntheticParameters.builder().users(300).items(120).brands(8).days(0).seed(5).build())
                .generate(landing, false, ProgressTracker.none());
        PropagateParameters propagate = new PropagateParameters(Mode.CLOSED_FORM, ClosedFormParameters.defaults(16),
                5, null, 0.3, true, true);
        new RefreshService(graph, ProgressTracker.none()).run(new RefreshParameters(landing, propagate, 1.0, 2, 0,
                SplitPolicy.KEEP, 42, dir.resolve("refresh.jsonl"), dir, Duration.ofMinutes(5), "test", false));
    }

    private static void assertSame(Neighbourhood a, Neighbourhood b) {
        assertThat(a.keys()).isEqualTo(b.keys());
        assertThat(a.edgeFrom()).isEqualTo(b.edgeFrom());
        assertThat(a.edgeTo()).isEqualTo(b.edgeTo());
        assertThat(a.edgeWeight()).isEqualTo(b.edgeWeight());
        assertThat(a.seen()).isEqualTo(b.seen());
        assertThat(a.capped()).isEqualTo(b.capped());
    }

    private static List<String> ids(String label, int limit) {
        return graph.read(tx -> tx.run("MATCH (n:" + label + ") RETURN n.id AS id ORDER BY id LIMIT $n",
                Map.of("n", (long) limit)).list(r -> r.get("id").asString()));
    }

    @Test
    void theProcedureLoadsWhatCypherLoads() {
        assertThat(ServingProcedureCheck.neighbourhood(graph)).isTrue();
        long similar = graph.read(tx -> tx.run("MATCH ()-[r:SIMILAR]->() RETURN count(r) AS c").single().get("c")
                .asLong());
        assertThat(similar).isPositive();
        List<NeighbourhoodParameters> settings = List.of(NeighbourhoodParameters.defaults(10),
                new NeighbourhoodParameters(10, 2, 5_000, 3, 0.15, 100, 1e-10),
                new NeighbourhoodParameters(10, 3, 40, 7, 0.15, 100, 1e-10),
                new NeighbourhoodParameters(10, 4, 300, 50, 0.15, 100, 1e-10));
        int edges = 0;
        for (NeighbourhoodParameters p : settings) {
            for (String user : ids("User", 6)) {
                Neighbourhood viaIndex = Neighbourhood.loadThroughProcedure(graph, "User:" + user, p);
                assertSame(viaIndex, Neighbourhood.loadByCypher(graph, "User:" + user, p));
                edges += viaIndex.edgeCount();
            }
            for (String item : ids("Item", 6)) {
                assertSame(Neighbourhood.loadThroughProcedure(graph, "Item:" + item, p),
                        Neighbourhood.loadByCypher(graph, "Item:" + item, p));
            }
        }
        assertThat(edges).isGreaterThan(100);
        // the budget of 40 nodes is reached from a user within 3 hops
        assertThat(Neighbourhood.loadThroughProcedure(graph, "User:" + ids("User", 1).get(0), settings.get(2))
                .capped()).isTrue();
    }

    @Test
    void theWalkNextToTheDataRecommendsWhatTheWalkHereDoes() {
        NeighbourhoodRecommender recommender = new NeighbourhoodRecommender(graph);
        int items = 0;
        for (NeighbourhoodParameters p : List.of(NeighbourhoodParameters.defaults(10),
                new NeighbourhoodParameters(25, 2, 60, 5, 0.3, 100, 1e-10),
                new NeighbourhoodParameters(5, 3, 5_000, 50, 0.15, 3, 1e-10))) {
            for (String user : ids("User", 5)) {
                var there = recommender.runThroughProcedure("User:" + user, p);
                assertThat(there).isEqualTo(recommender.runHere("User:" + user, p));
                items += there.items().size();
            }
            for (String item : ids("Item", 5)) {
                assertThat(recommender.runThroughProcedure("Item:" + item, p))
                        .isEqualTo(recommender.runHere("Item:" + item, p));
            }
        }
        assertThat(items).isGreaterThan(50);
        // an unknown seed is a user error either way
        var p = NeighbourhoodParameters.defaults(10);
        assertThatThrownBy(() -> recommender.forUser("nobody", p)).isInstanceOf(org.graphrec.config.UserException.class)
                .hasMessageContaining("no user with id 'nobody'");
        assertThatThrownBy(() -> recommender.runHere("Item:nothing", p))
                .isInstanceOf(org.graphrec.config.UserException.class).hasMessageContaining("no item with id 'nothing'");
        assertThatThrownBy(() -> graph.query("CALL graphrec.neighbours('User:u1', 10, {restrat: 0.2}) YIELD itemIds "
                + "RETURN itemIds", Map.of())).hasMessageContaining("unknown option 'restrat'");
    }

    @Test
    void aNewImportIsSeen() {
        String user = ids("User", 1).get(0);
        var p = NeighbourhoodParameters.defaults(10);
        Neighbourhood before = Neighbourhood.loadThroughProcedure(graph, "User:" + user, p);
        // an import run (what every import writes) changes the stamp; the index is rebuilt with the new item
        graph.write(tx -> tx.run("""
                MATCH (u:User {id: $user})
                CREATE (u)-[:INTERACTED {split: 'train', ts: 1}]->(:Item {id: 'zz-new'})
                CREATE (:ImportRun {id: 'test-run', status: 'finished', finishedAt: 1})
                """, Map.of("user", user)).consume());
        try {
            Neighbourhood after = Neighbourhood.loadThroughProcedure(graph, "User:" + user, p);
            assertThat(before.keys()).doesNotContain("Item:zz-new");
            assertThat(after.keys()).contains("Item:zz-new");
            assertThat(after.seen()).contains("Item:zz-new");
            assertSame(after, Neighbourhood.loadByCypher(graph, "User:" + user, p));
        } finally {
            graph.write(tx -> tx.run("MATCH (n) WHERE n.id IN ['zz-new', 'test-run'] DETACH DELETE n").consume());
        }
    }

    @Test
    void aDatabaseThatCannotHoldTheIndexAnswersThroughCypher() {
        String user = ids("User", 2).get(1);
        var p = NeighbourhoodParameters.defaults(10);
        NeighbourhoodRecommender recommender = new NeighbourhoodRecommender(graph);
        var here = recommender.runHere("User:" + user, p);
        graph.query("CALL graphrec.cache.clear()", Map.of());
        System.setProperty("graphrec.neighbourIndex.maxBytes", "1000");
        try {
            assertThatThrownBy(() -> graph.query("CALL graphrec.neighbourhood($seed) YIELD keys RETURN keys",
                    Map.of("seed", "User:" + user)))
                    .hasMessageContaining(org.graphrec.procedures.NeighbourIndex.REFUSED)
                    .hasMessageContaining("-Dgraphrec.neighbourIndex.maxBytes allows 0 MiB");
            var fallback = recommender.forUser(user, p);
            assertThat(fallback.items()).isEqualTo(here.items());
            assertThat(fallback.note()).contains("loaded through Cypher: " + org.graphrec.procedures.NeighbourIndex.REFUSED);
        } finally {
            System.clearProperty("graphrec.neighbourIndex.maxBytes");
        }
        assertThat(recommender.forUser(user, p)).isEqualTo(here);
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertThatThrownBy(() -> graph.query("CALL graphrec.neighbourhood('Brand:x') YIELD keys RETURN keys",
                Map.of())).hasMessageContaining("the seed must be 'User:<id>' or 'Item:<id>', found 'Brand:x'");
        assertThatThrownBy(() -> graph.query("CALL graphrec.neighbourhood('User:u1', 3, 0) YIELD keys RETURN keys",
                Map.of())).hasMessageContaining("fanout 1..100000");
        assertThat(graph.query("CALL graphrec.neighbourhood('User:nobody') YIELD keys RETURN keys", Map.of()))
                .isEmpty();
    }
}
