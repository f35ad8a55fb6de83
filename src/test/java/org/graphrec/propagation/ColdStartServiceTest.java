package org.graphrec.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.graphrec.config.Json;
import org.graphrec.core.InteractionGraph.Split;
import org.graphrec.eval.EvaluationParameters;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.propagation.PropagateParameters.Mode;
import org.graphrec.propagation.trained.TrainingParameters;
import org.graphrec.testing.SharedEmbeddedGraph;
import org.junit.jupiter.api.Test;

/**
 * The cold-start step and the items-held-out-as-new protocol through {@code propagate} and {@code evaluate} against
 * a real embedded Neo4j (the PropagationServiceTest fixture: 30 items with image vectors, item 29 cold).
 */
class ColdStartServiceTest extends SharedEmbeddedGraph {

    private Map<String, Object> publishedParameters() throws Exception {
        Map<String, Object> run = new EmbeddingStore(graph, ProgressTracker.none()).publishedRun();
        @SuppressWarnings("unchecked")
        Map<String, Object> parameters = Json.mapper().readValue((String) run.get("parameters"), Map.class);
        return parameters;
    }

    @Test
    void theHoldOutIsRecordedOnTheRunAndEvaluateAppliesIt() throws Exception {
        PropagationServiceTest.createGraph(graph);
        PropagationSummary s = new PropagationService(graph, ProgressTracker.none())
                .run(PropagationServiceTest.closedForm(8), new ColdStartOptions(true, 0.2, 3));
        // 20 % of the 29 items with train interactions are new: 6, half of them validation items
        Map<String, Object> parameters = publishedParameters();
        assertThat(parameters).containsEntry("coldItemsHeldOut", 0.2).containsEntry("coldItemsSeed", 3)
                .containsKey("coldStart").containsKey("coldStartItems");
        // 6 held-out items plus the natural cold item 29, all with image vectors
        assertThat(parameters.get("coldStartItems")).isEqualTo(7);
        assertThat(s.validation().get("coldRecall@20")).isNotNaN();
        assertThat(s.validation().get("coldOnlyRecall@20")).isNotNaN();

        EvaluationService.Report report = new EvaluationService(graph, ProgressTracker.none())
                .evaluate(EvaluationParameters.of(Split.TEST, 20));
        assertThat(report.holdOut()).isNotNull();
        assertThat(report.holdOut().fraction()).isEqualTo(0.2);
        // the held-out test items are cold in the evaluated graph: users with them are measured
        assertThat(report.result().get("coldRecall@20")).isNotNaN();
        assertThat(report.result().get("coldOnlyRecall@20")).isNotNaN();
        assertThat(report.asJson()).containsEntry("coldItemsHeldOut", 0.2);
    }

    @Test
    void withoutAHoldOutEvaluateUsesTheGraphsOwnSplit() throws Exception {
        PropagationServiceTest.createGraph(graph);
        new PropagationService(graph, ProgressTracker.none()).run(PropagationServiceTest.closedForm(8));
        assertThat(publishedParameters()).doesNotContainKey("coldItemsHeldOut").containsKey("coldStart")
                .containsEntry("coldStartItems", 1).containsEntry("coldStartTolerance", 1.0)
                .containsKey("coldStartRecallThreshold").containsKey("coldStartColdRecall");
        EvaluationService.Report report = new EvaluationService(graph, ProgressTracker.none())
                .evaluate(EvaluationParameters.of(Split.TEST, 20));
        assertThat(report.holdOut()).isNull();
    }

    @Test
    void aModeThatLoadsNoModalitiesStillGetsTheMapping() throws Exception {
        PropagationServiceTest.createGraph(graph);
        TrainingParameters tp = TrainingParameters.lightGcn().withDimension(8).withKnnK(3).withMaxEpochs(2)
                .withBatchSize(64).withSeed(7);
        new PropagationService(graph, ProgressTracker.none()).run(new PropagateParameters(Mode.LIGHTGCN,
                ClosedFormParameters.defaults(8), 3, null, 0.3, false, true, 0, tp));
        // lightgcn loads no vectors for itself; the step loads them and maps the one cold item
        Map<String, Object> parameters = publishedParameters();
        assertThat((String) parameters.get("coldStart")).isIn("ridge", "kept");
        assertThat(parameters).containsEntry("coldStartItems", 1);
        // --modalities none: nothing to map
        new PropagationService(graph, ProgressTracker.none()).run(new PropagateParameters(Mode.LIGHTGCN,
                ClosedFormParameters.defaults(8), 3, List.of(), 0.3, false, true, 0, tp));
        assertThat(publishedParameters()).containsEntry("coldStart", "off: no modality vectors");
    }

    @Test
    void theToleranceIsRecordedAndZeroNeverLowersValidationRecall() throws Exception {
        PropagationServiceTest.createGraph(graph);
        PropagateParameters p = PropagationServiceTest.closedForm(8);
        PropagationSummary withoutStep = new PropagationService(graph, ProgressTracker.none())
                .run(p, new ColdStartOptions(false, 0, 0));
        PropagationSummary strict = new PropagationService(graph, ProgressTracker.none())
                .run(p, new ColdStartOptions(true, 0, 0, 0));
        Map<String, Object> parameters = publishedParameters();
        assertThat(parameters).containsEntry("coldStartTolerance", 0.0);
        // tolerance 0: the threshold is the best calibration's recall, and the mode's own rows are a calibration
        assertThat(strict.validation().get("recall@20")).isGreaterThanOrEqualTo(withoutStep.validation()
                .get("recall@20"));
        assertThat(((Number) parameters.get("coldStartRecallThreshold")).doubleValue())
                .isEqualTo(((Number) parameters.get("coldStartBestRecall")).doubleValue());
    }

    @Test
    void theObjectivesInteractionCountComesFromTheValidationSplit() {
        PropagationServiceTest.createGraph(graph);
        var g = new GraphLoader(graph, ProgressTracker.none()).load(LoadOptions.interactionsOnly());
        long all = g.heldOut(Split.VALID).nonZeros();
        assertThat(PropagationService.validationInteractions(g, 0)).isEqualTo(all);
        assertThat(PropagationService.validationInteractions(g, 1_000_000)).isEqualTo(all);
    }
}
