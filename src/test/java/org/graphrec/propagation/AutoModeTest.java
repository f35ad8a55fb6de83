package org.graphrec.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
 * Mode {@code auto} (the default of {@code propagate}) on the PropagationServiceTest fixture: every candidate is
 * fitted and scored on validation, the published model is the best of them, the choice is recorded on the run, and
 * the budget leaves out what does not fit.
 */
class AutoModeTest extends SharedEmbeddedGraph {

    private static PropagateParameters auto(double budgetMinutes) {
        TrainingParameters tp = TrainingParameters.freedom().withDimension(8).withKnnK(3).withMaxEpochs(4)
                .withEvalEvery(2).withBatchSize(64).withLearningRate(0.01).withSeed(7).withThreads(2);
        return new PropagateParameters(Mode.AUTO, ClosedFormParameters.defaults(16).withGroups(0.3, 0), 3, null,
                0.3, true, true, 0, tp, 0, budgetMinutes);
    }

    @Test
    @SuppressWarnings("unchecked")
    void publishesTheBestCandidateOnValidationAndRecordsTheChoice() throws Exception {
        PropagationServiceTest.createGraph(graph);
        List<String> log = new java.util.ArrayList<>();
        PropagationSummary s = new PropagationService(graph, ProgressTracker.logTo(log::add)).run(auto(60));
        assertThat(s.mode()).isEqualTo("auto");
        assertThat(s.note()).contains("auto chose").contains("mostpop").contains("closed-form d=16")
                .contains("trained").contains("ensemble").contains("lightgcn").contains("<- chosen");

        Map<String, Object> run = graph.read(tx -> tx.run("MATCH (r:PropagationRun {id: $id}) "
                + "RETURN r.mode AS mode, r.parameters AS p", Map.of("id", s.runId())).single().asMap());
        assertThat(run.get("mode")).isEqualTo("auto");
        Map<String, Object> parameters = Json.mapper().readValue((String) run.get("p"), Map.class);
        List<Map<String, Object>> candidates = (List<Map<String, Object>>) parameters.get("candidates");
        assertThat(candidates).extracting(c -> ((String) c.get("candidate")).split(" ")[0])
                .containsExactly("mostpop", "closed-form", "trained", "ensemble", "lightgcn");
        String chosen = (String) parameters.get("chosen");
        double best = candidates.stream().mapToDouble(c -> ((Number) c.get("recall@20")).doubleValue()).max()
                .orElseThrow();
        Map<String, Object> winner = candidates.stream().filter(c -> c.get("candidate").equals(chosen)).findFirst()
                .orElseThrow();
        assertThat(((Number) winner.get("recall@20")).doubleValue()).isEqualTo(best);
        // every factor candidate went through the cold-start step before it was scored: the published parameters
        // carry the step's choice, and the log names the step once per candidate
        assertThat(parameters).containsKey("coldStart").containsEntry("coldStartItems", 1);
        assertThat(log.stream().filter(l -> l.startsWith("auto: post-fit step for candidate"))).hasSize(5);

        // the written model is the chosen one: `evaluate` on validation (all users) gives the chosen score
        var report = new EvaluationService(graph, ProgressTracker.none())
                .evaluate(EvaluationParameters.of(Split.VALID, 20));
        assertThat(report.result().get("recall@20")).isCloseTo(best, within(1e-6));
        assertThat(s.validation().get("recall@20")).isCloseTo(best, within(1e-6));

        // deterministic for the seed (the budget does not bind)
        PropagationSummary again = new PropagationService(graph, ProgressTracker.none()).run(auto(60));
        assertThat(stripSeconds(again.note())).isEqualTo(stripSeconds(s.note()));
    }

    @Test
    void aSpentBudgetLeavesOutTheTrainedCandidates() {
        PropagationServiceTest.createGraph(graph);
        PropagationSummary s = new PropagationService(graph, ProgressTracker.none()).run(auto(1e-9));
        assertThat(s.note()).contains("mostpop").contains("closed-form").doesNotContain("trained")
                .doesNotContain("lightgcn");
    }

    private static String stripSeconds(String note) {
        return note.replaceAll("\\s+[0-9.]+ s", "");
    }
}
