package org.graphrec.propagation;
import org.graphrec.core.Csr;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.FactorModel;
import org.graphrec.core.ModalityMatrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.graphrec.eval.EvaluationParameters;
import org.graphrec.propagation.EvaluationService;
import org.graphrec.core.InteractionGraph.Split;
import org.graphrec.propagation.PropagateParameters.Mode;
import org.graphrec.propagation.trained.TrainedPropagation;
import org.graphrec.propagation.trained.TrainingParameters;
import org.graphrec.propagation.trained.TrainingResult;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.testing.SharedEmbeddedGraph;
import org.junit.jupiter.api.Test;

/**
 * {@code propagate --mode trained / lightgcn} end to end on the PropagationServiceTest fixture: the written
 * embeddings are the best-validation embeddings of an in-memory training run with the same settings, and the run
 * is recorded with its mode and evaluated like closed-form.
 */
class TrainedModesServiceTest extends SharedEmbeddedGraph {


    @Test
    void trainedAndLightGcnWriteTheBestEmbeddingsAndARun() {
        PropagationServiceTest.createGraph(graph);
        for (Mode mode : List.of(Mode.TRAINED, Mode.LIGHTGCN)) {
            TrainingParameters tp = (mode == Mode.TRAINED ? TrainingParameters.freedom()
                    : TrainingParameters.lightGcn()).withDimension(8).withKnnK(3).withMaxEpochs(3).withBatchSize(64)
                    .withLearningRate(0.01).withSeed(7);
            PropagateParameters p = new PropagateParameters(mode, ClosedFormParameters.defaults(8), 3, null, 0.3,
                    true, true, 0, tp);
            // the cold-start step (ColdStartServiceTest) may rewrite cold rows; here: the trained rows themselves
            PropagationSummary s = new PropagationService(graph, ProgressTracker.none())
                    .run(p, new ColdStartOptions(false, 0, 0));
            assertThat(s.mode()).isEqualTo(mode.label());
            assertThat(s.dimension()).isEqualTo(8);
            assertThat(s.runId()).isNotNull();
            assertThat(s.timings()).containsKeys("load", "propagate", "evaluate", "write", "total");
            assertThat(s.validation()).containsKey("recall@20");

            // the same training in memory (threads do not change results)
            InteractionGraph g = new GraphLoader(graph, ProgressTracker.none())
                    .load(new LoadOptions(mode == Mode.TRAINED ? null : List.of(), false, false));
            assertThat(g.modalities()).hasSize(mode == Mode.TRAINED ? 1 : 0);
            TrainingResult r = new TrainedPropagation(g, tp.withThreads(1),
                    ProgressTracker.none()).train();
            FactorModel model = r.model();
            Map<String, float[]> users = vectors("User");
            Map<String, float[]> items = vectors("Item");
            assertThat(users).hasSize(g.users());
            assertThat(items).hasSize(g.items());
            for (int u = 0; u < g.users(); u++) {
                for (int i = 0; i < g.items(); i++) {
                    float[] a = users.get(g.userId(u));
                    float[] b = items.get(g.itemId(i));
                    double dot = 0;
                    for (int k = 0; k < 8; k++) {
                        dot += (double) a[k] * b[k];
                    }
                    assertThat(dot).as("%s score of %s for %s", mode, g.itemId(i), g.userId(u))
                            .isCloseTo(model.score(u, i), within(1e-5));
                }
            }

            Map<String, Object> run = graph.read(tx -> tx.run("MATCH (r:PropagationRun {id: $id}) "
                    + "RETURN r.mode AS mode, r.parameters AS p", Map.of("id", s.runId())).single().asMap());
            assertThat(run.get("mode")).isEqualTo(mode.label());
            assertThat((String) run.get("p")).contains("maxEpochs").contains("bestEpoch");

            var report = new EvaluationService(graph, ProgressTracker.none())
                    .evaluate(EvaluationParameters.of(Split.VALID, 10, 20));
            assertThat(report.mode()).isEqualTo(mode.label());
            assertThat(report.result().get("recall@20")).isCloseTo(s.validation().get("recall@20"), within(1e-9));
        }
    }

