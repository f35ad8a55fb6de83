package org.graphrec.propagation.trained;

import java.util.List;
import org.graphrec.core.FactorModel;
import org.graphrec.core.InteractionGraph.Split;
import org.graphrec.eval.DotProductScorer;
import org.graphrec.eval.EvaluationParameters;
import org.graphrec.eval.EvaluationResult;
import org.graphrec.eval.Evaluator;
import org.graphrec.eval.Ndcg;
import org.graphrec.eval.Recall;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.core.Parallel;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.graphrec.progress.ConsoleProgress;
import org.junit.jupiter.api.Test;

/**
 * Bounded experiment runs on {@code ../shared/data} (docs/trained.md). Not part of the normal test run: enabled by
 * {@code -Dgraphrec.experiment=<dataset>:<mode>} (dataset tiktok|baby|sports|clothing, mode lightgcn|multimodal),
 * overrides {@code -Dgraphrec.maxEpochs}, {@code -Dgraphrec.maxMinutes}, {@code -Dgraphrec.evalEvery},
 * {@code -Dgraphrec.seed}, {@code -Dgraphrec.dropout}, {@code -Dgraphrec.align}, {@code -Dgraphrec.layers},
 * {@code -Dgraphrec.l2}, {@code -Dgraphrec.lr}, {@code -Dgraphrec.weights}, {@code -Dgraphrec.knn},
 * {@code -Dgraphrec.validUsers},
 * {@code -Dgraphrec.threads}, {@code -Dgraphrec.batch}, {@code -Dgraphrec.iiLayers}, {@code -Dgraphrec.ks} (cutoffs reported, default 10,20,50). Can also run as a plain {@code main} with the same properties.
 */
class TrainedExperiments {

    @Test
    void runConfiguredExperiment() throws IOException {
        String classpathFile = System.getProperty("graphrec.writeClasspath");
        if (classpathFile != null) { // to run experiments outside Maven from a snapshot of the classes
            Files.writeString(Path.of(classpathFile), System.getProperty("surefire.test.class.path",
                    System.getProperty("java.class.path")));
        }
        String spec = System.getProperty("graphrec.experiment");
        assumeTrue(spec != null, "set -Dgraphrec.experiment=<dataset>:<mode> to run an experiment");
        run(spec, System.out);
    }

    public static void main(String[] args) throws IOException {
        run(args.length > 0 ? args[0] : System.getProperty("graphrec.experiment"), System.out);
    }

