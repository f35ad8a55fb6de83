package org.graphrec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.graphrec.core.FactorModel;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.InteractionGraph.Split;
import org.graphrec.progress.ProgressTracker;
import org.junit.jupiter.api.Test;

public class EvaluatorTest {

    /** u0 trained on i0, tests i1, i3; u1 trained on i1, i2, tests i4; u2 only has valid i0. */
    static InteractionGraph tinyGraph() {
        InteractionGraph.Builder b = new InteractionGraph.Builder();
        for (int i = 0; i < 5; i++) {
            b.item("i" + i);
        }
        b.interaction("u0", "i0", Split.TRAIN).interaction("u0", "i1", Split.TEST).interaction("u0", "i3", Split.TEST)
                .interaction("u1", "i1", Split.TRAIN).interaction("u1", "i2", Split.TRAIN)
                .interaction("u1", "i4", Split.TEST).interaction("u2", "i0", Split.VALID);
        return b.build();
    }

    /** Every user ranks items by 5, 4, 3, 2, 1. */
    static FactorModel descending(InteractionGraph g) {
        return new FactorModel(1, g.users(), g.items(), new float[] {1, 1, 1}, new float[] {5, 4, 3, 2, 1});
    }

    @Test
    void mmrecProtocolOnATinyRanking() {
        InteractionGraph g = tinyGraph();
        RecordingProgress progress = new RecordingProgress();
        Evaluator evaluator = new Evaluator(g, new EvaluationParameters(Split.TEST, new int[] {2}, 2), progress);
        EvaluationResult r = evaluator.evaluate(new DotProductScorer(descending(g)));
        // u0 ranks (train i0 masked) i1 i2 i3 i4: top 2 = i1 i2, 1 hit of 2; u1 ranks i0 i3 i4: top 2 no hit
        assertThat(r.users()).isEqualTo(2);
        assertThat(r.get("recall@2")).isCloseTo((0.5 + 0) / 2, within(1e-9));
        assertThat(r.get("precision@2")).isCloseTo((0.5 + 0) / 2, within(1e-9));
        double ndcgU0 = 1 / (1 + Math.log(2) / Math.log(3));
        assertThat(r.get("ndcg@2")).isCloseTo(ndcgU0 / 2, within(1e-9));
        assertThat(r.get("coverage@2")).isCloseTo(0.8, within(1e-9));
        assertThat(r.get("gini@2")).isCloseTo(0.2, within(1e-9));
        assertThat(r.get("novelty@2")).isCloseTo(2.25, within(1e-9));
        // cold items i3, i4: both users find their cold test item within the top 20
        assertThat(r.get("coldRecall@20")).isEqualTo(1.0);
        assertThat(progress.events).contains("begin evaluate test 2", "end");
    }

    @Test
    void coldOnlyRecallRanksTheColdItemsAmongThemselves() {
        InteractionGraph g = tinyGraph();
        boolean[] cold = {false, false, false, true, true}; // i3, i4 have no train interaction
        EvaluationResult r = new Evaluator(g, new EvaluationParameters(Split.TEST, new int[] {1}, 2),
                ProgressTracker.none()).evaluate(new DotProductScorer(descending(g)),
                List.of(new ColdStartRecall(1, cold), new ColdOnlyRecall(1, cold)), List.of());
        // among all items the top 1 is warm for both users (u0: i1, u1: i0): no cold hit
        assertThat(r.get("coldRecall@1")).isEqualTo(0.0);
        // among the cold items only both rank i3 (score 2) before i4 (1): u0 finds i3, u1 misses i4
        assertThat(r.get("coldOnlyRecall@1")).isCloseTo(0.5, within(1e-12));
        // the default set reports both at 20
        EvaluationResult all = new Evaluator(g, new EvaluationParameters(Split.TEST, new int[] {2}, 1),
                ProgressTracker.none()).evaluate(new DotProductScorer(descending(g)));
        assertThat(all.get("coldOnlyRecall@20")).isEqualTo(1.0);
    }

    @Test
    void validationEvaluatesOnlyUsersWithValidInteractions() {
        InteractionGraph g = tinyGraph();
        EvaluationResult r = new Evaluator(g, new EvaluationParameters(Split.VALID, new int[] {1}, 1),
                ProgressTracker.none()).evaluate(new DotProductScorer(descending(g)));
        // u2 has no train items: i0 is ranked first
        assertThat(r.users()).isEqualTo(1);
        assertThat(r.get("recall@1")).isEqualTo(1.0);
        assertThat(r.get("coldRecall@20")).isNaN();
    }

