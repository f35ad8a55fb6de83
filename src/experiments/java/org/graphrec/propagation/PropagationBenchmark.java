package org.graphrec.propagation;
import org.graphrec.experiments.ExperimentOptions;
import org.graphrec.core.Csr;
import org.graphrec.core.InteractionGraph;
import org.graphrec.experiments.MmrecTestData;
import org.graphrec.core.ModalityMatrix;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.graphrec.config.ConnectionSettings;
import org.graphrec.graph.GraphConnection;
import org.graphrec.graph.SchemaBootstrap;
import org.graphrec.propagation.PropagateParameters.Mode;
import org.graphrec.progress.ConsoleProgress;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * End-to-end wall time of {@code propagate} on a real embedded Neo4j holding an MMRec dataset (not a regular test:
 * runs only with {@code -Dgraphrec.bench=<dataset>}, optional {@code -Dgraphrec.d=…}, {@code -Dgraphrec.mode=…},
 * {@code -Dgraphrec.p=…}, {@code -Dgraphrec.gamma=…}, {@code -Dgraphrec.validUsers=…}, and
 * {@code -Dgraphrec.evaluate=valid,test} to time the {@code evaluate} service afterwards).
 * The dataset is imported first with plain batched Cypher (not timed; the importer owns the real import).
 */
class PropagationBenchmark {

