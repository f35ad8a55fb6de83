package org.graphrec.graph;

import org.graphrec.stats.GraphStats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.graphrec.config.UserException;
import org.graphrec.testing.TestGraphs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedGraphTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsThroughTheDriverAndKeepsDataAcrossRestart() {
        Path store = dir.resolve("db");
        try (GraphConnection graph = TestGraphs.openEmbedded(store)) {
            assertThat(graph.isEmbedded()).isTrue();
            assertThat(graph.uri()).startsWith("bolt://127.0.0.1:");
            assertThat(graph.serverVersion()).startsWith("5.26");
            graph.write(tx -> tx.run("CREATE (:User {id: $id})", Map.of("id", "u1")).consume());
            long count = graph.read(tx -> tx.run("MATCH (u:User {id: $id}) RETURN count(u) AS c",
                    Map.of("id", "u1")).single().get("c").asLong());
            assertThat(count).isEqualTo(1);
        }
        try (GraphConnection graph = TestGraphs.openEmbedded(store)) {
            List<String> ids = graph.read(tx -> tx.run("MATCH (u:User) RETURN u.id AS id")
                    .list(r -> r.get("id").asString()));
            assertThat(ids).containsExactly("u1");
        }
    }

    @Test
    void inProcessQueryReturnsWhatTheDriverReturns() {
        try (GraphConnection graph = TestGraphs.openEmbedded(dir.resolve("db"))) {
            graph.write(tx -> tx.run("CREATE (:Item {id: 'i1', title: 'a', v: [1.5, 2.0]}), (:Item {id: 'i2'})")
                    .consume());
            String cypher = "MATCH (i:Item) WHERE i.id >= $from RETURN i.id AS id, i.title AS title, i.v AS v, "
                    + "size(i.id) AS n, {k: i.id} AS m ORDER BY id";
            List<ResultRow> inProcess = graph.query(cypher, Map.of("from", "i1"));
            List<ResultRow> bolt = graph.boltQuery(cypher, Map.of("from", "i1"));
            assertThat(inProcess).hasSize(2).isEqualTo(bolt);
            assertThat(inProcess.get(0).get("v").asList(v -> v.asDouble())).containsExactly(1.5, 2.0);
            assertThat(inProcess.get(1).get("title").isNull()).isTrue();
            assertThat(inProcess.get(0).get("n").asLong()).isEqualTo(2);
            assertThat(inProcess.get(0).get("no such column").isNull()).isTrue();
            assertThat(inProcess.get(0).columns().keySet()).containsExactly("id", "title", "v", "n", "m");
        }
    }

    @Test
    void inProcessQueryRefusesWritesAndNodesAndReportsCypherErrorsLikeTheDriver() {
        try (GraphConnection graph = TestGraphs.openEmbedded(dir.resolve("db"))) {
            assertThatThrownBy(() -> graph.query("CREATE (:User {id: 'x'}) RETURN 1 AS one", Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read-only");
            long users = graph.read(tx -> tx.run("MATCH (u:User) RETURN count(u) AS c").single().get("c").asLong());
            assertThat(users).as("the refused write left nothing behind").isZero();
            graph.write(tx -> tx.run("CREATE (:User {id: 'u1'})").consume());
            assertThatThrownBy(() -> graph.query("MATCH (u:User) RETURN u", Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 'u'");
            assertThatThrownBy(() -> graph.query("RETURN 1 / $zero AS x", Map.of("zero", 0)))
                    .isInstanceOf(org.neo4j.driver.exceptions.ClientException.class)
                    .hasMessageContaining("/ by zero");
            assertThatThrownBy(() -> graph.boltQuery("RETURN 1 / $zero AS x", Map.of("zero", 0)))
                    .isInstanceOf(org.neo4j.driver.exceptions.ClientException.class)
                    .hasMessageContaining("/ by zero");
        }
    }

    @Test
    void refreshedStatisticsDescribeTheGraphJustWritten() {
        try (GraphConnection graph = TestGraphs.openEmbedded(dir.resolve("db"))) {
            graph.write(tx -> tx.run("UNWIND range(1, 500) AS n CREATE (:Item {id: 'i' + n})").consume());
            assertThat(SchemaBootstrap.refreshStatistics(graph)).isTrue();
            try (var session = graph.session()) {
                var plan = session.run("EXPLAIN MATCH (i:Item) WHERE i.id IS NOT NULL RETURN i.id").consume()
                        .plan();
                while (!plan.children().isEmpty()) {
                    plan = plan.children().get(0);
                }
                assertThat(plan.operatorType()).contains("Index");
                // the index sample counts the 500 items (stale samples estimate an empty index)
                assertThat(plan.arguments().get("EstimatedRows").asDouble()).isEqualTo(500.0);
            }
        }
    }

    @Test
    void secondApplicationOfTheSchemaChangesNothing() {
        try (GraphConnection graph = TestGraphs.openEmbedded(dir.resolve("db"))) {
            List<String> before = schema(graph);
            assertThat(before).contains("user_id", "item_id", "brand_name", "category_name");
            assertThat(SchemaBootstrap.apply(graph)).as("statements run when everything exists").isZero();
            assertThat(schema(graph)).isEqualTo(before);
        }
    }

    @Test
    void indexesComeBeforeConstraintsSoTheirPopulationOverlapsTheConstraints() {
        List<String> statements = SchemaBootstrap.statements();
        int lastIndex = -1;
        int firstConstraint = statements.size();
        for (int i = 0; i < statements.size(); i++) {
            String s = statements.get(i).strip();
            if (s.matches("(?is)^CREATE\\s+INDEX\\b.*")) {
                lastIndex = i;
            } else if (s.matches("(?is)^CREATE\\s+CONSTRAINT\\b.*")) {
                firstConstraint = Math.min(firstConstraint, i);
            }
        }
        assertThat(statements.get(lastIndex)).contains("INDEX");
        assertThat(lastIndex).isLessThan(firstConstraint);
        assertThat(firstConstraint).isLessThan(statements.size());
    }

    @Test
    void aDroppedIndexIsRecreatedByTheNextApplicationAndOnlyIt() {
        assertThat(SchemaBootstrap.statements()).allSatisfy(s -> assertThat(SchemaBootstrap.presenceKey(s) != null
                || SchemaBootstrap.droppedName(s) != null).as("schema statement without a name: %s", s).isTrue());
        assertThat(SchemaBootstrap.presenceKey("CREATE INDEX item_title IF NOT EXISTS FOR (i:Item) ON (i.title)"))
                .isEqualTo("item_title");
        assertThat(SchemaBootstrap.presenceKey("CREATE LOOKUP INDEX x IF NOT EXISTS FOR ()-[r]-() ON EACH type(r)"))
                .isEqualTo("LOOKUP RELATIONSHIP");
        assertThat(SchemaBootstrap.presenceKey("MATCH (n) RETURN n")).isNull();
        try (GraphConnection graph = TestGraphs.openEmbedded(dir.resolve("db"))) {
            List<String> before = schema(graph);
            graph.write(tx -> tx.run("DROP INDEX item_title").consume());
            assertThat(schema(graph)).doesNotContain("item_title:ONLINE");
            assertThat(SchemaBootstrap.apply(graph)).isEqualTo(1);
            assertThat(schema(graph)).isEqualTo(before);
        }
    }

    @Test
    void aRetiredIndexOfAnOlderGraphrecIsDroppedOnceAndNotRecreated() {
        assertThat(SchemaBootstrap.droppedName("DROP INDEX similar_modality IF EXISTS")).isEqualTo("similar_modality");
        assertThat(SchemaBootstrap.droppedName("DROP INDEX similar_modality")).isNull();
        try (GraphConnection graph = TestGraphs.openEmbedded(dir.resolve("db"))) {
            List<String> current = schema(graph);
            assertThat(current).doesNotContain("similar_modality:ONLINE");
            graph.write(tx -> tx.run("CREATE INDEX similar_modality FOR ()-[r:SIMILAR]-() ON (r.modality)")
                    .consume());
            graph.write(tx -> tx.run("CALL db.awaitIndexes(60)").consume());
            assertThat(schema(graph)).contains("similar_modality:ONLINE");
            assertThat(SchemaBootstrap.apply(graph)).as("the drop runs where the index exists").isEqualTo(1);
            assertThat(schema(graph)).isEqualTo(current);
            assertThat(SchemaBootstrap.apply(graph)).as("and not again").isZero();
        }
    }

    @Test
    void uniquenessConstraintRejectsDuplicateItems() {
        try (GraphConnection graph = TestGraphs.openEmbedded(dir.resolve("db"))) {
            graph.write(tx -> tx.run("CREATE (:Item {id: 'i1'})").consume());
            assertThatThrownBy(() -> graph.write(tx -> tx.run("CREATE (:Item {id: 'i1'})").consume()))
                    .hasMessageContaining("already exists");
        }
    }

    @Test
    void secondProcessOnTheSameStoreIsToldToConnectByUri() {
        Path store = dir.resolve("db");
        try (GraphConnection graph = TestGraphs.openEmbedded(store)) {
            assertThatThrownBy(() -> TestGraphs.openEmbedded(store))
                    .isInstanceOf(UserException.class)
                    .hasMessageContaining("store in use")
                    .hasMessageContaining("--uri " + graph.uri());
        }
    }

    @Test
    void statsCountNodesRelationshipsAndModalityCoverage() {
        try (GraphConnection graph = TestGraphs.openEmbedded(dir.resolve("db"))) {
            graph.write(tx -> tx.run("""
                    CREATE (u:User {id: 'u1'})-[:INTERACTED {split: 'train'}]->(i:Item {id: 'i1'}),
                           (i)-[:MADE_BY]->(:Brand {name: 'b'}), (:Item {id: 'i2'}),
                           (:Modality {name: 'text', property: 'textEmbedding', dimension: 2})
                    WITH i CALL db.create.setNodeVectorProperty(i, 'textEmbedding', $v)
                    """, Map.of("v", List.of(1.0, 0.0))).consume());
            GraphStats stats = GraphStats.read(graph);
            assertThat(stats.labels()).containsEntry("User", 1L).containsEntry("Item", 2L)
                    .containsEntry("Brand", 1L);
            assertThat(stats.relationships()).containsEntry("INTERACTED", 1L).containsEntry("MADE_BY", 1L);
            assertThat(stats.modalities()).singleElement().satisfies(m -> {
                assertThat(m.items()).isEqualTo(1);
                assertThat(m.fraction()).isEqualTo(0.5);
            });
            assertThat(stats.connection().embedded()).isTrue();
        }
    }

    private static List<String> schema(GraphConnection graph) {
        List<String> names = new java.util.ArrayList<>(graph.read(tx -> tx.run(
                "SHOW CONSTRAINTS YIELD name RETURN name").list(r -> r.get("name").asString())));
        names.addAll(graph.read(tx -> tx.run("SHOW INDEXES YIELD name, state RETURN name + ':' + state AS n")
                .list(r -> r.get("n").asString())));
        return names.stream().sorted().toList();
    }
}
