package org.graphrec.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.graphrec.config.Json;
import org.graphrec.importer.synthetic.SyntheticGenerator;
import org.graphrec.importer.synthetic.SyntheticParameters;
import org.graphrec.jobs.Faults;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.testing.GraphrecProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance of issue 17, as a user meets it: {@code propagate} killed with SIGKILL while it writes a version,
 * then {@code propagate} again at once: it runs (no lock-out for the rest of a lease) and {@code versions} shows
 * the killed run's version as failed, with the reason, and nothing left {@code writing}.
 */
class PropagateKillProcessTest {

    @TempDir
    Path dir;

    @Test
    void aPropagateKilledMidWriteDoesNotLockTheNextOneOutAndLeavesNoWritingVersion() throws Exception {
        Path data = dir.resolve("shop");
        new SyntheticGenerator(SyntheticParameters.builder().users(150).items(50).brands(4).seed(3).build())
                .generate(data, false, ProgressTracker.none());
        String store = dir.resolve("db").toString();
        var imported = GraphrecProcess.run(dir.resolve("import"), Map.of(), "--db", store, "import", "--path",
                data.resolve(SyntheticGenerator.MANIFEST).toString());
        assertThat(imported.exitCode()).as(imported.all()).isZero();

        Path killed = dir.resolve("killed");
        Process first = GraphrecProcess.start(killed, Map.of(Faults.ENV, "write"), "--db", store, "propagate",
                "--dimension", "8");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (!GraphrecProcess.read(killed.resolve("stderr.txt")).contains("FAULT-PAUSE write")) {
            assertThat(first.isAlive()).as(GraphrecProcess.read(killed.resolve("stdout.txt"))).isTrue();
            assertThat(System.nanoTime()).as("propagate reached the write").isLessThan(deadline);
            Thread.sleep(200);
        }
        first.destroyForcibly().waitFor(1, TimeUnit.MINUTES); // kill -9 with version 1 'writing', lock held

        var again = GraphrecProcess.run(dir.resolve("again"), Map.of(), "--db", store, "propagate", "--dimension",
                "8");
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(again.stderr()).contains("note: released the lock of", "embedding version 1 was left "
                + "unfinished by a job that is gone");
        assertThat(again.stdout()).contains("wrote embedding version 2", "published");

        var versions = GraphrecProcess.run(dir.resolve("versions"), Map.of(), "--db", store, "versions", "--json");
        assertThat(versions.exitCode()).as(versions.all()).isZero();
        JsonNode list = Json.mapper().readTree(versions.stdout());
        assertThat(list.findValuesAsText("state")).containsExactly("published", "failed");
        assertThat(list.get(1).get("reason").asText()).contains("ended while the version was writing");
    }
}