    /**
     * Brands reach the trained mode as an item group with the loaded memberships (weight 0 leaves them out), and a
     * warm-started run with brand edges is the in-memory run warm-started from the same closed-form model.
     */
    @Test
    void trainedModeUsesBrandGroupsAndTheClosedFormWarmStart() {
        PropagationServiceTest.createGraph(graph);
        InteractionGraph g = new GraphLoader(graph, ProgressTracker.none()).load(new LoadOptions(null, true, false));
        assertThat(g.itemBrands().nonZeros()).isPositive();
        var groups = new TrainedPropagation(g, TrainingParameters.freedom(), ProgressTracker.none())
                .withItemGroups(0.5, 0.2).itemGroups();
        assertThat(groups).hasSize(1); // no categories in the fixture
        assertThat(groups.get(0).name()).isEqualTo("brand");
        assertThat(groups.get(0).weight()).isEqualTo(0.5);
        assertThat(groups.get(0).members()).isSameAs(g.itemBrands());
        assertThat(new TrainedPropagation(g, TrainingParameters.freedom(), ProgressTracker.none())
                .withItemGroups(0, 0.2).itemGroups()).isEmpty();

        TrainingParameters tp = TrainingParameters.freedom().withDimension(8).withKnnK(3).withMaxEpochs(2)
                .withBatchSize(64).withLearningRate(0.01).withSeed(7).withWarmStart(true).withThreads(1);
        ClosedFormParameters cf = ClosedFormParameters.defaults(8).withGroups(0.5, 0);
        PropagateParameters p = new PropagateParameters(Mode.TRAINED, cf, 3, null, 0.3, false, true, 0, tp)
                .withValidationUsers(0);
        PropagationSummary s = new PropagationService(graph, ProgressTracker.none())
                .run(p, new ColdStartOptions(false, 0, 0));
        assertThat(s.timings()).containsKey("warmStart");

        Map<String, Csr> knn = new HashMap<>();
        Map<String, Double> weights = new HashMap<>();
        for (ModalityMatrix m : g.modalities()) {
            knn.put(m.name(), new ModalityKnn(KnnParameters.of(3), ProgressTracker.none()).compute(m).neighbours());
            weights.put(m.name(), 0.3);
        }
        FactorModel start = new ClosedFormPropagation(cf.withModalityWeights(weights), ProgressTracker.none())
                .compute(g, knn).model();
        TrainingResult r = new TrainedPropagation(g, tp, ProgressTracker.none()).withItemGroups(0.5, 0)
                .warmStartedFrom(start.userVectors(), start.itemVectors()).train();
        Map<String, float[]> items = vectors("Item");
        for (int i = 0; i < g.items(); i++) {
            float[] written = items.get(g.itemId(i));
            for (int k = 0; k < 8; k++) {
                assertThat((double) written[k]).isCloseTo(r.itemEmbeddings()[i][k], within(1e-6));
            }
        }
    }

    private static Map<String, float[]> vectors(String label) {
        String query = label.equals("User") ? "MATCH (n:User) RETURN n.id AS id, n[$p] AS e"
                : "MATCH (n:Item) RETURN n.id AS id, n[$p] AS e";
        String prop = new org.graphrec.versions.EmbeddingVersions(graph).requirePublished().embeddingProperty();
        return graph.read(tx -> {
            Map<String, float[]> out = new HashMap<>();
            tx.run(query, Map.of("p", prop)).forEachRemaining(rec -> {
                List<Float> e = rec.get("e").asList(v -> v.asFloat());
                float[] a = new float[e.size()];
                for (int k = 0; k < a.length; k++) {
                    a[k] = e.get(k);
                }
                out.put(rec.get("id").asString(), a);
            });
            return out;
        });
    }
}
