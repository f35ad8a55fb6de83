package org.graphrec.propagation;
import org.graphrec.experiments.ExperimentOptions;
import org.graphrec.core.Csr;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.FactorModel;
import org.graphrec.core.ModalityMatrix;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.graphrec.config.ConnectionSettings;
import org.graphrec.eval.DotProductScorer;
import org.graphrec.eval.EvaluationParameters;
import org.graphrec.eval.EvaluationResult;
import org.graphrec.propagation.EvaluationService;
import org.graphrec.eval.ItemSimilarityScorer;
import org.graphrec.graph.GraphConnection;
import org.graphrec.graph.SchemaBootstrap;
import org.graphrec.importer.CatalogImporter;
import org.graphrec.importer.ImportRequest;
import org.graphrec.importer.SplitPolicy;
import org.graphrec.core.InteractionGraph.Split;
import org.graphrec.propagation.PropagateParameters.Mode;
import org.graphrec.progress.ProgressTracker;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Ablation experiments on the datasets that have text and brands/categories (Amazon Gift Cards, Magazines): the
 * dataset goes through the real importer ({@code import --embed-text}) into an embedded Neo4j and the real
 * {@link GraphLoader}; the closed-form model is then run in-process for every ablation row. Not a regular test: runs
 * only with {@code -Dgraphrec.ablate=giftcards|magazine}. Selection uses the validation split only:
 * <ol>
 *   <li>(d, p, γ) on the interactions-only graph, from {@code -Dgraphrec.grid="d,p,γ;…"};</li>
 *   <li>per ablation row, the weight of its extra rows from {@code -Dgraphrec.weights="0.1,0.3,1"};</li>
 *   <li>test once per row, at its chosen setting.</li>
 * </ol>
 * Finally the chosen "all" setting runs once more through the product services ({@link PropagationService} with
 * write-back, then {@link EvaluationService} on test), i.e. what {@code propagate … && evaluate} do.
 */
class ImportedDatasetAblations {

    static final ProgressTracker QUIET = ProgressTracker.none();

    /** Dataset key → import path (relative to the project root), split policy. */
    static final Map<String, Object[]> DATASETS = Map.of(
            "giftcards", new Object[] {Path.of("..", "shared", "data", "amazon-gift-cards"), SplitPolicy.TEMPORAL},
            "magazine", new Object[] {Path.of("graph-import", "amazon-magazine.properties"), SplitPolicy.RANDOM});

