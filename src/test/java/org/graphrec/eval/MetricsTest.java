package org.graphrec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.graphrec.core.TopK;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final double LOG2_3 = Math.log(3) / Math.log(2);

    @Test
    void recallDividesHitsByAllRelevantItems() {
        int[] ranking = {7, 3, 9, 1};
        int[] relevant = {1, 3, 5};
        assertThat(new Recall(2).value(ranking, relevant)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(new Recall(4).value(ranking, relevant)).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void precisionDividesHitsByK() {
        assertThat(new Precision(4).value(new int[] {7, 3, 9, 1}, new int[] {1, 3, 5})).isEqualTo(0.5);
    }

    @Test
    void ndcgUsesBinaryGainsAndIdealOverMinOfRelevantAndK() {
        // hits at positions 2 and 4 (1-based): DCG = 1/log2(3) + 1/log2(5); ideal over min(3, 4) = 3 positions
        double dcg = 1 / LOG2_3 + 1 / (Math.log(5) / Math.log(2));
        double ideal = 1 + 1 / LOG2_3 + 1 / 2.0;
        assertThat(new Ndcg(4).value(new int[] {7, 3, 9, 1}, new int[] {1, 3, 5}))
                .isCloseTo(dcg / ideal, within(1e-12));
        // one relevant item at rank 1: perfect
        assertThat(new Ndcg(10).value(new int[] {5, 1}, new int[] {5})).isEqualTo(1.0);
        // ideal over min(|relevant| = 1, K): a hit at rank 2 gives 1/log2(3)
        assertThat(new Ndcg(10).value(new int[] {1, 5}, new int[] {5})).isCloseTo(1 / LOG2_3, within(1e-12));
    }

    @Test
    void coldRecallCountsOnlyColdItemsAndSkipsUsersWithoutThem() {
        boolean[] cold = {false, true, false, true};
        ColdStartRecall metric = new ColdStartRecall(2, cold);
        assertThat(metric.value(new int[] {1, 0, 3}, new int[] {0, 1, 3})).isEqualTo(0.5);
        assertThat(metric.value(new int[] {1, 0}, new int[] {0, 2})).isNaN();
    }

    @Test
    void coverageGiniAndNoveltyOverAllLists() {
        int[] popularity = {1, 1, 1, 0, 0};
        Coverage coverage = new Coverage(2, 5);
        Gini gini = new Gini(2, 5);
        Novelty novelty = new Novelty(2, popularity);
        for (SystemMetric m : new SystemMetric[] {coverage, gini, novelty}) {
            SystemMetric other = m.fresh();
            m.add(new int[] {1, 2, 4});
            other.add(new int[] {0, 3});
            m.combine(other);
        }
        assertThat(coverage.result()).isEqualTo(0.8);
        // counts sorted [0,1,1,1,1]: Σ(2j − n − 1)c = −2 + 0 + 2 + 4 = 4, / (5 · 4)
        assertThat(gini.result()).isCloseTo(0.2, within(1e-12));
        // shares (p+1)/(3+5): 2/8 → 2 bits for items 0..2, 1/8 → 3 bits for item 3
        assertThat(novelty.result()).isCloseTo((2 + 2 + 2 + 3) / 4.0, within(1e-12));
    }

    @Test
    void giniIsZeroWhenEveryItemIsRecommendedEquallyOften() {
        Gini gini = new Gini(1, 3);
        gini.add(new int[] {0});
        gini.add(new int[] {1});
        gini.add(new int[] {2});
        assertThat(gini.result()).isCloseTo(0, within(1e-12));
        assertThat(new Gini(1, 3).result()).isNaN();
    }

    @Test
    void topKSkipsMaskedItemsAndBreaksTiesByIndex() {
        float[] scores = {0.5f, 0.9f, 0.5f, Float.NaN, 0.7f, 0.1f};
        assertThat(TopK.select(scores, 0, 6, 3, new int[] {1}, 0, 1)).containsExactly(4, 0, 2);
        assertThat(TopK.select(scores, 0, 6, 10, new int[] {}, 0, 0)).containsExactly(1, 4, 0, 2, 5, 3);
        assertThat(TopK.select(scores, 2, 3, 2, new int[] {}, 0, 0)).containsExactly(2, 0);
    }
}
