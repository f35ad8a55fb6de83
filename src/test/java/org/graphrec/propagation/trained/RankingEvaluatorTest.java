package org.graphrec.propagation.trained;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class RankingEvaluatorTest {

    /**
     * 1-d embeddings make the ranking explicit: item scores are the item values (user embedding 1). Items 0..5
     * score 6,5,4,3,2,1. User 0 trained on item 0 (masked), so its ranking is 1,2,3,4,5; user 1 has no train
     * items: 0,1,2,3,4,5; user 2 has no targets and is not counted.
     */
    @Test
    void recallAndNdcgFollowTheMmrecProtocol() {
        TrainingGraph graph = TrainingGraph.fromPairs(3, 6, new int[]{0}, new int[]{0},
                new int[][]{{}, {}, {}}, new int[][]{{2, 5}, {1}, {}}, List.of());
        float[] users = {1f, 1f, 1f};
        float[] items = {6f, 5f, 4f, 3f, 2f, 1f};
        try (Parallel parallel = new Parallel(2)) {
            RankingEvaluator.Metrics at2 = RankingEvaluator.evaluate(graph, users, items, 1, graph.testItems(), 2,
                    parallel);
            // user 0: top-2 = 1,2 → one hit of 2 targets: recall 1/2, dcg 1/log2(3), idcg 1 + 1/log2(3)
            // user 1: top-2 = 0,1 → hit at rank 2: recall 1, ndcg (1/log2(3)) / 1
            double log3 = Math.log(3) / Math.log(2);
            assertThat(at2.users()).isEqualTo(2);
            assertThat(at2.recall()).isCloseTo((0.5 + 1.0) / 2, within(1e-12));
            assertThat(at2.ndcg()).isCloseTo(((1 / log3) / (1 + 1 / log3) + 1 / log3) / 2, within(1e-12));

            RankingEvaluator.Metrics at5 = RankingEvaluator.evaluate(graph, users, items, 1, graph.testItems(), 5,
                    parallel);
            // user 0: ranking 1,2,3,4,5 → hits at ranks 2 and 5 (the masked train item 0 is not counted)
            double dcg0 = 1 / log3 + 1 / (Math.log(6) / Math.log(2));
            assertThat(at5.recall()).isCloseTo(1.0, within(1e-12));
            assertThat(at5.ndcg()).isCloseTo((dcg0 / (1 + 1 / log3) + 1 / log3) / 2, within(1e-12));
        }
    }

    @Test
    void noUsersWithTargetsGivesZero() {
        TrainingGraph graph = TrainingGraph.fromPairs(1, 2, new int[]{0}, new int[]{0}, new int[][]{{}},
                new int[][]{{}}, List.of());
        try (Parallel parallel = new Parallel(1)) {
            assertThat(RankingEvaluator.evaluate(graph, new float[]{1f}, new float[]{1f, 2f}, 1, graph.testItems(),
                    20, parallel)).isEqualTo(new RankingEvaluator.Metrics(0, 0, 0));
        }
    }

    /** Only the listed users are scored: user 1 alone at K = 2 has recall 1 and NDCG 1/log2(3) (see above). */
    @Test
    void aUserSubsetIsEvaluatedAlone() {
        TrainingGraph graph = TrainingGraph.fromPairs(3, 6, new int[]{0}, new int[]{0},
                new int[][]{{}, {}, {}}, new int[][]{{2, 5}, {1}, {}}, List.of());
        float[] users = {1f, 1f, 1f};
        float[] items = {6f, 5f, 4f, 3f, 2f, 1f};
        try (Parallel parallel = new Parallel(2)) {
            RankingEvaluator.Metrics one = RankingEvaluator.evaluate(graph, users, items, 1, graph.testItems(), 2,
                    parallel, new int[]{1});
            assertThat(one.users()).isEqualTo(1);
            assertThat(one.recall()).isCloseTo(1.0, within(1e-12));
            assertThat(one.ndcg()).isCloseTo(1 / (Math.log(3) / Math.log(2)), within(1e-12));
        }
    }

    @Test
    void userSampleIsSeededAscendingAndOnlyHasUsersWithTargets() {
        int[][] targets = {{1}, {}, {2}, {}, {3}, {4}, {5}};
        assertThat(RankingEvaluator.sampleUsers(targets, 0, 7)).containsExactly(0, 2, 4, 5, 6);
        assertThat(RankingEvaluator.sampleUsers(targets, 9, 7)).containsExactly(0, 2, 4, 5, 6);
        int[] a = RankingEvaluator.sampleUsers(targets, 3, 7);
        assertThat(a).hasSize(3).isSorted().doesNotHaveDuplicates();
        assertThat(java.util.Arrays.stream(a).boxed().toList()).isSubsetOf(0, 2, 4, 5, 6);
        assertThat(RankingEvaluator.sampleUsers(targets, 3, 7)).containsExactly(a);
    }
}