    @Test
    void ablate() throws Exception {
        options = ExperimentOptions.of("ImportedDatasetAblations", TuningExperiments.KEYS);
        String which = options.text("ablate", null);
        Assumptions.assumeTrue(which != null, "set -Dgraphrec.ablate to run");
        Object[] ds = DATASETS.get(which);
        Assumptions.assumeTrue(ds != null && Files.isDirectory(Path.of("..", "shared", "data")),
                "../shared/data is absent");
        Path dir = Files.createTempDirectory("graphrec-ablate");
        try (GraphConnection graph = GraphConnection.open(new ConnectionSettings(dir.resolve("db"), null, null, null,
                null, 0, 512))) {
            SchemaBootstrap.apply(graph);
            long t0 = System.nanoTime();
            ImportRequest request = ImportRequest.of((Path) ds[0]).withSplit((SplitPolicy) ds[1], 42)
                    .withRejects(1000, dir.resolve("rejects.tsv")).withEmbedText(true);
            new CatalogImporter().importPath(graph, request, QUIET);
            System.out.printf(Locale.ROOT, "import %s --split %s --embed-text: %.1f s%n", ds[0],
                    ((SplitPolicy) ds[1]).name().toLowerCase(Locale.ROOT), (System.nanoTime() - t0) / 1e9);
            InteractionGraph g = new GraphLoader(graph, QUIET).load(LoadOptions.everything());
            System.out.println(which + ": " + g.describe());
            experiments(g);
            viaServices(graph);
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private ExperimentOptions options;
    private ClosedFormParameters chosenAll;
    private double chosenModalityWeight;

    private void experiments(InteractionGraph g) {
        // baselines
        DotProductScorer pop = new DotProductScorer(MostPopular.compute(g));
        System.out.println(TuningExperiments.line("mostpop", eval(g, pop, Split.VALID), eval(g, pop, Split.TEST),
                0));
        EvaluationResult bestKnnValid = null;
        String bestKnn = null;
        ItemSimilarityScorer bestKnnScorer = null;
        for (String conf : options.text("itemknn", "10:0;50:0;50:10;200:10").split(";")) {
            int k = Integer.parseInt(conf.split(":")[0]);
            double shrink = Double.parseDouble(conf.split(":")[1]);
            ItemSimilarityScorer s = new ItemSimilarityScorer(g.train(),
                    new ItemKnn(k, shrink, QUIET).similarities(g));
            EvaluationResult v = eval(g, s, Split.VALID);
            System.out.println(TuningExperiments.line("itemknn k=" + k + " shrink=" + shrink, v, null, 0));
            if (better(v, bestKnnValid)) {
                bestKnnValid = v;
                bestKnn = conf;
                bestKnnScorer = s;
            }
        }
        System.out.println(TuningExperiments.line("TEST itemknn chosen " + bestKnn, bestKnnValid,
                eval(g, bestKnnScorer, Split.TEST), 0));

        Map<String, Csr> knn = TuningExperiments.knn(g, options.integer("k", 10, 1, 10_000));
        List<String> modalities = g.modalities().stream().map(ModalityMatrix::name).toList();
        // 1. filter on the interactions-only graph
        ClosedFormParameters base = null;
        EvaluationResult baseValid = null;
        for (String item : options.text("grid", "64,6,0.4").split(";")) {
            String[] f = item.split(",");
            ClosedFormParameters p = ClosedFormParameters.defaults(Integer.parseInt(f[0]))
                    .withFilter(Double.parseDouble(f[1]), 0.5, Double.parseDouble(f[2]));
            EvaluationResult v = valid(g, knn, p, "filter");
            if (better(v, baseValid)) {
                baseValid = v;
                base = p;
            }
        }
        ClosedFormParameters filter = base;
        System.out.printf(Locale.ROOT, "chosen filter on valid: d=%d p=%.1f g=%.2f%n", filter.dimension(),
                filter.filterExponent(), filter.itemExponent());
        // 2. ablation rows, weight chosen on valid per row
        double[] weights = java.util.Arrays.stream(options.text("weights", "0.1,0.3,1").split(","))
                .mapToDouble(Double::parseDouble).toArray();
        Map<String, ClosedFormParameters> chosen = new LinkedHashMap<>();
        chosen.put("interactions only", filter);
        for (String m : modalities) {
            chosen.put("+ " + m, bestWeight(g, knn, weights, "+ " + m, w -> filter.withModalityWeights(Map.of(m, w))));
        }
        chosen.put("+ brand", bestWeight(g, knn, weights, "+ brand", w -> filter.withGroups(w, 0)));
        chosen.put("+ category", bestWeight(g, knn, weights, "+ category", w -> filter.withGroups(0, w)));
        chosen.put("+ brand + category", bestWeight(g, knn, weights, "+ brand + category",
                w -> filter.withGroups(w, w)));
        ClosedFormParameters all = bestWeight(g, knn, weights, "all", w -> {
            Map<String, Double> mw = new HashMap<>();
            modalities.forEach(m -> mw.put(m, w));
            return filter.withModalityWeights(mw).withGroups(w, w);
        });
        chosen.put("all", all);
        chosenAll = all;
        chosenModalityWeight = all.modalityWeights().values().stream().findFirst().orElse(0.0);
        // 3. test once per row at its chosen setting
        for (var e : chosen.entrySet()) {
            ClosedFormParameters p = e.getValue();
            FactorModel model = new ClosedFormPropagation(p, QUIET).compute(g, knn).model();
            DotProductScorer s = new DotProductScorer(model);
            System.out.println(TuningExperiments.line(String.format(Locale.ROOT, "TEST %-20s w=%s b=%.2f c=%.2f",
                    e.getKey(), new java.util.TreeMap<>(p.modalityWeights()), p.brandWeight(), p.categoryWeight()),
                    eval(g, s, Split.VALID), eval(g, s, Split.TEST), 0));
        }
    }

    private void viaServices(GraphConnection graph) {
        ClosedFormParameters p = chosenAll;
        PropagateParameters pp = new PropagateParameters(Mode.CLOSED_FORM, p.withModalityWeights(Map.of()), 10,
                null, chosenModalityWeight, true, true);
        long t0 = System.nanoTime();
        PropagationSummary s = new PropagationService(graph, QUIET).run(pp);
        System.out.printf(Locale.ROOT, "SERVICE propagate --dimension %d --filter-exponent %s --item-exponent %s "
                        + "--modality-weight %s --brand-weight %s --category-weight %s: valid %s timings %s (%.1f s)%n",
                p.dimension(), p.filterExponent(), p.itemExponent(), chosenModalityWeight, p.brandWeight(),
                p.categoryWeight(), s.validation(), s.timings(), (System.nanoTime() - t0) / 1e9);
        EvaluationService.Report r = new EvaluationService(graph, QUIET)
                .evaluate(EvaluationParameters.of(Split.TEST, 10, 20));
        System.out.println("SERVICE evaluate --k 10,20 --split test: " + r.asJson());
    }

    private ClosedFormParameters bestWeight(InteractionGraph g, Map<String, Csr> knn, double[] weights, String row,
                                            java.util.function.DoubleFunction<ClosedFormParameters> setting) {
        ClosedFormParameters best = null;
        EvaluationResult bestValid = null;
        for (double w : weights) {
            ClosedFormParameters p = setting.apply(w);
            EvaluationResult v = valid(g, knn, p, row + " w=" + w);
            if (better(v, bestValid)) {
                bestValid = v;
                best = p;
            }
        }
        return best;
    }

    private static EvaluationResult valid(InteractionGraph g, Map<String, Csr> knn, ClosedFormParameters p,
                                          String label) {
        long t0 = System.nanoTime();
        FactorModel model = new ClosedFormPropagation(p, QUIET).compute(g, knn).model();
        double secs = (System.nanoTime() - t0) / 1e9;
        EvaluationResult v = eval(g, new DotProductScorer(model), Split.VALID);
        System.out.println(TuningExperiments.line(String.format(Locale.ROOT, "%s d=%d p=%.1f g=%.2f", label,
                p.dimension(), p.filterExponent(), p.itemExponent()), v, null, secs));
        System.out.flush();
        return v;
    }

    /** Higher valid Recall@20, ties broken by NDCG@20. */
    private static boolean better(EvaluationResult v, EvaluationResult best) {
        return best == null || v.get("recall@20") > best.get("recall@20")
                || v.get("recall@20") == best.get("recall@20") && v.get("ndcg@20") > best.get("ndcg@20");
    }

    private static EvaluationResult eval(InteractionGraph g, org.graphrec.eval.Scorer s, Split split) {
        return new org.graphrec.eval.Evaluator(g, EvaluationParameters.of(split, 10, 20), QUIET).evaluate(s);
    }
}
