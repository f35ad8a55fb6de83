package org.graphrec.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.neo4j.batchimport.api.InputIterable;
import org.neo4j.batchimport.api.input.Collector;
import org.neo4j.batchimport.api.input.IdType;
import org.neo4j.batchimport.api.input.Input;
import org.neo4j.batchimport.api.input.InputEntityVisitor;
import org.neo4j.batchimport.api.input.PropertySizeCalculator;
import org.neo4j.batchimport.api.input.ReadableGroups;
import org.neo4j.internal.batchimport.input.Groups;

/**
 * A validated {@link Catalogue} as the import engine's {@link Input}: the graph of {@code cypher/README.md} with
 * exactly the nodes, relationships, properties and value types the transactional {@code CatalogueWriter} writes
 * (ids and names as strings, rating as a double, ts as a long, split as a string, vectors as float32 arrays,
 * Modality dimension as a long), plus the run's {@code (:ImportRun)} node.
 *
 * <p>Node ids are graphrec's own ({@link IdType#ACTUAL}): users first, then items, brands, categories,
 * modalities and the run, so relationships need no id lookup at all.
 */
public final class CatalogueInput implements Input {

    private final Catalogue catalogue;
    private final Map<String, Object> runProperties;
    private final int users;
    private final int items;
    private final List<String> brands = new ArrayList<>();
    private final List<String> categories = new ArrayList<>();
    private final int[] madeByItem;
    private final int[] madeByBrand;
    private final int[] inCategoryItem;
    private final int[] inCategoryCategory;
    private final List<EmbeddingSource> modalities;
    private final float[][][] vectors;
    private final long[] vectorCounts;
    private final long[] nodeStart;
    private final long[] relationshipStart;
    private final AtomicLong nodesHandedOut = new AtomicLong();
    private final AtomicLong relationshipsHandedOut = new AtomicLong();

    /**
     * Indexes the catalogue (brands, categories, one copy of every vector) for the engine's random access.
     *
     * @param runProperties the ImportRun node's properties
     */
    public CatalogueInput(Catalogue catalogue, Map<String, Object> runProperties) {
        this.catalogue = catalogue;
        this.runProperties = Map.copyOf(runProperties);
        this.users = catalogue.users().size();
        this.items = catalogue.items().size();
        Map<String, Integer> brandIndex = new LinkedHashMap<>();
        Map<String, Integer> categoryIndex = new LinkedHashMap<>();
        int madeBy = 0;
        int inCategory = 0;
        for (ItemRecord item : catalogue.items()) {
            if (item.brand() != null) {
                madeBy++;
                brandIndex.computeIfAbsent(item.brand(), b -> brandIndex.size());
            }
            for (String c : item.categories()) {
                inCategory++;
                categoryIndex.computeIfAbsent(c, k -> categoryIndex.size());
            }
        }
        brands.addAll(brandIndex.keySet());
        categories.addAll(categoryIndex.keySet());
        madeByItem = new int[madeBy];
        madeByBrand = new int[madeBy];
        inCategoryItem = new int[inCategory];
        inCategoryCategory = new int[inCategory];
        madeBy = 0;
        inCategory = 0;
        for (int i = 0; i < items; i++) {
            ItemRecord item = catalogue.items().get(i);
            if (item.brand() != null) {
                madeByItem[madeBy] = i;
                madeByBrand[madeBy++] = brandIndex.get(item.brand());
            }
            for (String c : item.categories()) {
                inCategoryItem[inCategory] = i;
                inCategoryCategory[inCategory++] = categoryIndex.get(c);
            }
        }
        modalities = catalogue.embeddings();
        vectors = new float[modalities.size()][][];
        vectorCounts = new long[modalities.size()];
        for (int m = 0; m < modalities.size(); m++) {
            float[][] byItem = new float[items][];
            long[] n = {0};
            modalities.get(m).forEach((item, vector) -> {
                byItem[item] = vector.clone();
                n[0]++;
            });
            vectors[m] = byItem;
            vectorCounts[m] = n[0];
        }
        nodeStart = starts(users, items, brands.size(), categories.size(), modalities.size(), 1);
        relationshipStart = starts(madeByItem.length, inCategoryItem.length, catalogue.interactions().size());
    }

    private static long[] starts(long... counts) {
        long[] start = new long[counts.length + 1];
        for (int k = 0; k < counts.length; k++) {
            start[k + 1] = start[k] + counts[k];
        }
        return start;
    }

    /** Nodes the import writes. */
    public long nodeCount() {
        return nodeStart[nodeStart.length - 1];
    }

    /** Relationships the import writes. */
    public long relationshipCount() {
        return relationshipStart[relationshipStart.length - 1];
    }

    /** Nodes handed to the engine so far (progress). */
    AtomicLong nodesHandedOut() {
        return nodesHandedOut;
    }

    /** Relationships handed to the engine so far (progress). */
    AtomicLong relationshipsHandedOut() {
        return relationshipsHandedOut;
    }

