package org.graphrec.propagation.trained;

import org.graphrec.core.Csr;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.ModalityMatrix;
import org.graphrec.core.Parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.graphrec.progress.ProgressTracker;
import org.junit.jupiter.api.Test;

class ItemItemGraphTest {

    @Test
    void featureKnnKeepsTopKCosineNeighboursIncludingSelfWithDegreeNormalisation() {
        // items 0 and 1 point the same way, 2 is orthogonal-ish, 3 opposite to 0
        float[] features = {1, 0, 2, 0.1f, 0, 1, -1, 0};
        ModalityMatrix modality = new ModalityMatrix("image", "imageEmbedding", 2, features, new boolean[]{true,
                true, true, true});
        try (Parallel parallel = new Parallel(2)) {
            Csr s = ItemItemGraph.fromFeatures(modality, 2, parallel);
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
        Csr train = trainMatrix(3, 5, new int[]{0, 0, 1, 1, 1, 2, 2}, new int[]{0, 1, 0, 1, 2, 2, 3});
        Csr s = ItemItemGraph.fromInteractions(train, 2, 0.0, Parallel.shared());
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
    void shrinkageRanksWellSupportedNeighboursAboveASingleSharedUser() {
        // item 0: users 0–3; item 1: user 0 only; item 2: users 1–3 and nine more (degree 12)
        // plain cosine: cos(0,1) = 1/sqrt(4·1) = 0.5 > cos(0,2) = 3/sqrt(4·12) = 0.433 → neighbour 1
        // shrink 10:    1/(2 + 10) = 0.083 < 3/(6.93 + 10) = 0.177 → neighbour 2
        int[] users = {0, 0, 1, 1, 2, 2, 3, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        int[] items = {0, 1, 0, 2, 0, 2, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2};
        Csr train = trainMatrix(13, 3, users, items);
        Csr plain = ItemItemGraph.fromInteractions(train, 2, 0.0, Parallel.shared());
        assertThat(plain.get(0, 1)).isPositive();
        assertThat(plain.get(0, 2)).isZero();
        Csr shrunk = ItemItemGraph.fromInteractions(train, 2, 10.0, Parallel.shared());
        assertThat(shrunk.get(0, 2)).isPositive();
        assertThat(shrunk.get(0, 1)).isZero();
        // the edges keep weight 1 normalised by the row degrees (2 everywhere): 1/sqrt(2·2)
        assertThat(shrunk.get(0, 2)).isCloseTo(0.5f, within(1e-6f));
    }

    @Test
    void combineWeighsAndUnitesTheModalityGraphs() {
        Csr a = new Csr(2, 2, new int[]{0, 1, 2}, new int[]{0, 1}, new float[]{1f, 1f});
        Csr b = new Csr(2, 2, new int[]{0, 1, 2}, new int[]{1, 1}, new float[]{1f, 1f});
        Csr c = ItemItemGraph.combine(List.of(a, b), new double[]{0.25, 0.75});
        assertThat(c.get(0, 0)).isEqualTo(0.25f);
        assertThat(c.get(0, 1)).isEqualTo(0.75f);
        assertThat(c.get(1, 1)).isEqualTo(1.0f);
        assertThat(c.nonZeros()).isEqualTo(3);
    }

    /**
     * Brand memberships 0 → {A}, 1 → {A}, 2 → {A, B}, 3 → {B}, 4 → {} with k = 2: cosines of the group sets are
     * cos(0,1) = 1, cos(0,2) = cos(1,2) = cos(2,3) = 1/√2. Rows: 0 → {0, 1}, 1 → {0, 1}, 2 → {0, 2} (ties at 1/√2
     * go to the lowest id), 3 → {2, 3}; item 4 has no group and gets an empty row. Every kept row has 2 entries,
     * so every value is 1/√(2·2) = 0.5.
     */
    @Test
    void groupKnnUsesCosineOfGroupSetsAndLeavesUngroupedItemsEmpty() {
        Csr brands = new Csr(5, 2, new int[]{0, 1, 2, 4, 5, 5}, new int[]{0, 0, 0, 1, 1}, null);
        Csr s = ItemItemGraph.fromGroups(brands, 2, Parallel.shared());
        assertThat(s.nonZeros()).isEqualTo(8);
        for (int[] e : new int[][]{{0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 0}, {2, 2}, {3, 2}, {3, 3}}) {
            assertThat(s.get(e[0], e[1])).as("S(%d,%d)", e[0], e[1]).isCloseTo(0.5f, within(1e-6f));
        }
        assertThat(s.get(2, 3)).isZero();
        assertThat(s.get(4, 4)).isZero();
    }

    /**
     * Co-interaction graph (users 0 → {0,1}, 1 → {0,1,2}, 2 → {2,3}, item 4 cold; k = 2): rows 0 → {0,1},
     * 1 → {0,1}, 2 → {2,3}, 3 → {2,3} with value 0.5, cold item 4 → self-loop 1. Brand graph: items 0 and 4 share
     * brand A → rows 0 → {0,4}, 4 → {0,4} with 0.5. Weights 1 (co-interactions) and 0.5 (brand) normalised to
     * 2/3 and 1/3: S(0,0) = 2/3·0.5 + 1/3·0.5 = 0.5, S(0,1) = 1/3, S(0,4) = S(4,0) = 1/6, S(4,4) = 2/3 + 1/6 = 5/6,
     * S(2,3) = 1/3. With weight 0 the brand graph is left out.
     */
    @Test
    void brandGraphIsAddedToTheItemGraphWithItsWeightAndTheSumIsNormalised() {
        // item 0 (i0) and cold item 4 (i4) share brand A
        InteractionGraph base = TinyGraphs.builder(3, 5, new int[]{0, 0, 1, 1, 1, 2, 2},
                new int[]{0, 1, 0, 1, 2, 2, 3}, new int[3][0], new int[3][0]).brand("i0", "A").brand("i4", "A")
                .build();
        TrainingParameters p = TrainingParameters.freedom().withKnnK(2).withThreads(1);
        try (Parallel parallel = new Parallel(1)) {
            Csr s = new TrainedPropagation(base, p, ProgressTracker.none()).withItemGroups(0.5, 0)
                    .buildItemGraph(parallel);
            assertThat(s.get(0, 0)).isCloseTo(0.5f, within(1e-6f));
            assertThat(s.get(0, 1)).isCloseTo(1f / 3, within(1e-6f));
            assertThat(s.get(0, 4)).isCloseTo(1f / 6, within(1e-6f));
            assertThat(s.get(4, 0)).isCloseTo(1f / 6, within(1e-6f));
            assertThat(s.get(4, 4)).isCloseTo(5f / 6, within(1e-6f));
            assertThat(s.get(2, 3)).isCloseTo(1f / 3, within(1e-6f));
            assertThat(s.get(1, 4)).isZero();

            Csr without = new TrainedPropagation(base, p, ProgressTracker.none()).withItemGroups(0.0, 0)
                    .buildItemGraph(parallel);
            assertThat(without.get(0, 4)).isZero();
            assertThat(without.get(0, 1)).isCloseTo(0.5f, within(1e-6f));
            assertThat(without.get(4, 4)).isCloseTo(1f, within(1e-6f));
        }
    }

    @Test
    void itemGroupWeightsAreValidated() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TrainedPropagation.ItemGroups("brand",
                Csr.empty(1, 1), -0.3)).hasMessageContaining("group weight");
    }

    private static Csr trainMatrix(int users, int items, int[] u, int[] i) {
        return Csr.fromCoordinates(users, items, u, i, null, u.length);
    }
}
