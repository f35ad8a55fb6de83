package org.graphrec.propagation.trained;

import org.graphrec.core.FactorModel;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.InteractionGraph.Split;
import org.graphrec.eval.DotProductScorer;
import org.graphrec.eval.EvaluationParameters;
import org.graphrec.eval.EvaluationResult;
import org.graphrec.eval.Evaluator;
import org.graphrec.eval.Recall;

import org.graphrec.core.Csr;
import org.graphrec.core.Parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.graphrec.progress.ProgressTracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainedPropagationTest {

    private static final int[] BATCH_USERS = {0, 1, 2, 3, 4, 5, 0, 4};
    private static final int[] BATCH_POS = {0, 1, 3, 4, 5, 7, 1, 6};
    private static final int[] BATCH_NEG = {5, 6, 8, 0, 2, 8, 4, 3};

    private static TrainingParameters smallLightGcn() {
        return TrainingParameters.lightGcn().withDimension(4).withLayers(2).withBatchSize(4)
                .withLearningRate(0.01).withMaxEpochs(6).withPatience(50).withCutoff(2);
    }

    private static TrainingParameters smallMultimodal() {
        return TrainingParameters.freedom().withDimension(4).withBatchSize(4).withLearningRate(0.01)
                .withMaxEpochs(6).withPatience(50).withCutoff(2).withKnnK(2).withEdgeDropout(0.3).withAlignWeight(0.5);
    }

    @Test
    void lightGcnGradientMatchesFiniteDifferences() {
        InteractionGraph graph = TinyGraphs.twoCommunities(false);
        TrainingParameters params = smallLightGcn().withL2(0.05);
        checkGradient(graph, params, null);
    }

    @Test
    void multimodalGradientMatchesFiniteDifferences() {
        InteractionGraph graph = TinyGraphs.twoCommunities(true);
        TrainingParameters params = smallMultimodal().withL2(0.05);
        Csr itemGraph;
        try (Parallel parallel = new Parallel(1)) {
            itemGraph = ItemItemGraph.combine(List.of(
                    ItemItemGraph.fromFeatures(graph.modalities().get(0), 2, parallel),
                    ItemItemGraph.fromFeatures(graph.modalities().get(1), 2, parallel)),
                    new double[]{0.3, 0.7});
        }
        checkGradient(graph, params, itemGraph);
    }

    private static void checkGradient(InteractionGraph graph, TrainingParameters params, Csr itemGraph) {
        TrainedPropagation algorithm = new TrainedPropagation(graph, params, ProgressTracker.none());
        Csr adjacency = Adjacency.bipartite(graph);
        float[] theta = algorithm.initialParameters();
        for (int p = 0; p < theta.length; p++) {
            theta[p] *= 3f; // larger embeddings give gradients well above float noise
        }
        float[] analytic = new float[theta.length];
        algorithm.lossWithGradient(theta, adjacency, itemGraph, BATCH_USERS, BATCH_POS, BATCH_NEG, analytic);
        float[] scratch = new float[theta.length];
        double h = 1e-3;
        int checked = 0;
        double largest = 0;
        for (int p = 0; p < theta.length; p++) {
            float saved = theta[p];
            theta[p] = (float) (saved + h);
            double plus = algorithm.lossWithGradient(theta, adjacency, itemGraph, BATCH_USERS, BATCH_POS, BATCH_NEG,
                    scratch);
            theta[p] = (float) (saved - h);
            double minus = algorithm.lossWithGradient(theta, adjacency, itemGraph, BATCH_USERS, BATCH_POS,
                    BATCH_NEG, scratch);
            theta[p] = saved;
            double numeric = (plus - minus) / (2 * h);
            assertThat((double) analytic[p]).as("∂L/∂θ[%d]", p)
                    .isCloseTo(numeric, org.assertj.core.data.Offset.offset(5e-4 + 1e-2 * Math.abs(numeric)));
            largest = Math.max(largest, Math.abs(numeric));
            checked++;
        }
        assertThat(checked).isEqualTo(algorithm.parameterCount());
        assertThat(largest).as("the check must see real gradients").isGreaterThan(1e-2);
    }

    @Test
    void oneEpochLowersTheBprLoss() {
        InteractionGraph graph = TinyGraphs.twoCommunities(false);
        TrainingParameters params = smallLightGcn().withLearningRate(0.05).withBatchSize(2);
        TrainingResult before = new TrainedPropagation(graph, params.withMaxEpochs(0), ProgressTracker.none())
                .train();
        TrainingResult after = new TrainedPropagation(graph, params.withMaxEpochs(1), ProgressTracker.none())
                .train();
        assertThat(before.bestEpoch()).isZero();
        assertThat(after.bestEpoch()).isEqualTo(1);
        double lossBefore = bprLoss(graph, before);
        double lossAfter = bprLoss(graph, after);
        assertThat(lossAfter).isLessThan(lossBefore - 1e-3);
        assertThat(after.epochs()).hasSize(1);
        assertThat(after.epochs().get(0).loss()).isPositive();
    }

    /** Mean BPR loss over every train edge against every non-train item, from the final embeddings. */
    private static double bprLoss(InteractionGraph graph, TrainingResult result) {
        double sum = 0;
        int count = 0;
        for (int u = 0; u < graph.users(); u++) {
            for (int p = graph.train().offsets()[u]; p < graph.train().offsets()[u + 1]; p++) {
                for (int n = 0; n < graph.items(); n++) {
                    if (graph.train().contains(u, n)) {
                        continue;
                    }
                    double x = dot(result.userEmbeddings()[u], result.itemEmbeddings()[graph.train().targets()[p]])
                            - dot(result.userEmbeddings()[u], result.itemEmbeddings()[n]);
                    sum += Math.log1p(Math.exp(-x));
                    count++;
                }
            }
        }
        return sum / count;
    }

    @Test
    void sameSeedGivesIdenticalEmbeddingsForAnyThreadCount() {
        for (TrainingParameters params : List.of(smallLightGcn(), smallMultimodal())) {
            InteractionGraph graph = TinyGraphs.twoCommunities(true);
            TrainingResult a = new TrainedPropagation(graph, params.withThreads(1), ProgressTracker.none()).train();
            TrainingResult b = new TrainedPropagation(graph, params.withThreads(2), ProgressTracker.none()).train();
            TrainingResult c = new TrainedPropagation(graph, params.withSeed(7), ProgressTracker.none()).train();
            assertThat(b.userEmbeddings()).isDeepEqualTo(a.userEmbeddings());
            assertThat(b.itemEmbeddings()).isDeepEqualTo(a.itemEmbeddings());
            assertThat(b.bestEpoch()).isEqualTo(a.bestEpoch());
            assertThat(java.util.Arrays.deepEquals(c.itemEmbeddings(), a.itemEmbeddings())).isFalse();
        }
    }

    @Test
    void resumingFromACheckpointGivesTheUninterruptedResult(@TempDir Path dir) {
        for (TrainingParameters params : List.of(smallLightGcn(), smallMultimodal())) {
            InteractionGraph graph = TinyGraphs.twoCommunities(true);
            TrainingResult uninterrupted = new TrainedPropagation(graph, params, ProgressTracker.none()).train();

            Path file = dir.resolve((params.multimodal() ? "multimodal" : "lightgcn") + ".ckpt");
            TrainingParameters checkpointed = params.withCheckpoint(file, 2);
            // "killed" after epoch 3: the stop flag fires, the last checkpoint is written at the stop
            int[] epochs = {0};
            new TrainedPropagation(graph, checkpointed, ProgressTracker.none()).train(() -> ++epochs[0] >= 3);
            assertThat(file).exists();
            List<String> log = new ArrayList<>();
            TrainingResult resumed = new TrainedPropagation(graph, checkpointed, ProgressTracker.logTo(log::add)).train();

            assertThat(log).anyMatch(line -> line.contains("resumed after epoch 3"));
            assertThat(resumed.userEmbeddings()).isDeepEqualTo(uninterrupted.userEmbeddings());
            assertThat(resumed.itemEmbeddings()).isDeepEqualTo(uninterrupted.itemEmbeddings());
            assertThat(resumed.bestEpoch()).isEqualTo(uninterrupted.bestEpoch());
            assertThat(resumed.epochsRun()).isEqualTo(params.maxEpochs());
            assertThat(resumed.epochs()).extracting(EpochStats::loss)
                    .isEqualTo(uninterrupted.epochs().stream().map(EpochStats::loss).toList());
        }
    }

    @Test
    void checkpointFromOtherSettingsIsRefused(@TempDir Path dir) throws Exception {
        InteractionGraph graph = TinyGraphs.twoCommunities(false);
        Path file = dir.resolve("run.ckpt");
        new TrainedPropagation(graph, smallLightGcn().withMaxEpochs(1).withCheckpoint(file, 1),
                ProgressTracker.none()).train();
        assertThat(Files.size(file)).isPositive();
        assertThatThrownBy(() -> new TrainedPropagation(graph, smallLightGcn().withSeed(3).withCheckpoint(file, 1),
                ProgressTracker.none()).train())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("other training settings");
    }

    @Test
    void coldStartItemGetsANonZeroEmbeddingNearItsFeatureTwin() {
        InteractionGraph graph = TinyGraphs.twoCommunities(true);
        assertThat(graph.itemPopularity()[8]).isZero();
        TrainingParameters params = smallMultimodal().withMaxEpochs(30).withEdgeDropout(0.2);
        TrainingResult result = new TrainedPropagation(graph, params, ProgressTracker.none()).train();
        float[] cold = result.itemEmbeddings()[8];
        assertThat(norm(cold)).isGreaterThan(1e-3);
        // item 1 shares the cold item's features; item 6 is in the other community
        assertThat(cosine(cold, result.itemEmbeddings()[1])).isGreaterThan(cosine(cold, result.itemEmbeddings()[6]));
        // and a user of the first community prefers the cold item over the other community's items
        float[] user0 = result.userEmbeddings()[0];
        assertThat(dot(user0, cold)).isGreaterThan(dot(user0, result.itemEmbeddings()[6]));
    }

    @Test
    void coldStartItemIsServedAsTheWeightedMeanOfItsWarmNeighbours() {
        InteractionGraph graph = TinyGraphs.twoCommunities(true);
        TrainingParameters params = smallMultimodal().withMaxEpochs(10);
        TrainedPropagation propagation = new TrainedPropagation(graph, params, ProgressTracker.none());
        Csr itemGraph;
        try (Parallel parallel = new Parallel(1)) {
            itemGraph = propagation.buildItemGraph(parallel);
        }
        // the expected row from the item graph: Σ_j S_8j h_j / Σ_j S_8j over the warm items 0–7 (8 is cold)
        assertThat(itemGraph.get(8, 1)).as("the feature twin is a neighbour").isPositive();
        TrainingResult result = propagation.train();
        double[] expected = new double[4];
        double weight = 0;
        for (int j = 0; j < 8; j++) {
            float w = itemGraph.get(8, j);
            weight += w;
            for (int x = 0; x < 4; x++) {
                expected[x] += w * result.itemEmbeddings()[j][x];
            }
        }
        for (int x = 0; x < 4; x++) {
            assertThat(result.itemEmbeddings()[8][x]).isCloseTo((float) (expected[x] / weight),
                    offset(1e-6f));
        }
        // warm items keep their own rows
        assertThat(result.itemEmbeddings()[0]).isNotEqualTo(result.itemEmbeddings()[1]);
    }

    @Test
    void lightGcnLearnsTheCommunities() {
        InteractionGraph graph = TinyGraphs.twoCommunities(false);
        TrainingResult result = new TrainedPropagation(graph, smallLightGcn().withMaxEpochs(40),
                ProgressTracker.none()).train();
        // most users rank their held-out validation item above every item of the other community
        int separated = 0;
        for (int u = 0; u < graph.users(); u++) {
            float[] user = result.userEmbeddings()[u];
            double held = dot(user, result.itemEmbeddings()[graph.valid().row(u)[0]]);
            boolean all = true;
            for (int other = u < 3 ? 4 : 0; other < (u < 3 ? 8 : 4); other++) {
                all &= held > dot(user, result.itemEmbeddings()[other]);
            }
            separated += all ? 1 : 0;
        }
        assertThat(separated).isGreaterThanOrEqualTo(5);
        assertThat(result.bestValidRecall()).isGreaterThan(0.5);
    }

    @Test
    void progressReportsEveryEpochWithLossRecallAndSeconds() {
        List<String> log = new ArrayList<>();
        new TrainedPropagation(TinyGraphs.twoCommunities(false), smallLightGcn().withMaxEpochs(3), ProgressTracker.logTo(log::add))
                .train();
        assertThat(log).filteredOn(line -> line.startsWith("epoch ")).hasSize(3)
                .allMatch(line -> line.matches("epoch \\d+: loss \\d+\\.\\d+, valid recall@2 \\d\\.\\d{4}, .* s eval.*"));
        assertThat(log.get(0)).contains("memory estimate");
    }

    @Test
    void parametersAreValidated() {
        assertThatThrownBy(() -> TrainingParameters.lightGcn().withPatience(0))
                .hasMessage("expected a patience of at least 1, found 0");
        assertThatThrownBy(() -> TrainingParameters.freedom().withEdgeDropout(1.0))
                .hasMessage("expected an edge dropout in [0, 1), found 1.0");
        assertThatThrownBy(() -> TrainingParameters.freedom().withLayers(17))
                .hasMessage("expected 0–16 layers, found 17");
        assertThatThrownBy(() -> TrainingParameters.freedom().withLearningRate(Double.NaN))
                .hasMessage("expected a finite learning rate > 0, found NaN");
        assertThatThrownBy(() -> new TrainedPropagation(TinyGraphs.twoCommunities(true),
                TrainingParameters.freedom().withModalityWeights(List.of(1.0)), ProgressTracker.none()))
                .hasMessageContaining("modalityWeights has 1 entries but the graph has 2 modalities");
    }

    /**
     * Warm start: users all (1, 1) → RMS 1, rescaled to the Xavier RMS √(2/(6+2)) = 0.5; items all (2, 0) → RMS
     * √2, rescaled to √(2/(9+2)), i.e. (2/√11, 0).
     */
    @Test
    void warmStartCopiesTheGivenEmbeddingsAtTheXavierScale() {
        float[] users = new float[6 * 2];
        java.util.Arrays.fill(users, 1f);
        float[] items = new float[9 * 2];
        for (int i = 0; i < 9; i++) {
            items[2 * i] = 2f;
        }
        TrainingParameters p = smallLightGcn().withDimension(2).withWarmStart(true);
        float[] theta = new TrainedPropagation(TinyGraphs.twoCommunities(false), p, ProgressTracker.none())
                .warmStartedFrom(users, items).initialParameters();
        for (int k = 0; k < 12; k++) {
            assertThat(theta[k]).isCloseTo(0.5f, org.assertj.core.api.Assertions.within(1e-6f));
        }
        for (int i = 0; i < 9; i++) {
            assertThat(theta[12 + 2 * i]).isCloseTo((float) (2 / Math.sqrt(11)),
                    org.assertj.core.api.Assertions.within(1e-6f));
            assertThat(theta[12 + 2 * i + 1]).isZero();
        }
        // and training from it runs and is deterministic
        TrainingResult a = new TrainedPropagation(TinyGraphs.twoCommunities(false), p.withMaxEpochs(2),
                ProgressTracker.none()).warmStartedFrom(users, items).train();
        TrainingResult b = new TrainedPropagation(TinyGraphs.twoCommunities(false), p.withMaxEpochs(2),
                ProgressTracker.none()).warmStartedFrom(users, items).train();
        assertThat(a.itemEmbeddings()).isDeepEqualTo(b.itemEmbeddings());
    }

    @Test
    void warmStartNeedsTheFlagAndTheEmbeddings() {
        assertThatThrownBy(() -> new TrainedPropagation(TinyGraphs.twoCommunities(false), smallLightGcn(),
                ProgressTracker.none()).warmStartedFrom(new float[6 * 4], new float[9 * 4]))
                .hasMessageContaining("warmStart is off");
        TrainingParameters p = smallLightGcn().withWarmStart(true);
        assertThatThrownBy(() -> new TrainedPropagation(TinyGraphs.twoCommunities(false), p, ProgressTracker.none())
                .warmStartedFrom(new float[3], new float[9 * 4])).hasMessageContaining("6 × 4");
        assertThatThrownBy(() -> new TrainedPropagation(TinyGraphs.twoCommunities(false), p, ProgressTracker.none())
                .train()).hasMessageContaining("no embeddings were given");
    }

    /** Early stopping on a user sample: the recorded best recall is the sample's recall of the best embeddings. */
    @Test
    void earlyStoppingUsesTheSeededValidationSample() {
        InteractionGraph graph = TinyGraphs.twoCommunities(false);
        TrainingParameters p = smallLightGcn().withMaxEpochs(1).withValidationUsers(3);
        List<String> log = new ArrayList<>();
        TrainingResult r = new TrainedPropagation(graph, p, ProgressTracker.logTo(log::add)).train();
        FactorModel model = r.model();
        EvaluationResult m = new Evaluator(graph.train(), graph.valid(),
                EvaluationParameters.of(Split.VALID, 2).withUserSample(3, p.seed()), ProgressTracker.none())
                .evaluate(new DotProductScorer(model), List.of(new Recall(2)), List.of());
        assertThat(m.users()).isEqualTo(3);
        assertThat(r.bestValidRecall()).isEqualTo(m.get("recall@2"));
        assertThat(log).anyMatch(line -> line.contains("seeded sample of 3 validation users"));
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += (double) a[k] * b[k];
        }
        return s;
    }

    private static double norm(float[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static double cosine(float[] a, float[] b) {
        return dot(a, b) / (norm(a) * norm(b));
    }
}