    @Test
    void aSeededUserSampleEvaluatesOnlyThoseUsersAndSaysSo() {
        InteractionGraph g = tinyGraph();
        // test users are u0 (recall@2 = 1/2, see above) and u1 (0); a sample of one evaluates exactly one of them
        int[] chosen = Evaluator.sample(new int[] {0, 1}, 1, 7);
        RecordingProgress progress = new RecordingProgress();
        EvaluationResult r = new Evaluator(g, new EvaluationParameters(Split.TEST, new int[] {2}, 1)
                .withUserSample(1, 7), progress).evaluate(new DotProductScorer(descending(g)));
        assertThat(r.users()).isEqualTo(1);
        assertThat(r.eligibleUsers()).isEqualTo(2);
        assertThat(r.sampled()).isTrue();
        assertThat(r.get("recall@2")).isEqualTo(chosen[0] == 0 ? 0.5 : 0.0);
        assertThat(progress.events).contains("begin evaluate test (seeded sample of 1 of 2 users) 1");
        // a sample at least as large as the eligible users is the full protocol
        EvaluationResult all = new Evaluator(g, new EvaluationParameters(Split.TEST, new int[] {2}, 1)
                .withUserSample(5, 7), ProgressTracker.none()).evaluate(new DotProductScorer(descending(g)));
        assertThat(all.users()).isEqualTo(2);
        assertThat(all.sampled()).isFalse();
        assertThat(all.get("recall@2")).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void userSamplesAreSeededSortedDistinctAndUniform() {
        int[] users = {3, 5, 8, 13, 21};
        assertThat(Evaluator.sample(users, 0, 1)).isSameAs(users);
        assertThat(Evaluator.sample(users, 5, 1)).isSameAs(users);
        int[] a = Evaluator.sample(users, 3, 42);
        assertThat(a).hasSize(3).isSorted().doesNotHaveDuplicates();
        assertThat(users).contains(a);
        assertThat(Evaluator.sample(users, 3, 42)).isEqualTo(a);
        // each user is drawn with probability 1/5: over 5,000 seeds every count is 1,000 ± 150 (> 5 sigma)
        int[] counts = new int[22];
        for (int seed = 0; seed < 5000; seed++) {
            counts[Evaluator.sample(users, 1, seed)[0]]++;
        }
        for (int u : users) {
            assertThat(counts[u]).isBetween(850, 1150);
        }
    }

    @Test
    void dotProductScoresABlockOfUsersRowByRow() {
        // users u0 = (1, 2), u1 = (0, 1), u2 = (3, −1); items i0 = (1, 0), i1 = (0, 1), i2 = (2, 3)
        FactorModel m = new FactorModel(2, 3, 3, new float[] {1, 2, 0, 1, 3, -1}, new float[] {1, 0, 0, 1, 2, 3});
        DotProductScorer scorer = new DotProductScorer(m);
        float[] out = new float[9];
        scorer.score(new int[] {2, 0, 1}, 0, 3, out);
        assertThat(out).containsExactly(3, -1, 3, 1, 2, 8, 0, 1, 3);
        float[] part = new float[6];
        scorer.score(new int[] {2, 0, 1}, 1, 3, part);
        assertThat(part).containsExactly(1, 2, 8, 0, 1, 3);
        // the thread's score block is reused: a smaller call, a larger one again, another item count
        float[] one = new float[3];
        scorer.score(new int[] {1}, 0, 1, one);
        assertThat(one).containsExactly(0, 1, 3);
        scorer.score(new int[] {2, 0, 1}, 0, 3, out);
        assertThat(out).containsExactly(3, -1, 3, 1, 2, 8, 0, 1, 3);
        FactorModel twoItems = new FactorModel(m.dimension(), m.users(), 2, m.userVectors(),
                java.util.Arrays.copyOf(m.itemVectors(), 2 * m.dimension()));
        float[] two = new float[6];
        new DotProductScorer(twoItems).score(new int[] {2, 0, 1}, 0, 3, two);
        assertThat(two).containsExactly(3, -1, 1, 2, 0, 1);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "1000, 4096000",        // 1,024 users a block × 1,000 items × 4 bytes
            "100000, 32000000",     // 80 users a block: the 8-million-score cap
            "10000000, 640000000"}) // at least 16 users a block
    void memoryEstimateIsOneBlockOfScores(int items, long bytes) {
        assertThat(Evaluator.memoryEstimate(items)).isEqualTo(bytes);
    }

    public static final class RecordingProgress implements ProgressTracker {
        public final List<String> events = new ArrayList<>();

        @Override
        public synchronized void begin(String task, long total) {
            events.add("begin " + task + " " + total);
        }

        @Override
        public synchronized void advance(long units) {
            events.add("advance " + units);
        }

        @Override
        public synchronized void end() {
            events.add("end");
        }

        @Override
        public synchronized void log(String message) {
            events.add("log " + message);
        }
    }
}
