package org.graphrec.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.graphrec.core.FactorModel;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.InteractionGraph.Split;
import org.graphrec.core.ModalityMatrix;
import org.graphrec.eval.DotProductScorer;
import org.graphrec.eval.EvaluationParameters;
import org.graphrec.eval.Evaluator;
import org.graphrec.eval.ColdOnlyRecall;
import org.graphrec.eval.ColdStartRecall;
import org.graphrec.eval.Recall;
import org.graphrec.progress.ProgressTracker;
import org.junit.jupiter.api.Test;

class ColdStartMappingTest {

    /**
     * Item c (index 0, cold) and warm items w0..w3 with 2-d features on the unit circle; u0 trains on w0 and
     * validates on c, u1 trains on w1..w3. The model (d = 1) scores c 0 and w0..w3 1, 2, 3, 4.
     */
    static InteractionGraph graph() {
        InteractionGraph.Builder b = new InteractionGraph.Builder();
        b.modality("image", "imageEmbedding", 2);
        float[][] features = {{0.6f, 0.8f}, {1, 0}, {0.8f, 0.6f}, {0.6f, 0.8f}, {0, 1}};
        String[] ids = {"c", "w0", "w1", "w2", "w3"};
        for (int i = 0; i < ids.length; i++) {
            b.item(ids[i]);
            // the stored vectors are not unit length: the mapping normalises them
            b.vector("image", ids[i], new float[] {3 * features[i][0], 3 * features[i][1]});
        }
        b.interaction("u0", "w0", Split.TRAIN).interaction("u0", "c", Split.VALID);
        for (String w : List.of("w1", "w2", "w3")) {
            b.interaction("u1", w, Split.TRAIN);
        }
        return b.build();
    }

    static FactorModel model() {
        return new FactorModel(1, 2, 5, new float[] {1, 1}, new float[] {0, 1, 2, 3, 4});
    }

    /**
     * Validation Recall@1 (u0's only chance is c beating w3, which it does on a tie: lower index) and cold-only
     * Recall@1 (always 1: c is the only cold item).
     */
    static ColdStartMapping.Score validationAt1(InteractionGraph g, FactorModel m) {
        boolean[] cold = {true, false, false, false, false};
        var r = new Evaluator(g, new EvaluationParameters(Split.VALID, new int[] {1}, 1), ProgressTracker.none())
                .evaluate(new DotProductScorer(m), List.of(new Recall(1), new ColdStartRecall(1, cold),
                        new ColdOnlyRecall(1, cold)), List.of());
        return new ColdStartMapping.Score(r.get("recall@1"), r.get("coldRecall@1"), r.get("coldOnlyRecall@1"));
    }

    static ColdStartMapping.Score recall(double recall) {
        return new ColdStartMapping.Score(recall, 0, 0);
    }

    static final ColdStartMapping.Objective RECALL_ONLY = ColdStartMapping.Objective.overallRecallOnly();

    @Test
    void calibrationIsChosenOnValidationAndWarmRowsAreUnchanged() {
        InteractionGraph g = graph();
        FactorModel model = model();
        ColdStartMapping.Result r = ColdStartMapping.apply(g, model, g.modalities(),
                m -> validationAt1(g, m), RECALL_ONLY, ProgressTracker.none());
        // the raw prediction for c (features between w1's and w3's) stays below 4, and the 0.5 / 0.75 quantiles of
        // the warm norms (2, 3) too; the 0.9 quantile (nearest rank: 4) ties w3 and wins on the lower index
        assertThat(r.choice().status()).isEqualTo("ridge");
        assertThat(r.choice().quantile()).isEqualTo(0.9);
        assertThat(r.choice().relativeLambda()).isEqualTo(0.001);
        assertThat(r.choice().baseline().recall()).isEqualTo(0.0);
        assertThat(r.choice().validation().recall()).isEqualTo(1.0);
        // λ: every candidate ranks the one cold item first among the cold items; the first one is kept
        assertThat(r.choice().candidates()).containsEntry("kept", new ColdStartMapping.Score(0, 0, 1))
                .containsEntry("λ 0.001 direction", new ColdStartMapping.Score(0, 0, 1))
                .containsEntry("λ 0.001 q off", new ColdStartMapping.Score(0, 0, 1))
                .containsEntry("λ 0.001 q 0.75", new ColdStartMapping.Score(0, 0, 1))
                .containsEntry("λ 0.001 q 0.9", new ColdStartMapping.Score(1, 1, 1));
        assertThat(r.model().itemVectors()[0]).isCloseTo(4f, within(1e-6f));
        for (int i = 1; i < 5; i++) {
            assertThat(r.model().itemVectors()[i]).as("warm row " + i).isEqualTo(model.itemVectors()[i]);
        }
        assertThat(r.model().userVectors()).isEqualTo(model.userVectors());
        assertThat(model.itemVectors()[0]).as("the input model is not modified").isEqualTo(0f);
        assertThat(r.choice().asMap()).containsEntry("coldStart", "ridge").containsEntry("coldStartQuantile", 0.9)
                .containsEntry("coldStartItems", 1).containsEntry("coldStartTolerance", 0.0)
                .containsEntry("coldStartColdRecall", 1.0).containsEntry("coldStartBaselineColdRecall", 0.0);
    }

