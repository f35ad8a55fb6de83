package org.graphrec.propagation.trained;

import org.graphrec.core.InteractionGraph;
import org.graphrec.core.InteractionGraph.Split;

/** Hand-sized graphs shared by the trained-propagation tests; users u0.., items i0.. get dense ids 0.. in order. */
final class TinyGraphs {

    private TinyGraphs() {
    }

    /**
     * Two communities: users 0–2 interact with items 0–3, users 3–5 with items 4–7 (each user holds one item of
     * its community out for validation and one for test). Item 8 has no train interactions (cold start); its
     * features equal item 1's. Two 3-d modalities separate the communities.
     */
    static InteractionGraph twoCommunities(boolean withFeatures) {
        int[] u = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5};
        int[] i = {0, 1, 1, 2, 2, 3, 4, 5, 5, 6, 6, 7};
        int[][] valid = {{2}, {3}, {0}, {6}, {7}, {4}};
        int[][] test = {{3}, {0}, {1}, {7}, {4}, {5}};
        InteractionGraph.Builder b = builder(6, 9, u, i, valid, test);
        if (withFeatures) {
            b.modality("image", "imageEmbedding", 3).modality("audio", "audioEmbedding", 3);
            for (int item = 0; item < 9; item++) {
                int like = item == 8 ? 1 : item; // the cold item's features equal item 1's
                boolean first = like < 4;
                b.vector("image", "i" + item, new float[]{first ? 1f : 0.1f, first ? 0.1f * like : 1f, 0.05f * like});
                b.vector("audio", "i" + item, new float[]{first ? 0.9f : 0.2f, 0.3f, first ? 0.1f : 0.8f + 0.01f * like});
            }
        }
        return b.build();
    }

    /** A builder holding {@code users} users and {@code items} items with the given train, valid and test pairs. */
    static InteractionGraph.Builder builder(int users, int items, int[] trainUsers, int[] trainItems, int[][] valid,
                                            int[][] test) {
        InteractionGraph.Builder b = new InteractionGraph.Builder();
        for (int x = 0; x < users; x++) {
            b.user("u" + x);
        }
        for (int x = 0; x < items; x++) {
            b.item("i" + x);
        }
        for (int e = 0; e < trainUsers.length; e++) {
            b.interaction("u" + trainUsers[e], "i" + trainItems[e], Split.TRAIN);
        }
        for (int x = 0; x < valid.length; x++) {
            for (int item : valid[x]) {
                b.interaction("u" + x, "i" + item, Split.VALID);
            }
            for (int item : test[x]) {
                b.interaction("u" + x, "i" + item, Split.TEST);
            }
        }
        return b;
    }
}
