package org.graphrec.propagation.trained;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.graphrec.core.Csr;

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
 * @param itemGroups  item memberships such as brands or categories, each an extra weighted item–item graph of the
 *                    multimodal mode (items sharing groups are neighbours); empty = none
 */
public record TrainingGraph(int users, int items, int[] userOffsets, int[] userItems, int[][] validItems,
                            int[][] testItems, List<Modality> modalities, List<ItemGroups> itemGroups) {

    /** Without item groups. */
    public TrainingGraph(int users, int items, int[] userOffsets, int[] userItems, int[][] validItems,
                         int[][] testItems, List<Modality> modalities) {
        this(users, items, userOffsets, userItems, validItems, testItems, modalities, List.of());
    }

    /**
     * Item memberships as CSR item → group ids (e.g. MADE_BY brands, IN_CATEGORY categories); items without a
     * group have an empty row.
     *
     * @param name    label for progress ("brand", "category")
     * @param groups  number of distinct groups (ids 0..groups-1)
     * @param offsets CSR offsets, length items + 1
     * @param members CSR group ids of each item
     * @param weight  weight of this graph in the sum of item–item graphs (before the sum is normalised to 1)
     */
    public record ItemGroups(String name, int groups, int[] offsets, int[] members, double weight) {
        public ItemGroups {
            Objects.requireNonNull(name, "name");
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("group weight must be finite and ≥ 0, got " + weight);
            }
            if (offsets.length == 0 || offsets[0] != 0 || offsets[offsets.length - 1] != members.length) {
                throw new IllegalArgumentException("group offsets must start at 0 and end at members.length");
            }
            for (int g : members) {
                if (g < 0 || g >= groups) {
                    throw new IllegalArgumentException(name + ": group id " + g + " outside [0, " + groups + ")");
                }
            }
        }
    }

    /** The same graph with the given item groups. */
    public TrainingGraph withItemGroups(List<ItemGroups> groups) {
        return new TrainingGraph(users, items, userOffsets, userItems, validItems, testItems, modalities, groups);
    }

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
        itemGroups = List.copyOf(itemGroups);
        for (ItemGroups g : itemGroups) {
            if (g.offsets().length != items + 1) {
                throw new IllegalArgumentException("item groups " + g.name() + " need offsets of length items+1 = "
                        + (items + 1) + ", got " + g.offsets().length);
            }
        }
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

    /** The train interactions as a users × items matrix (the arrays are shared, not copied). */
    public Csr train() {
        return new Csr(users, items, userOffsets, userItems, null);
    }

    /** Per-user item lists ({@link #validItems()}, {@link #testItems()}) as a users × items matrix, rows sorted. */
    public Csr matrix(int[][] perUser) {
        int count = 0;
        for (int[] row : perUser) {
            count += row.length;
        }
        int[] r = new int[count];
        int[] c = new int[count];
        int e = 0;
        for (int u = 0; u < perUser.length; u++) {
            for (int item : perUser[u]) {
                r[e] = u;
                c[e++] = item;
            }
        }
        return Csr.fromCoordinates(users, items, r, c, null, count);
    }
}
