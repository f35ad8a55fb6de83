package org.graphrec.propagation;

import java.util.ArrayList;
import java.util.List;
import org.graphrec.propagation.trained.TrainingGraph;

/**
 * Hands a loaded {@link InteractionGraph} to trained propagation as a {@link TrainingGraph}: the train CSR arrays
 * are shared (no copy; rows are sorted and unique), validation and test items are taken per user, and each loaded
 * modality matrix becomes one feature matrix (items without a vector get a zero row). The dense ids are the same
 * in both, so trained embeddings index like the interaction graph.
 */
public final class TrainingGraphAdapter {

    private TrainingGraphAdapter() {
    }

    public static TrainingGraph from(InteractionGraph g) {
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
        return new TrainingGraph(g.users(), g.items(), train.offsets(), train.targets(), valid, test, modalities);
    }
}
