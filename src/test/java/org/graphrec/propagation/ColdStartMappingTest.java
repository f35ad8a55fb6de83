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
                .evaluate(new DotProductScorer(m), List.of(new Recall(1), new ColdOnlyRecall(1, cold)), List.of());
        return new ColdStartMapping.Score(r.get("recall@1"), r.get("coldOnlyRecall@1"));
    }

    static ColdStartMapping.Score recall(double recall) {
        return new ColdStartMapping.Score(recall, 0);
    }

    @Test
    void calibrationIsChosenOnValidationAndWarmRowsAreUnchanged() {
        InteractionGraph g = graph();
        FactorModel model = model();
        ColdStartMapping.Result r = ColdStartMapping.apply(g, model, g.modalities(),
                m -> validationAt1(g, m), ProgressTracker.none());
        // the raw prediction for c (features between w1's and w3's) stays below 4, and the 0.5 / 0.75 quantiles of
        // the warm norms (2, 3) too; the 0.9 quantile (nearest rank: 4) ties w3 and wins on the lower index
        assertThat(r.choice().status()).isEqualTo("ridge");
        assertThat(r.choice().quantile()).isEqualTo(0.9);
        assertThat(r.choice().relativeLambda()).isEqualTo(0.001);
        assertThat(r.choice().baseline()).isEqualTo(0.0);
        assertThat(r.choice().validation()).isEqualTo(1.0);
        // λ: every candidate ranks the one cold item first among the cold items; the first one is kept
        assertThat(r.choice().candidates()).containsEntry("kept", new ColdStartMapping.Score(0, 1))
                .containsEntry("λ 0.001 direction", new ColdStartMapping.Score(0, 1))
                .containsEntry("λ 0.001 q off", new ColdStartMapping.Score(0, 1))
                .containsEntry("λ 0.001 q 0.75", new ColdStartMapping.Score(0, 1))
                .containsEntry("λ 0.001 q 0.9", new ColdStartMapping.Score(1, 1));
        assertThat(r.model().itemVectors()[0]).isCloseTo(4f, within(1e-6f));
        for (int i = 1; i < 5; i++) {
            assertThat(r.model().itemVectors()[i]).as("warm row " + i).isEqualTo(model.itemVectors()[i]);
        }
        assertThat(r.model().userVectors()).isEqualTo(model.userVectors());
        assertThat(model.itemVectors()[0]).as("the input model is not modified").isEqualTo(0f);
        assertThat(r.choice().asMap()).containsEntry("coldStart", "ridge").containsEntry("coldStartQuantile", 0.9)
                .containsEntry("coldStartItems", 1);
    }

    @Test
    void theUnmappedModelIsKeptWhenNoCandidateBeatsIt() {
        InteractionGraph g = graph();
        FactorModel model = model();
        // a callback that prefers nothing: ties keep the mode's own rows
        ColdStartMapping.Result r = ColdStartMapping.apply(g, model, g.modalities(), m -> recall(0.5),
                ProgressTracker.none());
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
                m -> new ColdStartMapping.Score(0.5, m.itemVectors()[0] > 0 ? 1 : 0), ProgressTracker.none());
        assertThat(r.choice().status()).isEqualTo("ridge");
        assertThat(r.choice().quantile()).isNaN(); // the first calibration tried ("off")
    }

    @Test
    void nothingToMapWithoutModalitiesOrColdItems() {
        InteractionGraph g = graph();
        FactorModel model = model();
        ColdStartMapping.Result none = ColdStartMapping.apply(g, model, List.of(), m -> recall(1), ProgressTracker.none());
        assertThat(none.model()).isSameAs(model);
        assertThat(none.choice().status()).isEqualTo("off: no modality vectors");
        InteractionGraph warmOnly = new InteractionGraph.Builder().interaction("u", "a", Split.TRAIN).build();
        ModalityMatrix m = new ModalityMatrix("image", "imageEmbedding", 1, new float[] {1}, new boolean[] {true});
        FactorModel one = new FactorModel(1, 1, 1, new float[] {1}, new float[] {1});
        assertThat(ColdStartMapping.apply(warmOnly, one, List.of(m), x -> recall(1), ProgressTracker.none()).choice()
                .status()).isEqualTo("off: no cold items with modality vectors");
    }

    @Test
    void deterministic() {
        InteractionGraph g = graph();
        ColdStartMapping.Result a = ColdStartMapping.apply(g, model(), g.modalities(),
                m -> recall(validationAt1(g, m).recall() + m.itemVectors()[0] * 1e-3), ProgressTracker.none());
        ColdStartMapping.Result b = ColdStartMapping.apply(g, model(), g.modalities(),
                m -> recall(validationAt1(g, m).recall() + m.itemVectors()[0] * 1e-3), ProgressTracker.none());
        assertThat(b.model().itemVectors()).isEqualTo(a.model().itemVectors());
        assertThat(b.choice()).isEqualTo(a.choice());
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
}
