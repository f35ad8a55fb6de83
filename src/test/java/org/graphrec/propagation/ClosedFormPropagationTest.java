package org.graphrec.propagation;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.FactorModel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.graphrec.core.InteractionGraph.Split;
import org.graphrec.progress.ProgressTracker;
import org.junit.jupiter.api.Test;

class ClosedFormPropagationTest {

    /** u0: i0 i1; u1: i1 i2 — a path graph whose spectrum is known in closed form. */
    static InteractionGraph path() {
        return new InteractionGraph.Builder().interaction("u0", "i0", Split.TRAIN).interaction("u0", "i1", Split.TRAIN)
                .interaction("u1", "i1", Split.TRAIN).interaction("u1", "i2", Split.TRAIN).build();
    }

    @Test
    void reproducesTheHandComputedFilterOnAPathGraph() {
        // Ã = D_u^-½ R D_i^-½ has ÃᵀÃ = ½I + (√2/4)·path, eigenvalues 1, ½, 0 with
        // v1 = (½, √2/2, ½), v2 = (√2/2, 0, −√2/2). With p = 4, β = γ = ½ the scores are
        // r_u D^-½ V diag(σ⁴) Vᵀ D^½: u0 → (½ + ⅛, 1, ½ − ⅛), u1 mirrored.
        InteractionGraph g = path();
        ClosedFormParameters p = ClosedFormParameters.defaults(2).withFilter(4, 0.5, 0.5);
        FactorModel m = new ClosedFormPropagation(p, ProgressTracker.none()).compute(g, Map.of()).model();
        double[][] expected = {{0.625, 1.0, 0.375}, {0.375, 1.0, 0.625}};
        for (int u = 0; u < 2; u++) {
            for (int i = 0; i < 3; i++) {
                assertThat(m.score(u, i)).as("u%d i%d", u, i).isCloseTo(expected[u][i], within(1e-5));
            }
        }
        // rank 1: the top singular direction only, item vectors d_j^½ v1_j = (½, 1, ½)
        FactorModel one = new ClosedFormPropagation(p.withDimension(1), ProgressTracker.none())
                .compute(g, Map.of()).model();
        assertThat(one.itemVectors()).containsExactly(new float[] {0.5f, 1f, 0.5f}, within(1e-5f));
        assertThat(one.userVectors()).containsExactly(new float[] {1f, 1f}, within(1e-5f));
    }

    @Test
    void singularValuesOfThePathGraph() {
        var r = new ClosedFormPropagation(ClosedFormParameters.defaults(2), ProgressTracker.none())
                .compute(path(), Map.of());
        assertThat(r.singularValues()).containsExactly(new double[] {1.0, Math.sqrt(0.5)}, within(1e-6));
    }

    /** Four items; i3 has no interactions but looks like i0 (image), so u0 (who liked i0) should score it higher. */
    static InteractionGraph coldStart() {
        InteractionGraph.Builder b = new InteractionGraph.Builder();
        b.interaction("u0", "i0", Split.TRAIN).interaction("u0", "i1", Split.TRAIN)
                .interaction("u1", "i1", Split.TRAIN).interaction("u1", "i2", Split.TRAIN)
                .interaction("u2", "i2", Split.TRAIN).interaction("u2", "i1", Split.TRAIN);
        b.item("i3");
        b.modality("image", "imageEmbedding", 2);
        b.vector("image", "i0", new float[] {1, 0}).vector("image", "i1", new float[] {0.6f, 0.8f})
                .vector("image", "i2", new float[] {0, 1}).vector("image", "i3", new float[] {1, 0.05f});
        return b.build();
    }

    @Test
    void coldStartItemGetsAnEmbeddingThroughItsModalityNeighbours() {
        InteractionGraph g = coldStart();
        var knn = Map.of("image", new ModalityKnn(KnnParameters.of(1), ProgressTracker.none())
                .compute(g.modality("image")).neighbours());
        int i3 = java.util.Arrays.asList(g.itemIds()).indexOf("i3");
        ClosedFormParameters p = ClosedFormParameters.defaults(3).withModalityWeights(Map.of("image", 1.0));
        FactorModel m = new ClosedFormPropagation(p, ProgressTracker.none()).compute(g, knn).model();
        assertThat(m.itemNorm(i3)).isGreaterThan(1e-3);
        int u0 = java.util.Arrays.asList(g.userIds()).indexOf("u0");
        int u1 = java.util.Arrays.asList(g.userIds()).indexOf("u1");
        assertThat(m.score(u0, i3)).isGreaterThan(m.score(u1, i3));
        // without the modality the cold item is invisible
        FactorModel plain = new ClosedFormPropagation(ClosedFormParameters.defaults(3), ProgressTracker.none())
                .compute(g, knn).model();
        assertThat(plain.itemNorm(i3)).isZero();
    }

