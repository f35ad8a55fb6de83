package org.graphrec.propagation;
import org.graphrec.core.Csr;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.ModalityMatrix;

import java.util.ArrayList;
import java.util.List;
import org.graphrec.propagation.trained.TrainingGraph;

/**
 * Hands a loaded {@link InteractionGraph} to trained propagation as a {@link TrainingGraph}: the train CSR arrays
 * are shared (no copy; rows are sorted and unique), validation and test items are taken per user, and each loaded
 * modality matrix becomes one feature matrix (items without a vector get a zero row), and the loaded item→brand
 * and item→category memberships become weighted item groups (extra item–item graphs of the trained mode). The
 * dense ids are the same in both, so trained embeddings index like the interaction graph.
 */
public final class TrainingGraphAdapter {

    private TrainingGraphAdapter() {
    }

    /** Without brand and category groups. */
    public static TrainingGraph from(InteractionGraph g) {
        return from(g, 0, 0);
    }

    /**
     * With the loaded brand and category memberships as item groups of the given weights (a weight of 0, or no
     * memberships loaded, leaves the group out).
     */
    public static TrainingGraph from(InteractionGraph g, double brandWeight, double categoryWeight) {
        Csr train = g.train();
        int[][] valid = new int[g.users()][];
        int[][] test = new int[g.users()][];
        for (int u = 0; u < g.users(); u++) {
            valid[u] = g.valid().row(u);
            test[u] = g.test().row(u);
        }
        List<TrainingGraph.Modality> modalities = new ArrayList<>();
        for (ModalityMatrix m : g.modalities()) {
            float[][] features = new float[g.items()][];
            for (int i = 0; i < g.items(); i++) {
                features[i] = java.util.Arrays.copyOfRange(m.vectors(), i * m.dimension(), (i + 1) * m.dimension());
            }
            modalities.add(new TrainingGraph.Modality(m.name(), features));
        }
        List<TrainingGraph.ItemGroups> groups = new ArrayList<>();
        if (brandWeight > 0 && g.itemBrands().nonZeros() > 0) {
            groups.add(new TrainingGraph.ItemGroups("brand", g.brandNames().length, g.itemBrands().offsets(),
                    g.itemBrands().targets(), brandWeight));
        }
        if (categoryWeight > 0 && g.itemCategories().nonZeros() > 0) {
            groups.add(new TrainingGraph.ItemGroups("category", g.categoryNames().length,
                    g.itemCategories().offsets(), g.itemCategories().targets(), categoryWeight));
        }
        return new TrainingGraph(g.users(), g.items(), train.offsets(), train.targets(), valid, test, modalities,
                groups);
    }
}
