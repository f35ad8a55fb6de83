package org.graphrec.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.graphrec.experiments.ExperimentOptions;
import org.graphrec.experiments.LayerTimer;
import org.junit.jupiter.api.Test;

/**
 * What the schema step of a bulk import costs, statement by statement: on a freshly bulk-imported store
 * ({@code -Dgraphrec.db}, a copy: its schema is dropped and built again) drops every constraint and every index
 * but the lookup indexes, then runs {@link SchemaBootstrap#statements()} in file order ({@code -Dgraphrec.order=files})
 * or with the plain {@code CREATE INDEX} statements first ({@code indexesFirst}: their populations run in the
 * background while the constraints build theirs), timing each statement and the final {@code db.awaitIndexes}.
 */
class SchemaApplyProbe {

    @Test
    void apply() {
        ExperimentOptions options = ExperimentOptions.of("SchemaApplyProbe", "db", "order");
        String order = options.text("order", "files");
        try (GraphConnection graph = LayerTimer.openStore(options, "db"); var session = graph.session()) {
            for (String c : session.run("SHOW CONSTRAINTS YIELD name").list(r -> r.get("name").asString())) {
                session.run("DROP CONSTRAINT " + c).consume();
            }
            for (String i : session.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name")
                    .list(r -> r.get("name").asString())) {
                session.run("DROP INDEX " + i).consume();
            }
            List<String> statements = new ArrayList<>(SchemaBootstrap.statements());
            if (order.equals("indexesFirst")) {
                List<String> indexes = statements.stream().filter(SchemaApplyProbe::plainIndex).toList();
                statements.removeAll(indexes);
                statements.addAll(0, indexes);
            }
            long start = System.nanoTime();
            for (String statement : statements) {
                long t = System.nanoTime();
                session.run(statement).consume();
                System.out.printf(Locale.ROOT, "%7.2f s  %s%n", (System.nanoTime() - t) / 1e9,
                        statement.lines().findFirst().orElse(""));
            }
            long t = System.nanoTime();
            session.run("CALL db.awaitIndexes(300)").consume();
            System.out.printf(Locale.ROOT, "%7.2f s  awaitIndexes%nRESULT order=%s: schema %.2f s%n",
                    (System.nanoTime() - t) / 1e9, order, (System.nanoTime() - start) / 1e9);
        }
    }

    private static boolean plainIndex(String statement) {
        return statement.strip().matches("(?is)^CREATE\\s+(RANGE\\s+|TEXT\\s+)?INDEX\\b.*");
    }
}