    @Test
    void sameSeedGivesIdenticalEmbeddings() {
        InteractionGraph g = randomGraph(60, 40, 400, 3);
        ClosedFormParameters p = ClosedFormParameters.defaults(8);
        FactorModel a = new ClosedFormPropagation(p, ProgressTracker.none()).compute(g, Map.of()).model();
        FactorModel b = new ClosedFormPropagation(p, ProgressTracker.none()).compute(g, Map.of()).model();
        assertThat(b.userVectors()).isEqualTo(a.userVectors());
        assertThat(b.itemVectors()).isEqualTo(a.itemVectors());
        // another seed converges to the same subspace: scores agree closely
        FactorModel c = new ClosedFormPropagation(p.withSeed(7), ProgressTracker.none()).compute(g, Map.of()).model();
        for (int u = 0; u < 5; u++) {
            for (int i = 0; i < 5; i++) {
                assertThat(c.score(u, i)).isCloseTo(a.score(u, i), within(1e-2 * Math.abs(a.score(u, i)) + 1e-3));
            }
        }
    }

    @Test
    void brandRowsConnectItemsOfTheSameBrand() {
        InteractionGraph.Builder b = new InteractionGraph.Builder();
        b.interaction("u0", "a", Split.TRAIN).interaction("u1", "b", Split.TRAIN);
        b.item("c");
        b.brand("a", "acme").brand("c", "acme");
        InteractionGraph g = b.build();
        ClosedFormParameters p = ClosedFormParameters.defaults(3).withGroups(1.0, 0);
        FactorModel m = new ClosedFormPropagation(p, ProgressTracker.none()).compute(g, Map.of()).model();
        // c is only reachable through its brand: u0 (who bought acme's a) scores it, u1 does not
        assertThat(m.score(0, 2)).isGreaterThan(1e-3);
        assertThat(m.score(1, 2)).isCloseTo(0, within(1e-6));
    }

    @Test
    void progressIsReported() {
        var progress = new org.graphrec.eval.EvaluatorTest.RecordingProgress();
        new ClosedFormPropagation(ClosedFormParameters.defaults(2), progress).compute(path(), Map.of());
        assertThat(progress.events).anyMatch(e -> e.startsWith("begin randomized SVD"));
        assertThat(progress.events).anyMatch(e -> e.startsWith("log augmented matrix"));
        assertThat(progress.events).contains("end");
    }

    static InteractionGraph randomGraph(int users, int items, int edges, long seed) {
        java.util.Random r = new java.util.Random(seed);
        InteractionGraph.Builder b = new InteractionGraph.Builder();
        for (int i = 0; i < items; i++) {
            b.item("i" + i);
        }
        for (int e = 0; e < edges; e++) {
            int u = r.nextInt(users);
            int i = (int) Math.min(items - 1, Math.abs(r.nextGaussian()) * items / 3);
            b.interaction("u" + u, "i" + i, e % 10 == 0 ? Split.TEST : e % 10 == 1 ? Split.VALID : Split.TRAIN);
        }
        return b.build();
    }

    @Test
    void theRecordedParametersAreEveryComponentWithModalityWeightsSorted() {
        ClosedFormParameters p = ClosedFormParameters.defaults(8).withModalityWeights(Map.of("v", 2.0, "t", 1.0));
        Map<String, Object> m = p.asMap();
        assertThat(m.keySet()).containsExactly("dimension", "oversampling", "powerIterations", "seed",
                "filterExponent", "userExponent", "itemExponent", "rowNormExponent", "columnNormExponent",
                "modalityWeights", "selfWeight", "brandWeight", "categoryWeight");
        assertThat(m.values()).containsExactly(8, 16, 4, 42L, 6.0, 0.5, 0.4, 0.5, 0.5, Map.of("t", 1.0, "v", 2.0),
                1.0, 0.0, 0.0);
        assertThat(m.get("modalityWeights")).hasToString("{t=1.0, v=2.0}");
    }
}
