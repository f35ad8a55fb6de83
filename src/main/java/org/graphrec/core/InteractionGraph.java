package org.graphrec.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The heterogeneous graph in compact in-memory form, shared by every propagation mode and the evaluator: dense int
 * indices for users, items, brands and categories (with the id arrays to map back), the train interactions as CSR in
 * both directions, the valid and test interactions per user, item→brand and item→category memberships, and the item
 * modality vectors. Only {@link #train()} is used for learning.
 */
public final class InteractionGraph {

    /** Which part of the interactions a relationship belongs to. */
    public enum Split {
        TRAIN, VALID, TEST;

        /** The split named by the {@code INTERACTED.split} property ({@code train}, {@code valid}, {@code test}). */
        public static Split parse(String value) {
            return switch (value == null ? "" : value.toLowerCase()) {
                case "train" -> TRAIN;
                case "valid", "validation" -> VALID;
                case "test" -> TEST;
                default -> null;
            };
        }

        public String label() {
            return name().toLowerCase();
        }
    }

    private final String[] userIds;
    private final String[] itemIds;
    private final String[] brandNames;
    private final String[] categoryNames;
    private final Csr train;
    private final Csr trainByItem;
    private final Csr valid;
    private final Csr test;
    private final Csr itemBrands;
    private final Csr itemCategories;
    private final List<ModalityMatrix> modalities;

    private InteractionGraph(String[] userIds, String[] itemIds, String[] brandNames, String[] categoryNames,
                             Csr train, Csr valid, Csr test, Csr itemBrands, Csr itemCategories,
                             List<ModalityMatrix> modalities) {
        this.userIds = userIds;
        this.itemIds = itemIds;
        this.brandNames = brandNames;
        this.categoryNames = categoryNames;
        this.train = train;
        this.trainByItem = train.transpose();
        this.valid = valid;
        this.test = test;
        this.itemBrands = itemBrands;
        this.itemCategories = itemCategories;
        this.modalities = List.copyOf(modalities);
    }

    public int users() {
        return userIds.length;
    }

    public int items() {
        return itemIds.length;
    }

    public String userId(int user) {
        return userIds[user];
    }

    public String itemId(int item) {
        return itemIds[item];
    }

    public String[] userIds() {
        return userIds;
    }

    public String[] itemIds() {
        return itemIds;
    }

    public String[] brandNames() {
        return brandNames;
    }

    public String[] categoryNames() {
        return categoryNames;
    }

    /** Train interactions, users × items, unweighted. */
    public Csr train() {
        return train;
    }

    /** Train interactions, items × users. */
    public Csr trainByItem() {
        return trainByItem;
    }

    public Csr valid() {
        return valid;
    }

    public Csr test() {
        return test;
    }

    /** The interactions of a held-out split, users × items. */
    public Csr heldOut(Split split) {
        return switch (split) {
            case TRAIN -> train;
            case VALID -> valid;
            case TEST -> test;
        };
    }

    /** Items × brands. */
    public Csr itemBrands() {
        return itemBrands;
    }

    /** Items × categories. */
    public Csr itemCategories() {
        return itemCategories;
    }

    /**
     * The same users, items, memberships and vectors with other interactions (users × items each, rows sorted):
     * how an evaluation protocol re-splits a loaded graph without reloading it.
     */
    public InteractionGraph withInteractions(Csr train, Csr valid, Csr test) {
        for (Csr c : List.of(train, valid, test)) {
            if (c.rows() != users() || c.columns() != items()) {
                throw new IllegalArgumentException("interactions of shape " + c.rows() + " × " + c.columns()
                        + " for a graph of " + users() + " users × " + items() + " items");
            }
        }
        return new InteractionGraph(userIds, itemIds, brandNames, categoryNames, train, valid, test, itemBrands,
                itemCategories, modalities);
    }

    /** The same graph with these modality matrices (indexed like this graph's items) instead of its own. */
    public InteractionGraph withModalities(List<ModalityMatrix> replacement) {
        for (ModalityMatrix m : replacement) {
            if (m.items() != items()) {
                throw new IllegalArgumentException("modality " + m.name() + " has " + m.items() + " rows for "
                        + items() + " items");
            }
        }
        return new InteractionGraph(userIds, itemIds, brandNames, categoryNames, train, valid, test, itemBrands,
                itemCategories, replacement);
    }

    public List<ModalityMatrix> modalities() {
        return modalities;
    }

    /** The modality called {@code name}, or null. */
    public ModalityMatrix modality(String name) {
        for (ModalityMatrix m : modalities) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        return null;
    }

    /** Number of train interactions of each item. */
    public int[] itemPopularity() {
        int[] pop = new int[items()];
        for (int i = 0; i < pop.length; i++) {
            pop[i] = trainByItem.degree(i);
        }
        return pop;
    }

    /** Bytes held by the in-memory graph (arrays only, ids excluded). */
    public long bytes() {
        long b = train.bytes() * 2 + valid.bytes() + test.bytes() + itemBrands.bytes() + itemCategories.bytes();
        for (ModalityMatrix m : modalities) {
            b += 4L * m.vectors().length + m.present().length;
        }
        return b;
    }

    /** One line: sizes. */
    public String describe() {
        return String.format(java.util.Locale.ROOT,
                "%,d users, %,d items, %,d train / %,d valid / %,d test interactions, %,d brands, %,d categories, "
                        + "modalities %s", users(), items(), train.nonZeros(), valid.nonZeros(), test.nonZeros(),
                brandNames.length, categoryNames.length, modalities.stream().map(m -> m.name() + " "
                        + m.presentCount() + "×" + m.dimension()).toList());
    }

    /**
     * Accumulates users, items, interactions, memberships and vectors by id, then builds the compact graph. Not
     * thread-safe. A user–item pair given twice keeps its first split.
     */
    public static final class Builder {
        private final Map<String, Integer> users = new HashMap<>();
        private final Map<String, Integer> items = new HashMap<>();
        private final Map<String, Integer> brands = new HashMap<>();
        private final Map<String, Integer> categories = new HashMap<>();
        private final List<String> userList = new ArrayList<>();
        private final List<String> itemList = new ArrayList<>();
        private final List<String> brandList = new ArrayList<>();
        private final List<String> categoryList = new ArrayList<>();
        private final IntPairs[] interactions = {new IntPairs(), new IntPairs(), new IntPairs()};
        private final IntPairs brandPairs = new IntPairs();
        private final IntPairs categoryPairs = new IntPairs();
        private final Map<String, ModalityVectors> modalityVectors = new LinkedHashMap<>();

        public int user(String id) {
            return intern(users, userList, id);
        }

        public int item(String id) {
            return intern(items, itemList, id);
        }

        public Builder interaction(String userId, String itemId, Split split) {
            interactions[split.ordinal()].add(user(userId), item(itemId));
            return this;
        }

        public Builder brand(String itemId, String brand) {
            brandPairs.add(item(itemId), intern(brands, brandList, brand));
            return this;
        }

        public Builder category(String itemId, String category) {
            categoryPairs.add(item(itemId), intern(categories, categoryList, category));
            return this;
        }

        /** Declares a modality; vectors are added with {@link #vector}. */
        public Builder modality(String name, String property, int dimension) {
            modalityVectors.putIfAbsent(name, new ModalityVectors(name, property, dimension));
            return this;
        }

        /** Sets an item's vector of a declared modality; a wrong length is rejected with the item's id. */
        public Builder vector(String modality, String itemId, float[] vector) {
            ModalityVectors m = modalityVectors.get(modality);
            if (m == null) {
                throw new IllegalArgumentException("modality " + modality + " was not declared");
            }
            if (vector.length != m.dimension) {
                throw new IllegalArgumentException("Item " + itemId + " has a " + modality + " vector of length "
                        + vector.length + ", expected " + m.dimension);
            }
            m.vectors.put(item(itemId), vector);
            return this;
        }

        private static int intern(Map<String, Integer> index, List<String> list, String id) {
            Integer existing = index.get(id);
            if (existing != null) {
                return existing;
            }
            int next = list.size();
            index.put(id, next);
            list.add(id);
            return next;
        }

        public InteractionGraph build() {
            int nu = userList.size();
            int ni = itemList.size();
            // one split per pair: the first one wins
            Csr[] splits = new Csr[3];
            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (int s = 0; s < 3; s++) {
                IntPairs p = interactions[s];
                IntPairs kept = new IntPairs();
                for (int e = 0; e < p.size; e++) {
                    if (seen.add(((long) p.a[e] << 32) | p.b[e])) {
                        kept.add(p.a[e], p.b[e]);
                    }
                }
                splits[s] = Csr.fromCoordinates(nu, ni, kept.a, kept.b, null, kept.size);
            }
            Csr itemBrands = Csr.fromCoordinates(ni, brandList.size(), brandPairs.a, brandPairs.b, null,
                    brandPairs.size);
            Csr itemCategories = Csr.fromCoordinates(ni, categoryList.size(), categoryPairs.a, categoryPairs.b,
                    null, categoryPairs.size);
            List<ModalityMatrix> mods = new ArrayList<>();
            for (ModalityVectors m : modalityVectors.values()) {
                float[] data = new float[ni * m.dimension];
                boolean[] present = new boolean[ni];
                m.vectors.forEach((item, vec) -> {
                    System.arraycopy(vec, 0, data, item * m.dimension, m.dimension);
                    present[item] = true;
                });
                mods.add(new ModalityMatrix(m.name, m.property, m.dimension, data, present));
            }
            return new InteractionGraph(userList.toArray(String[]::new), itemList.toArray(String[]::new),
                    brandList.toArray(String[]::new), categoryList.toArray(String[]::new), splits[0], splits[1],
                    splits[2], itemBrands, itemCategories, mods);
        }
    }

    private static final class ModalityVectors {
        final String name;
        final String property;
        final int dimension;
        final Map<Integer, float[]> vectors = new HashMap<>();

        ModalityVectors(String name, String property, int dimension) {
            this.name = name;
            this.property = property;
            this.dimension = dimension;
        }
    }

    private static final class IntPairs {
        int[] a = new int[16];
        int[] b = new int[16];
        int size;

        void add(int x, int y) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
                b = Arrays.copyOf(b, size * 2);
            }
            a[size] = x;
            b[size] = y;
            size++;
        }
    }
}