    @Test
    void theUnmappedModelIsKeptWhenNoCandidateBeatsIt() {
        InteractionGraph g = graph();
        FactorModel model = model();
        // a callback that prefers nothing: ties keep the mode's own rows
        ColdStartMapping.Result r = ColdStartMapping.apply(g, model, g.modalities(), m -> recall(0.5),
                RECALL_ONLY, ProgressTracker.none());
        assertThat(r.model()).isSameAs(model);
        assertThat(r.choice().status()).isEqualTo("kept");
        assertThat(r.choice().candidates()).hasSize(1 + ColdStartMapping.RELATIVE_LAMBDAS.length
                + ColdStartMapping.QUANTILES.length);
    }

    @Test
    void anEqualOverallRecallGoesToTheBetterColdOnlyRanking() {
        InteractionGraph g = graph();
        FactorModel model = model();
        // every candidate ties on recall; the mapped rows (c > 0) rank the cold items better than the kept row (0)
        ColdStartMapping.Result r = ColdStartMapping.apply(g, model, g.modalities(),
                m -> new ColdStartMapping.Score(0.5, 0, m.itemVectors()[0] > 0 ? 1 : 0), RECALL_ONLY,
                ProgressTracker.none());
        assertThat(r.choice().status()).isEqualTo("ridge");
        assertThat(r.choice().quantile()).isNaN(); // the first calibration tried ("off")
    }

    @Test
    void nothingToMapWithoutModalitiesOrColdItems() {
        InteractionGraph g = graph();
        FactorModel model = model();
        ColdStartMapping.Result none = ColdStartMapping.apply(g, model, List.of(), m -> recall(1), RECALL_ONLY,
                ProgressTracker.none());
        assertThat(none.model()).isSameAs(model);
        assertThat(none.choice().status()).isEqualTo("off: no modality vectors");
        InteractionGraph warmOnly = new InteractionGraph.Builder().interaction("u", "a", Split.TRAIN).build();
        ModalityMatrix m = new ModalityMatrix("image", "imageEmbedding", 1, new float[] {1}, new boolean[] {true});
        FactorModel one = new FactorModel(1, 1, 1, new float[] {1}, new float[] {1});
        assertThat(ColdStartMapping.apply(warmOnly, one, List.of(m), x -> recall(1), RECALL_ONLY,
                ProgressTracker.none()).choice()
                .status()).isEqualTo("off: no cold items with modality vectors");
    }

    @Test
    void deterministic() {
        InteractionGraph g = graph();
        ColdStartMapping.Result a = ColdStartMapping.apply(g, model(), g.modalities(),
                m -> recall(validationAt1(g, m).recall() + m.itemVectors()[0] * 1e-3), RECALL_ONLY,
                ProgressTracker.none());
        ColdStartMapping.Result b = ColdStartMapping.apply(g, model(), g.modalities(),
                m -> recall(validationAt1(g, m).recall() + m.itemVectors()[0] * 1e-3), RECALL_ONLY,
                ProgressTracker.none());
        assertThat(b.model().itemVectors()).isEqualTo(a.model().itemVectors());
        assertThat(b.choice()).isEqualTo(a.choice());
    }

    /**
     * A scripted validation by the cold row's length (the warm norms are 1..4, so q 0.5 → 2, q 0.75 → 3, q ≥ 0.9 →
     * 4; the kept row is 0 and "off" is the raw prediction): overall recall 0.5 unless the cold row is pushed to
     * 2 (0.48), 3 (0.46) or 4 (0.40); cold recall among all items 0.5, 0.75 and 1 there, else 0.
     */
    static ColdStartMapping.Score scripted(FactorModel m) {
        double v = Math.abs(m.itemVectors()[0]);
        double[] lengths = {2, 3, 4};
        double[] recalls = {0.48, 0.46, 0.40};
        double[] colds = {0.5, 0.75, 1};
        for (int x = 0; x < lengths.length; x++) {
            if (Math.abs(v - lengths[x]) < 1e-5) {
                return new ColdStartMapping.Score(recalls[x], colds[x], 1);
            }
        }
        return new ColdStartMapping.Score(0.5, 0, 1);
    }

