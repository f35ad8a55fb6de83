package org.graphrec.propagation.trained;

import java.util.List;
import org.graphrec.core.CooccurrenceKnn;
import org.graphrec.core.Csr;
import org.graphrec.core.ExactKnn;
import org.graphrec.core.ModalityMatrix;
import org.graphrec.core.Parallel;
import org.graphrec.progress.ProgressTracker;

/**
 * Frozen item–item graphs for the trained multimodal mode, built once before training as in FREEDOM (Zhou et
 * al. 2023): for every item its top-k neighbours (itself included, as in the reference code) from the kNN of the
 * core ({@link ExactKnn} for modality features, {@link CooccurrenceKnn} for co-interactions and item groups), edges
 * of weight 1 normalised {@code D^-1/2 A D^-1/2} with the row degrees, and per-modality graphs summed with modality
 * weights. Cost: O(items² · f) for features, O(Σ_u deg(u)²) for co-interactions.
 */
public final class ItemItemGraph {

    /** Rows per similarity block of the feature kNN. */
    private static final int BLOCK = 512;

    private ItemItemGraph() {
    }

    /**
     * The k-nearest-neighbour graph of one modality by cosine similarity of the feature rows; items without a
     * vector (or with a zero vector) get an empty row and are nobody's neighbour.
     */
    public static Csr fromFeatures(ModalityMatrix modality, int k, Parallel parallel) {
        return normalised(new ExactKnn(k, BLOCK, true, parallel, ProgressTracker.none()).compute(modality));
    }

    /**
     * The k-nearest-neighbour graph by the shrunk cosine of co-interactions in the train graph (users × items,
     * for data without features), {@code |U_i ∩ U_j| / (sqrt(|U_i| |U_j|) + shrink)}. Items without train
     * interactions keep only their self-loop.
     */
    public static Csr fromInteractions(Csr train, int k, double shrink, Parallel parallel) {
        Csr knn = new CooccurrenceKnn(k, shrink, CooccurrenceKnn.Self.ALWAYS, parallel, ProgressTracker.none())
                .compute(train.transpose(), train);
        return normalised(knn);
    }

    /**
     * The k-nearest-neighbour graph of items sharing groups (items × groups: brands, categories): cosine of the
     * items' group sets, self included, weight-1 edges normalised. Items without a group get an empty row.
     */
    public static Csr fromGroups(Csr itemGroups, int k, Parallel parallel) {
        Csr knn = new CooccurrenceKnn(k, 0.0, CooccurrenceKnn.Self.INCLUDED, parallel, ProgressTracker.none())
                .compute(itemGroups, itemGroups.transpose());
        return normalised(knn);
    }

    /**
     * Weight-1 kNN edges normalised with the row degrees, {@code v(i,j) = 1/sqrt(deg(i) deg(j))}, rows sorted by
     * column so products sum in a canonical order.
     */
    static Csr normalised(Csr knn) {
        int n = knn.rows();
        int[] offsets = knn.offsets();
        int[] c = knn.targets();
        int[] r = new int[c.length];
        float[] values = new float[c.length];
        for (int i = 0; i < n; i++) {
            int degI = knn.degree(i);
            for (int p = offsets[i]; p < offsets[i + 1]; p++) {
                r[p] = i;
                values[p] = (float) (1.0 / Math.sqrt((degI + 1e-7) * (knn.degree(c[p]) + 1e-7)));
            }
        }
        return Csr.fromCoordinates(n, n, r, c, values, r.length);
    }

    /** {@code Σ_m weights[m] · graphs[m]} (the union of the edges). */
    public static Csr combine(List<Csr> graphs, double[] weights) {
        if (graphs.size() == 1 && weights[0] == 1.0) {
            return graphs.get(0);
        }
        int n = graphs.get(0).rows();
        int total = graphs.stream().mapToInt(Csr::nonZeros).sum();
        int[] r = new int[total];
        int[] c = new int[total];
        float[] v = new float[total];
        int e = 0;
        for (int m = 0; m < graphs.size(); m++) {
            Csr g = graphs.get(m);
            for (int i = 0; i < n; i++) {
                for (int p = g.offsets()[i]; p < g.offsets()[i + 1]; p++) {
                    r[e] = i;
                    c[e] = g.targets()[p];
                    v[e] = (float) (weights[m] * g.weight(p));
                    e++;
                }
            }
        }
        return Csr.fromCoordinates(n, n, r, c, v, e);
    }
}
