package org.graphrec.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.graphrec.config.Json;
import org.graphrec.recommend.ServingFixtures;
import org.graphrec.testing.GraphrecProcess;
import org.graphrec.testing.GraphrecProcess.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the serving commands the way users do: a real {@code graphrec} JVM per run (the test's class path,
 * {@code org.graphrec.GraphrecApplication}) on an embedded store holding the hand-built fixture graph, both
 * one command per process ({@code graphrec --db DIR recommend --user u1}) and a command file run as one shell
 * session ({@code graphrec --db DIR --file commands.txt}).
 */
class ServingShellProcessTest {

    @TempDir
    static Path dir;
    static Path store;
    static Path emptyStore;

    @BeforeAll
    static void buildStores() {
        store = ServingFixtures.tinyStore(dir.resolve("fixture-db"));
        emptyStore = ServingFixtures.oneInteractionStore(dir.resolve("no-run-db"));
    }

    static Result graphrec(Path db, String... args) throws IOException, InterruptedException {
        return GraphrecProcess.runOnStore(db, dir.resolve("runs"), args);
    }

    @Test
    void oneCommandPerProcessPrintsJsonForScripts() throws Exception {
        Result run = graphrec(store, "recommend", "--user", "u1", "--k", "3", "--json");
        assertThat(run.exitCode()).as(run.all()).isZero();
        JsonNode json = Json.mapper().readTree(run.stdout().substring(run.stdout().indexOf('{')));
        assertThat(json.get("source").asText()).isEqualTo("EMBEDDING");
        List<String> ids = new ArrayList<>();
        json.get("items").forEach(i -> ids.add(i.get("itemId").asText()));
        assertThat(ids).containsExactly("i6", "i7", "i3");
    }

    @Test
    void aMissingUserIsOneLineWithASuggestionAndExitCode2() throws Exception {
        Result run = graphrec(store, "recommend", "--user", "u9");
        assertThat(run.exitCode()).isEqualTo(2);
        String all = run.all();
        assertThat(all).contains("error: no user with id 'u9' — did you mean 'u1'");
        // no stack trace from the command itself (Spring Boot's own exit-code logging is the launcher's business)
        assertThat(all).doesNotContain("UserException").doesNotContain("at org.graphrec.recommend")
                .doesNotContain("at org.graphrec.shell.RecommendCommands");
    }

    @Test
    void aCommandFileRunsLikeAnInteractiveSession() throws Exception {
        Result run = GraphrecProcess.sessionOnStore(store, dir.resolve("runs"),
                "recommend --user u1 --k 3",
                "recommend --user u1 --k 3 --brand Zen",
                "recommend --user u4 --k 3",
                "similar --item i7 --by text --k 2",
                "explain --user u3 --item i6",
                "neighbours --item i7 --k 2",
                "cypher --name recommend/for-user --param userId=u1 k=3",
                "cypher qa/orphans");
        String out = run.stdout();
        assertThat(run.exitCode()).as(out + run.stderr()).isZero();
        List<String> blocks = List.of(out.split("(?m)^(?=rank  item)|(?m)^(?=note: )|(?m)^(?=items like)"
                + "|(?m)^(?=why )|(?m)^(?=personalised PageRank)"));
        // recommend: seen i1, i2 filtered; by dot product
        assertThat(rowIds(out, 0)).containsExactly("i6", "i7", "i3");
        // brand filter
        assertThat(out).containsPattern("(?s)1\\s+i6.*2\\s+i4.*3\\s+i5");
        // cold start says it is a fallback
        assertThat(out).contains("note: cold start: user 'u4' has no embedding yet (no interactions) — fallback: "
                + "most popular items");
        // similar for an item without interactions
        assertThat(out).contains("items like i7 by text:");
        // explain: the strongest shortest path first
        assertThat(out).contains("why i6 \"Big Hat\" for u3:");
        assertThat(out).containsPattern("\\[2 hops, 1\\.000\\] u3 → i1 \"Red Runner\" \\(train\\) ≈ i6: fused");
        // the cypher command prints the same list as recommend, as a table
        assertThat(out).containsPattern("(?s)rank\\s+itemId\\s+title\\s+score.*1\\s+i6.*2\\s+i7.*3\\s+i3.*3 rows");
        assertThat(out).containsPattern("Brand\\s+Empty").containsPattern("User\\s+u4");
        assertThat(blocks).isNotEmpty();
    }

    @Test
    void embeddingCommandsAreUnavailableUntilAPropagationRunExists() throws Exception {
        Result single = graphrec(emptyStore, "recommend", "--user", "u1");
        assertThat(single.exitCode()).isEqualTo(2);
        assertThat(single.all()).contains("error: no propagation run yet — run 'propagate' first");
        Result session = GraphrecProcess.sessionOnStore(emptyStore, dir.resolve("runs"), "stats",
                "similar --item i1");
        assertThat(session.all()).contains("not currently available")
                .contains("no propagation run yet — run 'propagate' first");
    }

    /** Item ids of the {@code n}-th result table (rows "rank  item …") in {@code out}. */
    static List<String> rowIds(String out, int n) {
        String[] tables = out.split("(?m)^rank\\s+item\\s");
        List<String> ids = new ArrayList<>();
        for (String line : tables[n + 1].split("\\R")) {
            String[] cells = line.strip().split("\\s+");
            if (cells.length >= 2 && cells[0].matches("\\d+")) {
                ids.add(cells[1]);
            } else if (!ids.isEmpty()) {
                break;
            }
        }
        return ids;
    }
}
