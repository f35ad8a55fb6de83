package org.graphrec.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.graphrec.config.Json;
import org.graphrec.graph.GraphConnection;
import org.graphrec.importer.CatalogImporter;
import org.graphrec.importer.ImportRequest;
import org.graphrec.propagation.ClosedFormParameters;
import org.graphrec.propagation.PropagateParameters;
import org.graphrec.propagation.PropagationService;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.recommend.ServingFixtures;
import org.graphrec.testing.GraphrecProcess;
import org.graphrec.testing.TestGraphs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code search} as users run it: a real graphrec JVM per command on (a) the example bundle imported with
 * {@code --embed-text} (real MiniLM vectors) and propagated, (b) the hand-built fixture whose text vectors were
 * written by hand (no recorded encoder), (c) a store without text vectors. Bad input exits 2 with one line.
 */
class SearchShellProcessTest {

    @TempDir
    static Path dir;
    static Path miniLm;
    static Path handWritten;
    static Path noText;

    @BeforeAll
    static void buildStores() throws IOException {
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        try (var files = Files.list(Path.of("graph-import", "example"))) {
            for (Path f : files.toList()) {
                Files.copy(f, bundle.resolve(f.getFileName()));
            }
        }
        Path manifest = bundle.resolve("bundle.properties");
        Files.writeString(manifest, Files.readString(manifest).replace("embedding.text.file = text.npy", ""));
        miniLm = dir.resolve("minilm-db");
        try (GraphConnection graph = TestGraphs.openEmbedded(miniLm)) {
            new CatalogImporter().importPath(graph, ImportRequest.of(bundle).withEmbedText(true)
                    .withRejects(0, dir.resolve("rejects.tsv")), ProgressTracker.none());
            ClosedFormParameters cf = ClosedFormParameters.defaults(4).withSeed(42);
            new PropagationService(graph, ProgressTracker.none()).run(new PropagateParameters(
                    PropagateParameters.Mode.CLOSED_FORM, cf, 2, null, 0.3, true, true));
        }
        handWritten = ServingFixtures.tinyStore(dir.resolve("fixture-db"));
        noText = ServingFixtures.oneInteractionStore(dir.resolve("no-text-db"));
    }

    static GraphrecProcess.Result graphrec(Path db, String... args) throws IOException, InterruptedException {
        return GraphrecProcess.runOnStore(db, dir, args);
    }

    @Test
    void aSessionSearchesWithAndWithoutAUser() throws Exception {
        GraphrecProcess.Result run = GraphrecProcess.sessionOnStore(miniLm, dir,
                "search --query \"packable waterproof rain jacket\" --k 2 --json",
                "search --query \"shoe for running\" --user u1 --k 2");
        assertThat(run.exitCode()).as(run.all()).isZero();
        String out = run.stdout();
        JsonNode json = Json.mapper().readTree(out.substring(out.indexOf('{'), out.indexOf("\n}") + 2));
        assertThat(json.get("hits").get(0).get("itemId").asText()).isEqualTo("i3");
        assertThat(json.get("personalised").asBoolean()).isFalse();
        assertThat(out).contains("search \"shoe for running\" for u1 (personal weight 0.10; score = blended z-score):")
                .contains("why:").containsPattern("1\\. i\\d: text similarity 0\\.\\d{3}; model score");
    }

    @Test
    void aBlankQueryIsOneLineAndExitCode2() throws Exception {
        assertRefused(miniLm, "--query needs some text, found an empty or blank query", "search", "--query", "   ");
    }

    @Test
    void anUnknownUserGetsADidYouMean() throws Exception {
        assertRefused(miniLm, "no user with id 'u9' — did you mean 'u1'", "search", "--query", "jacket", "--user",
                "u9");
    }

    @Test
    void anUnknownBrandGetsADidYouMean() throws Exception {
        assertRefused(miniLm, "no brand 'Nimbuss' — did you mean 'Nimbus'", "search", "--query", "jacket", "--brand",
                "Nimbuss");
    }

    @Test
    void textVectorsOfAnotherOriginAreRefused() throws Exception {
        assertRefused(handWritten, "the catalogue's text vectors came from an unrecorded source", "search",
                "--query", "red runner");
    }

    @Test
    void aCatalogueWithoutTextVectorsIsRefused() throws Exception {
        assertRefused(noText, "this catalogue has no text vectors", "search", "--query", "anything");
    }

    /** The command exits 2 with the one-line {@code error: …} and no stack trace. */
    private static void assertRefused(Path db, String error, String... args) throws Exception {
        GraphrecProcess.Result run = graphrec(db, args);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.all()).contains("error: " + error);
        assertNoStackTrace(run);
    }

    private static void assertNoStackTrace(GraphrecProcess.Result run) {
        assertThat(run.all()).doesNotContain("Exception").doesNotContain("\tat org.graphrec");
        assertThat(run.all().lines().filter(l -> l.startsWith("error:")).count()).isEqualTo(1);
    }
}
