package org.graphrec.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.graphrec.graph.GraphConnection;
import org.graphrec.importer.synthetic.SyntheticGenerator;
import org.graphrec.importer.synthetic.SyntheticParameters;
import org.graphrec.jobs.Faults;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.testing.GraphrecProcess;
import org.graphrec.testing.TestGraphs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refresh job as operators run it, a real JVM per run, under the faults it must survive: kill -9 during
 * import, during propagation and during publish (each followed by the next run), and the database going away
 * mid-run. Fault points are {@link Faults} pauses; the kill is {@code Process.destroyForcibly()} (SIGKILL).
 */
class RefreshFaultProcessTest {

    @TempDir
    Path dir;

    Path landing() throws Exception {
        Path landing = dir.resolve("landing");
        new SyntheticGenerator(SyntheticParameters.builder().users(300).items(120).brands(8).days(2).seed(5)
                .build()).generate(landing, false, ProgressTracker.none());
        return landing;
    }

    String[] refresh(Path store, Path landing) {
        return new String[] {"--db", store.toString(), "refresh", "--input", landing.toString(), "--mode",
                "closed-form", "--dimension", "16",
                "--lease-seconds", "600", "--log", dir.resolve("refresh.jsonl").toString(), "--rejects-dir",
                dir.toString()};
    }

    /** Starts a refresh paused at {@code point}, waits for the pause, kills it with SIGKILL. */
    void killAt(String point, Path store, Path landing) throws Exception {
        Path work = dir.resolve("kill-" + point);
        Map<String, String> env = new HashMap<>(Map.of(Faults.ENV, point));
        Process process = GraphrecProcess.start(work, env, refresh(store, landing));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!GraphrecProcess.read(work.resolve("stderr.txt")).contains("FAULT-PAUSE " + point)) {
            if (!process.isAlive()) {
                throw new AssertionError("refresh ended before reaching " + point + ": "
                        + GraphrecProcess.read(work.resolve("stdout.txt"))
                        + GraphrecProcess.read(work.resolve("stderr.txt")));
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("refresh did not reach " + point + " in 5 minutes");
            }
            Thread.sleep(200);
        }
        process.destroyForcibly().waitFor(1, TimeUnit.MINUTES); // its lock keeps a 10-minute lease
    }

    static long count(GraphConnection graph, String query) {
        return graph.read(tx -> tx.run(query).single().get(0).asLong());
    }

    @Test
    void afterKill9DuringImportPropagationAndPublishTheNextRunCompletesConsistently() throws Exception {
        Path landing = landing();
        Path store = dir.resolve("store");
        killAt("import", store, landing);
        killAt("propagate", store, landing);
        killAt("publish", store, landing);

        GraphrecProcess.Result done = GraphrecProcess.run(dir.resolve("final"), Map.of(), refresh(store, landing));
        assertThat(done.exitCode()).as(done.all()).isZero();
        assertThat(done.stdout()).contains("refresh: published version");
        // the killed run's lock needs no lease to run out: opening the embedded store proves its holder is gone
        assertThat(done.stderr()).contains("note: released the lock of", "was left unfinished by a job that is gone");

        GraphrecProcess.Result again = GraphrecProcess.run(dir.resolve("again"), Map.of(), refresh(store, landing));
        assertThat(again.exitCode()).as(again.all()).isEqualTo(10);
        assertThat(again.stdout()).contains("nothing new to import");

        try (GraphConnection graph = TestGraphs.openEmbedded(store)) {
            assertThat(count(graph, "MATCH (r:ImportRun) WHERE r.status <> 'done' RETURN count(r)")).isZero();
            assertThat(count(graph, "MATCH (r:ImportRun) RETURN max(r.attempts)")).as("the killed import resumed")
                    .isEqualTo(2);
            for (String label : new String[] {"User", "Item", "Brand"}) {
                String key = label.equals("Brand") ? "name" : "id";
                assertThat(count(graph, "MATCH (n:" + label + ") WITH n." + key + " AS k, count(*) AS c "
                        + "WHERE c > 1 RETURN count(*)")).as("duplicate " + label).isZero();
            }
            assertThat(count(graph, "MATCH (u:User)-[r:INTERACTED]->(i:Item) WITH u, i, count(r) AS c WHERE c > 1 "
                    + "RETURN count(*)")).as("duplicate interactions").isZero();
            long expected = 0;
            for (Path csv : new Path[] {landing.resolve("interactions.csv"),
                    landing.resolve("day-01/interactions.csv"), landing.resolve("day-02/interactions.csv")}) {
                expected += Files.readAllLines(csv).size() - 1;
            }
            assertThat(count(graph, "MATCH ()-[r:INTERACTED]->() RETURN count(r)")).isEqualTo(expected);
            // one published version; the staged version of the run killed at publish is gone
            assertThat(count(graph, "MATCH (r:PropagationRun {state: 'published'}) RETURN count(r)")).isEqualTo(1);
            assertThat(count(graph, "MATCH (r:PropagationRun) WHERE r.state IN ['writing', 'staged'] "
                    + "RETURN count(r)")).isZero();
            long published = count(graph, "MATCH (p:PublishedVersion {name: 'fused'}) RETURN p.version");
            assertThat(count(graph, "MATCH (r:PropagationRun {state: 'failed'}) WHERE r.failedBecause CONTAINS "
                    + "'ended while the version was staged' RETURN count(r)")).as("the run killed at publish")
                    .isEqualTo(1);
            assertThat(count(graph, "MATCH (i:Item) WHERE any(k IN keys(i) WHERE k STARTS WITH 'embedding_v' "
                    + "AND k <> 'embedding_v' + $v) RETURN count(i)".replace("$v", String.valueOf(published))))
                    .as("no vectors of other versions").isZero();
        }
        assertThat(Files.readAllLines(dir.resolve("refresh.jsonl"))).hasSize(2)
                .allMatch(l -> l.startsWith("{\"startedAt\""));
    }

    @Test
    void theDatabaseGoingAwayMidRunIsAClearErrorWithANonZeroExit() throws Exception {
        Path landing = landing();
        GraphConnection server = TestGraphs.openEmbedded(dir.resolve("server"));
        String uri = server.uri();
        Path work = dir.resolve("unreachable");
        Map<String, String> env = Map.of(Faults.ENV, "publish", Faults.ENV + "_SECONDS", "15",
                "GRAPHREC_NEO4J_URI", uri);
        Process process = GraphrecProcess.start(work, env, "refresh", "--input", landing.toString(),
                "--mode", "closed-form", "--dimension", "16", "--log", dir.resolve("refresh.jsonl").toString(),
                "--rejects-dir", dir.toString());
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!GraphrecProcess.read(work.resolve("stderr.txt")).contains("FAULT-PAUSE publish")
                && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        server.close(); // the database goes away while the job is between staging and publishing
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String out = GraphrecProcess.read(work.resolve("stdout.txt")) + GraphrecProcess.read(work.resolve("stderr.txt"));
        assertThat(process.exitValue()).as(out).isEqualTo(3);
        assertThat(out).contains("error: ").doesNotContain("\tat org.").doesNotContain("Exception:");
    }
}
