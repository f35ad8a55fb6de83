package org.graphrec.propagation.trained;

import java.util.List;

/** Hand-sized graphs shared by the trained-propagation tests. */
final class TinyGraphs {

    private TinyGraphs() {
    }

    /**
     * Two communities: users 0–2 interact with items 0–3, users 3–5 with items 4–7 (each user holds one item of
     * its community out for validation and one for test). Item 8 has no train interactions (cold start); its
     * features equal item 1's. Two 3-d modalities separate the communities.
     */
    static TrainingGraph twoCommunities(boolean withFeatures) {
        int[] u = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5};
        int[] i = {0, 1, 1, 2, 2, 3, 4, 5, 5, 6, 6, 7};
        int[][] valid = {{2}, {3}, {0}, {6}, {7}, {4}};
        int[][] test = {{3}, {0}, {1}, {7}, {4}, {5}};
        List<TrainingGraph.Modality> modalities = List.of();
        if (withFeatures) {
            float[][] image = new float[9][];
            float[][] audio = new float[9][];
            for (int item = 0; item < 8; item++) {
                boolean first = item < 4;
                image[item] = new float[]{first ? 1f : 0.1f, first ? 0.1f * item : 1f, 0.05f * item};
                audio[item] = new float[]{first ? 0.9f : 0.2f, 0.3f, first ? 0.1f : 0.8f + 0.01f * item};
            }
            image[8] = image[1].clone();
            audio[8] = audio[1].clone();
            modalities = List.of(new TrainingGraph.Modality("image", image),
                    new TrainingGraph.Modality("audio", audio));
        }
        return TrainingGraph.fromPairs(6, 9, u, i, valid, test, modalities);
    }
}
