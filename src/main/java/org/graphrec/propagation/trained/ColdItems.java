package org.graphrec.propagation.trained;

import java.util.Arrays;
import org.graphrec.core.Csr;

/**
 * Serves items without train interactions in the multimodal mode: their row becomes the item–item-graph-weighted
 * mean of their warm neighbours' final rows, {@code h_c = Σ_j S_cj h_j / Σ_j S_cj} over neighbours j with train
 * interactions. Training never moves a cold item's ego embedding towards a user (it only ever appears as a sampled
 * negative), so its own row ranks it below every warm item; its feature neighbours are what is known about it.
 * Rows with no warm neighbour are left as they are. Applied to evaluation and written-back rows only: the training
 * forward pass and its gradient are unchanged. Measured on TikTok (docs/trained.md): the rows point at the right
 * neighbourhood but are too short to enter a top-20.
 */
final class ColdItems {

    private final int[] coldItems;
    private final int[] itemDegrees;
    private final int users;
    private final int d;

    ColdItems(int[] itemDegrees, int users, int d) {
        this.itemDegrees = itemDegrees;
        this.coldItems = java.util.stream.IntStream.range(0, itemDegrees.length).filter(i -> itemDegrees[i] == 0)
                .toArray();
        this.users = users;
        this.d = d;
    }

    /** Rewrites the cold item rows of {@code fin} (users then items, row-major) in place. */
    void serve(Csr itemGraph, float[] fin) {
        if (itemGraph == null || coldItems.length == 0) {
            return;
        }
        int[] offsets = itemGraph.offsets();
        int[] indices = itemGraph.targets();
        int base = users * d;
        float[] row = new float[d];
        for (int c : coldItems) {
            Arrays.fill(row, 0f);
            double weight = 0;
            for (int e = offsets[c]; e < offsets[c + 1]; e++) {
                int j = indices[e];
                float w = itemGraph.weight(e);
                if (itemDegrees[j] == 0 || w <= 0) {
                    continue;
                }
                weight += w;
                for (int x = 0; x < d; x++) {
                    row[x] += w * fin[base + j * d + x];
                }
            }
            if (weight > 0) {
                for (int x = 0; x < d; x++) {
                    fin[base + c * d + x] = (float) (row[x] / weight);
                }
            }
        }
    }
}