    private static ColdStartMapping.Result scriptedChoice(double standardErrors, double floor) {
        InteractionGraph g = graph();
        return ColdStartMapping.apply(g, model(), g.modalities(), ColdStartMappingTest::scripted,
                new ColdStartMapping.Objective(standardErrors, 100, floor), ProgressTracker.none());
    }

    @Test
    void theToleranceTakesTheBestColdRecallWithinItsStandardErrors() {
        // best 0.5 on 100 interactions: standard error sqrt(0.5 · 0.5 / 100) = 0.05
        ColdStartMapping.Result none = scriptedChoice(0, 0);
        assertThat(none.choice().status()).isEqualTo("kept"); // only 0.5 qualifies: kept and "off" tie, kept first
        assertThat(none.choice().threshold()).isEqualTo(0.5);

        // one standard error: recall ≥ 0.45 → q 0.5 (0.48, cold 0.5) and q 0.75 (0.46, cold 0.75) qualify
        ColdStartMapping.Result one = scriptedChoice(1, 0);
        assertThat(one.choice().status()).isEqualTo("ridge");
        assertThat(one.choice().quantile()).isEqualTo(0.75);
        assertThat(one.choice().bestRecall()).isEqualTo(0.5);
        assertThat(one.choice().threshold()).isCloseTo(0.45, within(1e-12));
        assertThat(one.choice().validation()).isEqualTo(new ColdStartMapping.Score(0.46, 0.75, 1));
        assertThat(one.model().itemVectors()[0]).isCloseTo(3f, within(1e-5f));
        for (int i = 1; i < 5; i++) {
            assertThat(one.model().itemVectors()[i]).as("warm row " + i).isEqualTo(model().itemVectors()[i]);
        }
        assertThat(one.model().userVectors()).isEqualTo(model().userVectors());
        assertThat(one.choice().asMap()).containsEntry("coldStartTolerance", 1.0)
                .containsEntry("coldStartColdRecall", 0.75).containsEntry("coldStartValidation", 0.46);

        // a floor above 0.46 (mode auto's runner-up) keeps the published model there: q 0.5
        ColdStartMapping.Result floored = scriptedChoice(1, 0.47);
        assertThat(floored.choice().quantile()).isEqualTo(0.5);
        assertThat(floored.choice().threshold()).isEqualTo(0.47);

        // three standard errors (≥ 0.35): every length qualifies; 4 has the best cold recall, first at q 0.9
        ColdStartMapping.Result three = scriptedChoice(3, 0);
        assertThat(three.choice().quantile()).isEqualTo(0.9);
        assertThat(three.model().itemVectors()[0]).isCloseTo(4f, within(1e-5f));
    }

    @Test
    void theObjectiveNeverRaisesTheThresholdAboveTheBestRecall() {
        ColdStartMapping.Objective o = new ColdStartMapping.Objective(1, 100, 0.9);
        assertThat(o.standardError(0.5)).isCloseTo(0.05, within(1e-12));
        assertThat(o.threshold(0.5)).isEqualTo(0.5);
        assertThat(new ColdStartMapping.Objective(2, 0, 0).threshold(0.3)).isEqualTo(0.3);
    }

    @Test
    void featuresAreEachModalityL2NormalisedAndConcatenated() {
        ModalityMatrix image = new ModalityMatrix("image", "p", 2, new float[] {3, 4, 0, 0}, new boolean[] {true,
                false});
        ModalityMatrix audio = new ModalityMatrix("audio", "q", 1, new float[] {-2, 5}, new boolean[] {true, true});
        double[] x = ColdStartMapping.features(List.of(image, audio), new int[] {1, 0});
        // item 1: no image (zeros), audio 5 → 1; item 0: (3, 4) / 5, audio −2 → −1
        assertThat(x).containsExactly(new double[] {0, 0, 1, 0.6, 0.8, -1}, within(1e-12));
    }

    @Test
    void theMemoryEstimateCountsFeaturesTargetsTheGramMatrixAndTwoRowCopies() {
        // 300,000 items, 128 feature columns, d 64: 8·300k·(128 + 64) + 3·8·128² + 2·4·300k·64
        assertThat(ColdStartMapping.memoryEstimate(300_000, 128, 64))
                .isEqualTo(460_800_000L + 393_216L + 153_600_000L);
    }
}
