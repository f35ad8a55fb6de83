package org.graphrec.propagation.trained;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The minimal in-memory input of trained propagation: the train user→item interactions as CSR, the
 * validation and test items per user (for early stopping and reporting), and optional dense item modality
 * features. Ids are dense ints from 0. Kept deliberately small so that the shared propagation loader can hand
 * its arrays over with a thin adapter (no copy of the CSR needed).
 *
 * @param users       number of users
 * @param items       number of items
 * @param userOffsets CSR offsets, length {@code users + 1}
 * @param userItems   CSR column indices (item ids) of train interactions, sorted and unique within each user
 * @param validItems  per user the validation items (may be empty arrays), length {@code users}
 * @param testItems   per user the test items (may be empty arrays), length {@code users}
 * @param modalities  item feature matrices (e.g. image, audio); empty for interaction-only data
 */
public record TrainingGraph(int users, int items, int[] userOffsets, int[] userItems, int[][] validItems,
                            int[][] testItems, List<Modality> modalities) {

    /** One item modality: {@code features[item]} is the raw feature vector of the item (all the same length). */
    public record Modality(String name, float[][] features) {
        public Modality {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(features, "features");
        }

        /** Length of each feature vector. */
        public int dimension() {
            return features.length == 0 ? 0 : features[0].length;
        }
    }

    public TrainingGraph {
        if (users < 0 || items < 0) {
            throw new IllegalArgumentException("users and items must be non-negative, got " + users + ", " + items);
        }
        if (userOffsets.length != users + 1 || userOffsets[0] != 0 || userOffsets[users] != userItems.length) {
            throw new IllegalArgumentException("userOffsets must have length users+1 = " + (users + 1)
                    + ", start at 0 and end at userItems.length = " + userItems.length);
        }
        for (int u = 0; u < users; u++) {
            for (int p = userOffsets[u]; p < userOffsets[u + 1]; p++) {
                int item = userItems[p];
                if (item < 0 || item >= items) {
                    throw new IllegalArgumentException("user " + u + ": item id " + item + " outside [0, " + items + ")");
                }
                if (p > userOffsets[u] && userItems[p - 1] >= item) {
                    throw new IllegalArgumentException("user " + u + ": train items must be sorted and unique");
                }
            }
        }
        if (validItems.length != users || testItems.length != users) {
            throw new IllegalArgumentException("validItems and testItems need one row per user (" + users + ")");
        }
        modalities = List.copyOf(modalities);
        for (Modality m : modalities) {
            if (m.features().length != items) {
                throw new IllegalArgumentException("modality " + m.name() + " has " + m.features().length
                        + " rows, expected one per item (" + items + ")");
            }
        }
    }

    /**
     * Builds the graph from parallel (user, item) arrays of train interactions; duplicates are dropped.
     */
    public static TrainingGraph fromPairs(int users, int items, int[] trainUsers, int[] trainItems,
                                          int[][] validItems, int[][] testItems, List<Modality> modalities) {
        int[] offsets = new int[users + 1];
        for (int u : trainUsers) {
            offsets[u + 1]++;
        }
        for (int u = 0; u < users; u++) {
            offsets[u + 1] += offsets[u];
        }
        int[] cursor = Arrays.copyOf(offsets, users);
        int[] cols = new int[trainUsers.length];
        for (int e = 0; e < trainUsers.length; e++) {
            cols[cursor[trainUsers[e]]++] = trainItems[e];
        }
        int[] newOffsets = new int[users + 1];
        int write = 0;
        for (int u = 0; u < users; u++) {
            Arrays.sort(cols, offsets[u], offsets[u + 1]);
            for (int p = offsets[u]; p < offsets[u + 1]; p++) {
                if (p == offsets[u] || cols[p] != cols[p - 1]) {
                    cols[write++] = cols[p];
                }
            }
            newOffsets[u + 1] = write;
        }
        return new TrainingGraph(users, items, newOffsets, Arrays.copyOf(cols, write), validItems, testItems,
                modalities);
    }

    /** Number of train interactions (edges of the user–item graph). */
    public int trainEdges() {
        return userItems.length;
    }

    /** Train degree of each item. */
    public int[] itemDegrees() {
        int[] degrees = new int[items];
        for (int item : userItems) {
            degrees[item]++;
        }
        return degrees;
    }

    /** Whether {@code item} is a train item of {@code user} (binary search in the user's sorted row). */
    public boolean isTrainItem(int user, int item) {
        return Arrays.binarySearch(userItems, userOffsets[user], userOffsets[user + 1], item) >= 0;
    }

    /** The user of each train edge, in CSR order. */
    public int[] edgeUsers() {
        int[] edgeUsers = new int[userItems.length];
        for (int u = 0; u < users; u++) {
            Arrays.fill(edgeUsers, userOffsets[u], userOffsets[u + 1], u);
        }
        return edgeUsers;
    }
}
