package org.graphrec.propagation.trained;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class ItemItemGraphTest {

    @Test
    void featureKnnKeepsTopKCosineNeighboursIncludingSelfWithDegreeNormalisation() {
        // items 0 and 1 point the same way, 2 is orthogonal-ish, 3 opposite to 0
        float[][] features = {{1, 0}, {2, 0.1f}, {0, 1}, {-1, 0}};
        try (Parallel parallel = new Parallel(2)) {
            CsrMatrix s = ItemItemGraph.fromFeatures(features, 2, parallel);
            assertThat(s.nonZeros()).isEqualTo(8);
            // every row has 2 entries, so every value is 1/sqrt(2·2) = 0.5
            assertThat(s.get(0, 0)).isCloseTo(0.5f, within(1e-6f));
            assertThat(s.get(0, 1)).isCloseTo(0.5f, within(1e-6f));
            assertThat(s.get(1, 0)).isCloseTo(0.5f, within(1e-6f));
            assertThat(s.get(2, 2)).isCloseTo(0.5f, within(1e-6f));
            assertThat(s.get(2, 1)).as("cos(2,1) > cos(2,0) = cos(2,3) = 0").isCloseTo(0.5f, within(1e-6f));
            assertThat(s.get(3, 3)).isCloseTo(0.5f, within(1e-6f));
            assertThat(s.get(3, 2)).as("cos(3,2)=0 beats cos(3,0)=-1").isCloseTo(0.5f, within(1e-6f));
            assertThat(s.get(0, 3)).isZero();
        }
    }

    @Test
    void coInteractionKnnUsesCosineOfUserSets() {
        // users: 0 → {0,1}, 1 → {0,1,2}, 2 → {2,3}; item 4 has no interactions
        TrainingGraph graph = TrainingGraph.fromPairs(3, 5, new int[]{0, 0, 1, 1, 1, 2, 2},
                new int[]{0, 1, 0, 1, 2, 2, 3}, new int[3][0], new int[3][0], List.of());
        CsrMatrix s = ItemItemGraph.fromInteractions(graph, 2);
        // item 0: co-users with 1 = 2 (cos 1), with 2 = 1 (cos 1/sqrt(2·2)=0.5) → neighbours self + 1
        assertThat(s.get(0, 1)).isPositive();
        assertThat(s.get(0, 2)).isZero();
        // item 3: only neighbour 2 (cos 1/sqrt(2)) besides itself
        assertThat(s.get(3, 2)).isPositive();
        // cold item 4 keeps only its self-loop with weight 1
        assertThat(s.get(4, 4)).isCloseTo(1f, within(1e-6f));
        assertThat(s.nonZeros()).isEqualTo(2 + 2 + 2 + 2 + 1);
    }

    @Test
    void combineWeighsAndUnitesTheModalityGraphs() {
        CsrMatrix a = new CsrMatrix(2, 2, new int[]{0, 1, 2}, new int[]{0, 1}, new float[]{1f, 1f});
        CsrMatrix b = new CsrMatrix(2, 2, new int[]{0, 1, 2}, new int[]{1, 1}, new float[]{1f, 1f});
        CsrMatrix c = ItemItemGraph.combine(List.of(a, b), new double[]{0.25, 0.75});
        assertThat(c.get(0, 0)).isEqualTo(0.25f);
        assertThat(c.get(0, 1)).isEqualTo(0.75f);
        assertThat(c.get(1, 1)).isEqualTo(1.0f);
        assertThat(c.nonZeros()).isEqualTo(3);
    }
}
