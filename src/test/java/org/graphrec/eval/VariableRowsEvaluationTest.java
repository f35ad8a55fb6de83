package org.graphrec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.graphrec.core.Csr;
import org.graphrec.core.FactorModel;
import org.graphrec.core.InteractionGraph.Split;
import org.graphrec.progress.ProgressTracker;
import org.junit.jupiter.api.Test;

/**
 * Evaluating only the variable rows gives exactly the full evaluation's numbers: seeded models with small integer
 * vectors (exact dot products, so many ties, which both must break by the lower index), cold items that vary and
 * cold items that stay fixed, every default metric (full rankings and the cold-only restricted one), with and
 * without a user sample.
 */
class VariableRowsEvaluationTest {

    private static final int USERS = 40;
    private static final int ITEMS = 60;
    private static final int D = 3;
    /** Items 50..59 have no train interaction; 50..57 vary, 58 and 59 stay as in the base model. */
    private static final int[] VARIABLE = {50, 51, 52, 53, 54, 55, 56, 57};

    /** Seeded train (every item below 50), validation interactions and a base model. */
    private record Fixture(SplittableRandom random, Csr train, Csr valid, FactorModel base) {
        static Fixture of(long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            Csr train = interactions(random, 200, 50);
            Csr valid = interactions(random, 60, ITEMS);
            return new Fixture(random, train, valid, new FactorModel(D, USERS, ITEMS, ints(random, USERS * D),
                    ints(random, ITEMS * D)));
        }
    }

    @Test
    void givesTheFullEvaluationsNumbersForEveryCandidate() {
        Fixture f = Fixture.of(11);
        SplittableRandom random = f.random();
        FactorModel base = f.base();
        for (int sample : new int[] {0, 15}) {
            Evaluator evaluator = new Evaluator(f.train(), f.valid(), new EvaluationParameters(Split.VALID,
                    new int[] {1, 5, 20}, 2).withUserSample(sample, 3), ProgressTracker.none());
            List<UserMetric> metrics = evaluator.defaultUserMetrics();
            VariableRowsEvaluation partial = evaluator.forVariableRows(base, VARIABLE, metrics);
            for (int c = 0; c < 6; c++) {
                float[] items = base.itemVectors().clone();
                float[] rows = ints(random, VARIABLE.length * D);
                for (int v = 0; v < VARIABLE.length; v++) {
                    System.arraycopy(rows, v * D, items, VARIABLE[v] * D, D);
                }
                FactorModel candidate = new FactorModel(D, USERS, ITEMS, base.userVectors(), items);
                EvaluationResult full = evaluator.evaluate(new DotProductScorer(candidate), metrics, List.of());
                EvaluationResult fast = partial.evaluate(candidate);
                assertThat(fast.metrics()).as("candidate %d, sample %d", c, sample).isEqualTo(full.metrics());
                assertThat(fast.users()).isEqualTo(full.users());
            }
            assertThat(partial.evaluate(base).metrics()).isEqualTo(evaluator.evaluate(new DotProductScorer(base),
                    metrics, List.of()).metrics());
        }
    }

    @Test
    void refusesModelsThatDifferElsewhereAndVariableItemsWithTrainInteractions() {
        Fixture f = Fixture.of(12);
        FactorModel base = f.base();
        Evaluator evaluator = new Evaluator(f.train(), f.valid(), EvaluationParameters.of(Split.VALID, 20),
                ProgressTracker.none());
        VariableRowsEvaluation partial = evaluator.forVariableRows(base, VARIABLE, evaluator.defaultUserMetrics());
        float[] items = base.itemVectors().clone();
        items[58 * D] += 1; // a fixed cold item
        assertThatThrownBy(() -> partial.evaluate(new FactorModel(D, USERS, ITEMS, base.userVectors(), items)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the variable rows");
        assertThatThrownBy(() -> evaluator.forVariableRows(base, new int[] {3, 50}, evaluator.defaultUserMetrics()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has train interactions");
    }

    /** {@code count} distinct seeded (user, item < items) pairs; every item below 50 gets at least one in train. */
    private static Csr interactions(SplittableRandom random, int count, int items) {
        List<int[]> pairs = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; items == 50 && i < items; i++) {
            int u = random.nextInt(USERS);
            seen.add((long) u * ITEMS + i);
            pairs.add(new int[] {u, i});
        }
        while (pairs.size() < count) {
            int u = random.nextInt(USERS);
            int i = random.nextInt(items);
            if (seen.add((long) u * ITEMS + i)) {
                pairs.add(new int[] {u, i});
            }
        }
        int[] r = pairs.stream().mapToInt(p -> p[0]).toArray();
        int[] c = pairs.stream().mapToInt(p -> p[1]).toArray();
        return Csr.fromCoordinates(USERS, ITEMS, r, c, null, r.length);
    }

    private static float[] ints(SplittableRandom random, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextInt(-2, 3);
        }
        return out;
    }
}