    /**
     * What the import writes, per label, relationship type and vector property, named and ordered as the
     * transactional writer reports them (every row creates its node or relationship: the store was empty).
     */
    public List<LabelCount> counts() {
        List<LabelCount> out = new ArrayList<>();
        addCount(out, "User", users);
        addCount(out, "Item", items);
        addCount(out, "Brand", brands.size());
        addCount(out, "Category", categories.size());
        addCount(out, "MADE_BY", madeByItem.length);
        addCount(out, "IN_CATEGORY", inCategoryItem.length);
        addCount(out, "INTERACTED", catalogue.interactions().size());
        for (int m = 0; m < modalities.size(); m++) {
            out.add(new LabelCount(modalities.get(m).property(), vectorCounts[m], 0, vectorCounts[m]));
            if (m == 0) {
                addCount(out, "Modality", modalities.size()); // first counted after the first modality's vectors
            }
        }
        return out;
    }

    private static void addCount(List<LabelCount> out, String name, long n) {
        if (n > 0) {
            out.add(new LabelCount(name, n, n, 0));
        }
    }

    @Override
    public InputIterable nodes(Collector collector) {
        return new RangeInput(nodeCount(), this::node, nodesHandedOut);
    }

    @Override
    public InputIterable relationships(Collector collector) {
        return new RangeInput(relationshipCount(), this::relationship, relationshipsHandedOut);
    }

    private void node(long id, InputEntityVisitor v) {
        v.id(id);
        int segment = segment(nodeStart, id);
        int k = (int) (id - nodeStart[segment]);
        switch (segment) {
            case 0 -> {
                v.labels(new String[] {"User"});
                v.property("id", catalogue.users().get(k));
            }
            case 1 -> item(k, v);
            case 2 -> {
                v.labels(new String[] {"Brand"});
                v.property("name", brands.get(k));
            }
            case 3 -> {
                v.labels(new String[] {"Category"});
                v.property("name", categories.get(k));
            }
            case 4 -> {
                EmbeddingSource source = modalities.get(k);
                v.labels(new String[] {"Modality"});
                v.property("name", source.modality());
                v.property("property", source.property());
                v.property("dimension", (long) source.dimension());
                // vectors read from files: the transactional writer records the same encoder (search refuses to
                // mix them with MiniLM query vectors)
                v.property("encoders", new String[] {CatalogueWriter.EXTERNAL_ENCODER});
            }
            default -> {
                v.labels(new String[] {"ImportRun"});
                runProperties.forEach(v::property);
            }
        }
    }

    private void item(int k, InputEntityVisitor v) {
        ItemRecord item = catalogue.items().get(k);
        v.labels(new String[] {"Item"});
        v.property("id", item.id());
        if (item.title() != null) {
            v.property("title", item.title());
        }
        if (item.description() != null) {
            v.property("description", item.description());
        }
        for (int m = 0; m < modalities.size(); m++) {
            float[] vector = vectors[m][k];
            if (vector != null) {
                v.property(modalities.get(m).property(), vector);
            }
        }
    }

    private void relationship(long index, InputEntityVisitor v) {
        int segment = segment(relationshipStart, index);
        int k = (int) (index - relationshipStart[segment]);
        switch (segment) {
            case 0 -> {
                v.startId(users + madeByItem[k]);
                v.endId(users + items + madeByBrand[k]);
                v.type("MADE_BY");
            }
            case 1 -> {
                v.startId(users + inCategoryItem[k]);
                v.endId(users + items + brands.size() + inCategoryCategory[k]);
                v.type("IN_CATEGORY");
            }
            default -> interaction(k, v);
        }
    }

    private void interaction(int k, InputEntityVisitor v) {
        Interactions rows = catalogue.interactions();
        v.startId(rows.user(k));
        v.endId(users + rows.item(k));
        v.type("INTERACTED");
        float rating = rows.rating(k);
        if (!Float.isNaN(rating)) {
            v.property("rating", (double) rating);
        }
        long ts = rows.timestamp(k);
        if (ts != Interactions.NO_TIMESTAMP) {
            v.property("ts", ts);
        }
        Split split = rows.split(k);
        if (split != null) {
            v.property("split", split.graphValue());
        }
    }

    /** The segment holding {@code index}: the last one whose start is not after it (segments are few). */
    private static int segment(long[] start, long index) {
        int s = 0;
        while (s + 2 < start.length && start[s + 1] <= index) {
            s++;
        }
        return s;
    }

    @Override
    public IdType idType() {
        return IdType.ACTUAL;
    }

    @Override
    public ReadableGroups groups() {
        return new Groups();
    }

    @Override
    public Estimates validateAndEstimate(PropertySizeCalculator sizes) {
        long vectorsTotal = 0;
        long vectorBytes = 0;
        for (int m = 0; m < modalities.size(); m++) {
            vectorsTotal += vectorCounts[m];
            vectorBytes += vectorCounts[m] * (4L * modalities.get(m).dimension() + 16);
        }
        long nodeProperties = nodeCount() + items + vectorsTotal + 3L * modalities.size() + runProperties.size();
        long relationshipProperties = 3L * catalogue.interactions().size();
        return Input.knownEstimates(nodeCount(), relationshipCount(), nodeProperties, relationshipProperties,
                nodeProperties * 16 + vectorBytes, relationshipProperties * 8, nodeCount());
    }
}