    @Test
    void endToEnd() throws Exception {
        ExperimentOptions options = ExperimentOptions.of("PropagationBenchmark", "bench", "loaderRepeats", "d",
                "mode", "p", "gamma", "wm", "validUsers", "evaluate");
        String which = options.text("bench", null);
        Assumptions.assumeTrue(which != null, "set -Dgraphrec.bench to run");
        String[] ds = TuningExperiments.DATASETS.get(which);
        Assumptions.assumeTrue(ds != null && MmrecTestData.available(ds[0]));
        List<String> mods = ds[2].isEmpty() ? List.of() : List.of(ds[2].split(","));
        InteractionGraph g = MmrecTestData.load(ds[0], ds[1], mods);
        Path dir = Files.createTempDirectory("graphrec-bench");
        try (GraphConnection graph = GraphConnection.open(new ConnectionSettings(dir.resolve("db"), null, null, null,
                null, 0, 1024))) {
            SchemaBootstrap.apply(graph);
            long t0 = System.nanoTime();
            importGraph(graph, g);
            System.out.printf(Locale.ROOT, "import (setup, not part of the benchmark): %.1f s%n",
                    (System.nanoTime() - t0) / 1e9);
            int loaderRepeats = options.integer("loaderRepeats", 0, 0, 1000);
            if (loaderRepeats > 0) {
                compareLoaders(graph, loaderRepeats);
                return;
            }
            int d = options.integer("d", 64, 1, 4096);
            Mode mode = Mode.parse(options.choice("mode", "closed-form", Mode.labels().toArray(String[]::new)));
            ClosedFormParameters cf = ClosedFormParameters.defaults(d).withFilter(
                    options.real("p", 6, 0, 100), 0.5,
                    options.real("gamma", 0.4, 0, 10));
            PropagateParameters p = new PropagateParameters(mode, cf, 10, null,
                    options.real("wm", 0.3, 0, 1e6), true, true)
                    .withValidationUsers(options.integer("validUsers",
                            PropagateParameters.DEFAULT_VALIDATION_USERS, 0, Integer.MAX_VALUE));
            System.out.printf(Locale.ROOT, "load average at start: %.2f%n", java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean().getSystemLoadAverage());
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            PropagationSummary s = new PropagationService(graph, ConsoleProgress.forStdout()).run(p);
            System.out.printf(Locale.ROOT, "process CPU time during propagate (JVM incl. embedded Neo4j): %.1f s%n",
                    (os.getProcessCpuTime() - cpu0) / 1e9);
            System.out.printf(Locale.ROOT, "BENCH %s mode=%s d=%d timings=%s estimate=%.0fMiB peakHeap=%.0fMiB "
                            + "valid=%s%n", which, s.mode(), s.dimension(), s.timings(),
                    s.memoryEstimate() / 1048576.0, s.peakHeap() / 1048576.0, s.validation());
            System.out.printf(Locale.ROOT, "load average at end: %.2f%n", java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean().getSystemLoadAverage());
            // what `evaluate` then does: load interactions + stored embeddings, full ranking for every user
            for (String split : options.text("evaluate", "").split(",")) {
                if (split.isBlank()) {
                    continue;
                }
                long e0 = System.nanoTime();
                long c0 = os.getProcessCpuTime();
                org.graphrec.propagation.EvaluationService.Report r = new org.graphrec.propagation.EvaluationService(graph,
                        ConsoleProgress.forStdout()).evaluate(org.graphrec.eval.EvaluationParameters.of(
                        InteractionGraph.Split.parse(split), 10, 20));
                System.out.printf(Locale.ROOT, "EVALUATE %s %s: %.1f s wall, %.1f s CPU: %s%n", which, split,
                        (System.nanoTime() - e0) / 1e9, (os.getProcessCpuTime() - c0) / 1e9, r.asJson());
            }
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /**
     * {@link GraphLoader} against the loader it replaced (one record per interaction, users in a separate pass,
     * default fetch size), alternating, in the same JVM on the same store: wall and process CPU per load.
     */
    static void compareLoaders(GraphConnection graph, int repeats) {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        for (int r = 0; r < repeats; r++) {
            for (String which : List.of("per-interaction (before)", "per-user (GraphLoader)")) {
                long w = System.nanoTime();
                long c = os.getProcessCpuTime();
                InteractionGraph g = which.startsWith("per-user")
                        ? new GraphLoader(graph, org.graphrec.progress.ProgressTracker.none())
                        .load(LoadOptions.everything())
                        : perInteractionLoad(graph);
                System.out.printf(Locale.ROOT, "LOADER %s run %d: %.2f s wall, %.2f s CPU, load average %.1f "
                                + "(%,d train)%n", which, r, (System.nanoTime() - w) / 1e9,
                        (os.getProcessCpuTime() - c) / 1e9, os.getSystemLoadAverage(), g.train().nonZeros());
            }
        }
    }

    /** The previous loader's queries (users, items, then one record per interaction), as the baseline. */
    static InteractionGraph perInteractionLoad(GraphConnection graph) {
        InteractionGraph.Builder b = new InteractionGraph.Builder();
        graph.read(tx -> {
            tx.run("MATCH (u:User) RETURN u.id AS id").forEachRemaining(r -> b.user(r.get(0).asString()));
            tx.run("MATCH (i:Item) RETURN i.id AS id").forEachRemaining(r -> b.item(r.get(0).asString()));
            tx.run("MATCH (u:User)-[r:INTERACTED]->(i:Item) RETURN u.id AS user, i.id AS item, r.split AS split")
                    .forEachRemaining(r -> {
                        InteractionGraph.Split split = InteractionGraph.Split.parse(r.get(2).asString(null));
                        if (split != null) {
                            b.interaction(r.get(0).asString(), r.get(1).asString(), split);
                        }
                    });
            return null;
        });
        return b.build();
    }

    static void importGraph(GraphConnection graph, InteractionGraph g) {
        batches(graph, "UNWIND $rows AS id CREATE (:User {id: id})", List.of(g.userIds()));
        batches(graph, "UNWIND $rows AS id CREATE (:Item {id: id})", List.of(g.itemIds()));
        List<Object> edges = new ArrayList<>();
        for (InteractionGraph.Split split : InteractionGraph.Split.values()) {
            Csr c = g.heldOut(split);
            for (int u = 0; u < c.rows(); u++) {
                for (int p = c.offsets()[u]; p < c.offsets()[u + 1]; p++) {
                    edges.add(List.of(g.userId(u), g.itemId(c.targets()[p]), split.label()));
                }
            }
        }
        batches(graph, "UNWIND $rows AS e MATCH (u:User {id: e[0]}), (i:Item {id: e[1]}) "
                + "CREATE (u)-[:INTERACTED {split: e[2]}]->(i)", edges);
        for (ModalityMatrix m : g.modalities()) {
            graph.write(tx -> tx.run("CREATE (:Modality {name: $n, property: $p, dimension: $d})",
                    Map.of("n", m.name(), "p", m.property(), "d", m.dimension())).consume());
            List<Object> rows = new ArrayList<>();
            for (int i = 0; i < m.items(); i++) {
                if (m.present()[i]) {
                    List<Double> v = new ArrayList<>();
                    for (int c = 0; c < m.dimension(); c++) {
                        v.add((double) m.vectors()[i * m.dimension() + c]);
                    }
                    Map<String, Object> row = new HashMap<>();
                    row.put("id", g.itemId(i));
                    row.put("v", v);
                    rows.add(row);
                }
            }
            batches(graph, "UNWIND $rows AS row MATCH (i:Item {id: row.id}) "
                    + "CALL db.create.setNodeVectorProperty(i, '" + m.property() + "', row.v)", rows);
        }
    }

    private static void batches(GraphConnection graph, String query, List<?> rows) {
        for (int from = 0; from < rows.size(); from += 10_000) {
            List<?> batch = rows.subList(from, Math.min(rows.size(), from + 10_000));
            graph.write(tx -> tx.run(query, Map.of("rows", batch)).consume());
        }
    }
}
