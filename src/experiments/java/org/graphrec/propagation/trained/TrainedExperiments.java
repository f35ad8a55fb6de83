package org.graphrec.propagation.trained;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.graphrec.core.Csr;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.InteractionGraph.Split;
import org.graphrec.eval.DotProductScorer;
import org.graphrec.eval.EvaluationParameters;
import org.graphrec.eval.EvaluationResult;
import org.graphrec.eval.Evaluator;
import org.graphrec.eval.Ndcg;
import org.graphrec.eval.Recall;
import org.graphrec.experiments.ExperimentOptions;
import org.graphrec.experiments.MmrecTestData;
import org.graphrec.progress.ConsoleProgress;
import org.graphrec.progress.ProgressTracker;
import org.junit.jupiter.api.Test;

/**
 * Bounded trained-mode runs on {@code ../shared/data} (docs/trained.md), outside the product's Neo4j path. Run as
 * {@code mvn -B -Pexperiments test -Dtest=TrainedExperiments -Dgraphrec.experiment=<dataset>:<mode>} (dataset
 * tiktok|baby|sports|clothing, mode lightgcn|multimodal; docs/architecture.md "Experiments"), with optional
 * overrides of the training settings: maxEpochs, maxMinutes, evalEvery, patience, seed, threads, dropout, align,
 * layers, iiLayers, l2, lr, batch, validUsers, knn, shrink, weights, checkpoint, and ks (cutoffs reported).
 */
class TrainedExperiments {

    private static final String[] KEYS = {"experiment", "maxEpochs", "maxMinutes", "evalEvery", "patience", "seed",
        "threads", "dropout", "align", "layers", "iiLayers", "l2", "lr", "batch", "validUsers", "knn", "shrink",
        "weights", "checkpoint", "ks"};

    @Test
    void runConfiguredExperiment() {
        ExperimentOptions options = ExperimentOptions.of("TrainedExperiments", KEYS);
        assumeTrue(options.has("experiment"), "set -Dgraphrec.experiment=<dataset>:<mode> to run an experiment");
        run(options, System.out);
    }

    static void run(ExperimentOptions options, PrintStream out) {
        String[] parts = options.text("experiment", "").split(":");
        String dataset = parts[0];
        String mode = parts.length > 1 ? parts[1] : "lightgcn";
        if (!List.of("lightgcn", "multimodal").contains(mode)) {
            throw new IllegalArgumentException("-Dgraphrec.experiment: mode must be lightgcn or multimodal, found "
                    + mode);
        }
        String folder = switch (dataset) {
            case "tiktok" -> "tiktok";
            case "baby" -> "amazon-baby";
            case "sports" -> "amazon-sports";
            case "clothing" -> "amazon-clothing";
            default -> throw new IllegalArgumentException("-Dgraphrec.experiment: dataset must be tiktok, baby, "
                    + "sports or clothing, found " + dataset);
        };
        assumeTrue(MmrecTestData.available(folder), "shared data not found at " + MmrecTestData.DATA);
        List<String> modalities = dataset.equals("tiktok") ? List.of("image", "audio") : List.of();
        long t0 = System.nanoTime();
        InteractionGraph graph = MmrecTestData.load(folder, dataset, modalities);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        TrainingParameters p = parameters(options, mode.equals("multimodal") ? TrainingParameters.freedom()
                : TrainingParameters.lightGcn(), modalities.size());
        double maxMinutes = options.real("maxMinutes", 10, 0, 24 * 60);
        long deadline = System.nanoTime() + (long) (maxMinutes * 60e9);
        out.printf(Locale.ROOT, "%s: %d users, %d items, %d train edges, loaded in %.1f s; %s%n", dataset,
                graph.users(), graph.items(), graph.train().nonZeros(), loadSeconds, p);
        TrainingResult result = new TrainedPropagation(graph, p, ConsoleProgress.forStdout())
                .train(() -> System.nanoTime() > deadline);
        StringBuilder line = new StringBuilder();
        for (int k : options.integers("ks", new int[] {10, 20, 50}, 1, 1000)) {
            EvaluationResult valid = evaluate(graph, result, graph.valid(), k);
            EvaluationResult test = evaluate(graph, result, graph.test(), k);
            line.append(String.format(Locale.ROOT, " valid R@%d %.4f N@%d %.4f | test R@%d %.4f N@%d %.4f;", k,
                    valid.get("recall@" + k), k, valid.get("ndcg@" + k), k, test.get("recall@" + k), k,
                    test.get("ndcg@" + k)));
        }
        out.printf(Locale.ROOT, "RESULT %s %s best epoch %d of %d (stopped early: %s), %.1f s total, "
                        + "%.2f s/epoch train, %.2f s/eval;%s%n", dataset, mode, result.bestEpoch(),
                result.epochsRun(), result.stoppedEarly(), result.seconds(), result.meanEpochSeconds(),
                result.epochs().stream().filter(EpochStats::evaluated).mapToDouble(EpochStats::evalSeconds)
                        .average().orElse(0), line);
    }

    /** The recipe with the overrides given on the command line, each checked against its range. */
    static TrainingParameters parameters(ExperimentOptions o, TrainingParameters recipe, int modalities) {
        TrainingParameters p = recipe.withMaxEpochs(o.integer("maxEpochs", 200, 0, 100_000))
                .withEvalEvery(o.integer("evalEvery", 1, 1, 1000))
                .withSeed(o.whole("seed", 42L, Long.MIN_VALUE, Long.MAX_VALUE))
                .withThreads(o.integer("threads", 2, 1, 256))
                .withPatience(o.integer("patience", 20, 1, 10_000))
                .withEdgeDropout(o.real("dropout", recipe.edgeDropout(), 0, 0.99))
                .withAlignWeight(o.real("align", recipe.alignWeight(), 0, 1e6))
                .withLayers(o.integer("layers", recipe.layers(), 0, 16))
                .withItemItemLayers(o.integer("iiLayers", recipe.itemItemLayers(), 0, 16))
                .withL2(o.real("l2", recipe.l2(), 0, 1e6))
                .withLearningRate(o.real("lr", recipe.learningRate(), 1e-9, 10))
                .withBatchSize(o.integer("batch", recipe.batchSize(), 1, 1 << 24))
                .withValidationUsers(o.integer("validUsers", recipe.validationUsers(), 0, Integer.MAX_VALUE))
                .withKnnK(o.integer("knn", recipe.knnK(), 1, 10_000))
                .withItemGraphShrink(o.real("shrink", recipe.itemGraphShrink(), 0, 1e9));
        if (o.has("weights") && modalities > 0) {
            p = p.withModalityWeights(o.reals("weights", List.of(), 0, 1e6));
        }
        if (o.has("checkpoint")) {
            p = p.withCheckpoint(Path.of(o.text("checkpoint", "")), 10);
        }
        return p;
    }

    /** Recall and NDCG at {@code k} of the trained embeddings against {@code heldOut}, by the shared evaluator. */
    static EvaluationResult evaluate(InteractionGraph graph, TrainingResult result, Csr heldOut, int k) {
        return new Evaluator(graph.train(), heldOut, EvaluationParameters.of(Split.TEST, k), ProgressTracker.none())
                .evaluate(new DotProductScorer(result.model()), List.of(new Recall(k), new Ndcg(k)), List.of());
    }
}