    static void run(String spec, PrintStream out) throws IOException {
        String[] parts = spec.split(":");
        String dataset = parts[0];
        String mode = parts.length > 1 ? parts[1] : "lightgcn";
        Path root = MMRecFiles.dataRoot();
        Path folder = root.resolve(switch (dataset) {
            case "tiktok" -> "tiktok";
            case "baby" -> "amazon-baby";
            case "sports" -> "amazon-sports";
            case "clothing" -> "amazon-clothing";
            default -> throw new IllegalArgumentException("unknown dataset " + dataset);
        });
        assumeTrue(Files.isDirectory(folder), "shared data not found at " + folder);
        List<String> modalities = dataset.equals("tiktok") ? List.of("image", "audio") : List.of();
        long t0 = System.nanoTime();
        TrainingGraph graph = MMRecFiles.load(folder, dataset, modalities);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        TrainingParameters p = mode.equals("multimodal") ? TrainingParameters.multimodal()
                : TrainingParameters.lightGcn();
        p = p.withMaxEpochs(Integer.getInteger("graphrec.maxEpochs", 200))
                .withEvalEvery(Integer.getInteger("graphrec.evalEvery", 1))
                .withSeed(Long.getLong("graphrec.seed", 42L))
                .withThreads(Integer.getInteger("graphrec.threads", 2))
                .withPatience(Integer.getInteger("graphrec.patience", 20));
        if (System.getProperty("graphrec.dropout") != null) {
            p = p.withEdgeDropout(Double.parseDouble(System.getProperty("graphrec.dropout")));
        }
        if (System.getProperty("graphrec.align") != null) {
            p = p.withAlignWeight(Double.parseDouble(System.getProperty("graphrec.align")));
        }
        if (System.getProperty("graphrec.layers") != null) {
            p = p.withLayers(Integer.getInteger("graphrec.layers"));
        }
        if (System.getProperty("graphrec.iiLayers") != null) {
            p = p.withItemItemLayers(Integer.getInteger("graphrec.iiLayers"));
        }
        if (System.getProperty("graphrec.l2") != null) {
            p = p.withL2(Double.parseDouble(System.getProperty("graphrec.l2")));
        }
        if (System.getProperty("graphrec.lr") != null) {
            p = p.withLearningRate(Double.parseDouble(System.getProperty("graphrec.lr")));
        }
        if (System.getProperty("graphrec.batch") != null) {
            p = p.withBatchSize(Integer.getInteger("graphrec.batch"));
        }
        if (System.getProperty("graphrec.validUsers") != null) {
            p = p.withValidationUsers(Integer.getInteger("graphrec.validUsers"));
        }
        if (System.getProperty("graphrec.knn") != null) {
            p = p.withKnnK(Integer.getInteger("graphrec.knn"));
        }
        if (System.getProperty("graphrec.shrink") != null) {
            p = p.withItemGraphShrink(Double.parseDouble(System.getProperty("graphrec.shrink")));
        }
        if (System.getProperty("graphrec.weights") != null && !modalities.isEmpty()) {
            p = p.withModalityWeights(Arrays.stream(System.getProperty("graphrec.weights").split(","))
                    .map(Double::valueOf).toList());
        }
        if (System.getProperty("graphrec.checkpoint") != null) {
            p = p.withCheckpoint(Path.of(System.getProperty("graphrec.checkpoint")), 10);
        }
        double maxMinutes = Double.parseDouble(System.getProperty("graphrec.maxMinutes", "10"));
        long deadline = System.nanoTime() + (long) (maxMinutes * 60e9);
        out.printf(Locale.ROOT, "%s: %d users, %d items, %d train edges, loaded in %.1f s; %s%n", dataset,
                graph.users(), graph.items(), graph.trainEdges(), loadSeconds, p);
        TrainedPropagation algorithm = new TrainedPropagation(graph, p, ConsoleProgress.forStdout());
        TrainingResult result = algorithm.train(() -> System.nanoTime() > deadline);
        {
            StringBuilder line = new StringBuilder();
            for (int k : Arrays.stream(System.getProperty("graphrec.ks", "10,20,50").split(","))
                    .mapToInt(Integer::parseInt).toArray()) {
                EvaluationResult valid = evaluate(graph, result, graph.validItems(), k);
                EvaluationResult test = evaluate(graph, result, graph.testItems(), k);
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
    }

    /** Recall and NDCG at {@code k} of the trained embeddings against {@code targets}, by the shared evaluator. */
    static EvaluationResult evaluate(TrainingGraph graph, TrainingResult result, int[][] targets, int k) {
        FactorModel model = new FactorModel(result.userEmbeddings().length == 0 ? 0
                : result.userEmbeddings()[0].length, graph.users(), graph.items(), flat(result.userEmbeddings()),
                flat(result.itemEmbeddings()));
        return new Evaluator(graph.train(), graph.matrix(targets), EvaluationParameters.of(Split.TEST, k),
                ProgressTracker.none()).evaluate(new DotProductScorer(model), List.of(new Recall(k), new Ndcg(k)),
                List.of());
    }

    static float[] flat(float[][] rows) {
        int d = rows.length == 0 ? 0 : rows[0].length;
        float[] out = new float[rows.length * d];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, out, r * d, d);
        }
        return out;
    }
}
