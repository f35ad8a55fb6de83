package org.graphrec.search;

import org.graphrec.experiments.ExperimentOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.graphrec.graph.GraphConnection;
import org.graphrec.importer.CatalogImporter;
import org.graphrec.importer.ImportRequest;
import org.graphrec.importer.SplitPolicy;
import org.graphrec.importer.synthetic.SyntheticGenerator;
import org.graphrec.importer.synthetic.SyntheticParameters;
import org.graphrec.propagation.ClosedFormParameters;
import org.graphrec.propagation.PropagateParameters;
import org.graphrec.propagation.PropagateParameters.Mode;
import org.graphrec.propagation.PropagationService;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.testing.TestGraphs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The search numbers of docs/quality.md: not a regular test (it imports, embeds and propagates whole catalogues);
 * runs only with {@code -Dgraphrec.search.eval=giftcards,magazine,movielens,synthetic}. Per dataset: a fresh
 * embedded store, {@code import --embed-text} (the synthetic bundle without its own text vectors), the default
 * {@code propagate} (closed form, d = 64), then {@link SearchEvaluation}: known-item search, and personalised search
 * whose weight is chosen on the validation split and reported on the test split beside the default. Writes
 * {@code target/search-quality-<dataset>.md}.
 */
class SearchQualityEvaluation {

    static final Path SHARED = Path.of("..", "shared", "data");
    static final List<Double> WEIGHTS = Arrays.asList(null, 0.0, 0.1, 0.2, 0.3, 0.5, 1.0);

    @Test
    void evaluate() throws IOException {
        ExperimentOptions options = ExperimentOptions.of("SearchQualityEvaluation", "searchEval", "searchCases");
        String which = options.text("searchEval", null);
        Assumptions.assumeTrue(which != null, "set -Dgraphrec.searchEval=giftcards,magazine,movielens,synthetic to run");
        Assumptions.assumeTrue(Files.isDirectory(SHARED), "../shared/data is absent");
        int cases = options.integer("searchCases", 1000, 1, 1_000_000);
        for (String name : which.split(",")) {
            run(name.strip(), cases);
        }
    }

    private void run(String name, int cases) throws IOException {
        Path work = Files.createTempDirectory("graphrec-search-eval");
        ImportRequest request = switch (name) {
            case "giftcards" -> ImportRequest.of(SHARED.resolve("amazon-gift-cards")).withSplit(SplitPolicy.TEMPORAL, 42);
            case "magazine" -> ImportRequest.of(Path.of("graph-import", "amazon-magazine.properties"));
            case "movielens" -> ImportRequest.of(Path.of("graph-import", "movielens-small.properties"));
            case "synthetic" -> ImportRequest.of(syntheticWithoutTextVectors(work.resolve("synthetic")));
            default -> throw new IllegalArgumentException("unknown dataset " + name);
        };
        ProgressTracker quiet = ProgressTracker.none();
        StringBuilder report = new StringBuilder();
        long start = System.nanoTime();
        try (GraphConnection graph = TestGraphs.openEmbedded(work.resolve("db"))) {
            new CatalogImporter().importPath(graph, request.withEmbedText(true).withRejects(Long.MAX_VALUE,
                    work.resolve("rejects.tsv")), quiet);
            ClosedFormParameters cf = ClosedFormParameters.defaults(64).withSeed(42).withGroups(0.3, 0.3);
            new PropagationService(graph, quiet).run(new PropagateParameters(Mode.CLOSED_FORM, cf, 10, null, 0.3,
                    true, true));
            long textItems = graph.read(tx -> tx.run("MATCH (m:Modality {name: 'text'}) MATCH (i:Item) "
                    + "WHERE i[m.property] IS NOT NULL RETURN count(i) AS c").single().get("c").asLong());
            SearchService service = new SearchService(graph);
            SearchEvaluation eval = new SearchEvaluation(graph, service, quiet);
            report.append(String.format(Locale.ROOT, "## %s (%d items with text vectors)%n%n", name, textItems));
            report.append("known-item search (title words shuffled, each dropped with p):\n\n")
                    .append("| p | queries | MRR | Recall@10 | NDCG@10 |\n|---|---|---|---|---|\n");
            for (double drop : new double[] {0, 0.3, 0.5}) {
                SearchEvaluation.Metrics m = eval.knownItem(cases, drop, 11);
                report.append(String.format(Locale.ROOT, "| %.1f | %d | %s |%n", drop, m.queries(), m.cells()));
            }
            List<SearchEvaluation.Case> valid = eval.personalCases("valid", cases, 12);
            List<SearchEvaluation.Case> test = eval.personalCases("test", cases, 13);
            List<SearchEvaluation.Metrics> v = eval.personal(valid, WEIGHTS);
            List<SearchEvaluation.Metrics> t = eval.personal(test, WEIGHTS);
            int best = 1;
            for (int w = 1; w < WEIGHTS.size(); w++) {
                if (v.get(w).ndcgAt10() > v.get(best).ndcgAt10()) {
                    best = w;
                }
            }
            report.append(String.format(Locale.ROOT, "%npersonalised search (HEM-style queries; %d valid, %d test "
                    + "interactions; train items masked):%n%n", valid.size(), test.size()));
            report.append("| --personal | valid Recall@10 | valid NDCG@10 | test Recall@10 | test NDCG@10 |\n"
                    + "|---|---|---|---|---|\n");
            for (int w = 0; w < WEIGHTS.size(); w++) {
                report.append(String.format(Locale.ROOT, "| %s%s | %.4f | %.4f | %.4f | %.4f |%n",
                        WEIGHTS.get(w) == null ? "no --user" : WEIGHTS.get(w).toString(), w == best ? " (best on valid)"
                        : "", v.get(w).recallAt10(), v.get(w).ndcgAt10(), t.get(w).recallAt10(), t.get(w).ndcgAt10()));
            }
        }
        report.append(String.format(Locale.ROOT, "%n(%.0f s end to end)%n", (System.nanoTime() - start) / 1e9));
        System.out.println(report);
        Files.writeString(Path.of("target", "search-quality-" + name + ".md"), report.toString());
    }

    /** The synthetic catalogue (seed 7), its manifest without the synthetic text vectors (MiniLM embeds titles). */
    private static Path syntheticWithoutTextVectors(Path dir) throws IOException {
        SyntheticParameters p = SyntheticParameters.builder().users(2000).items(1000).brands(40).interactions(20000L)
                .textDim(32).imageDim(32).seed(7).build();
        new SyntheticGenerator(p).generate(dir, true, ProgressTracker.none());
        Path manifest = dir.resolve(SyntheticGenerator.MANIFEST);
        List<String> lines = new ArrayList<>(Files.readAllLines(manifest));
        lines.removeIf(l -> l.startsWith("embedding.text"));
        Files.write(manifest, lines);
        return manifest;
    }
}
