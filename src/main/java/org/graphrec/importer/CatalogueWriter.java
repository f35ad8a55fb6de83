package org.graphrec.importer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.graphrec.graph.GraphConnection;
import org.graphrec.progress.ProgressTracker;
import org.neo4j.driver.summary.ResultSummary;

/**
 * Writes a validated {@link Catalogue} into the graph of {@code cypher/README.md} in batched, parameterised
 * {@code UNWIND … MERGE} transactions (the same graph through {@link InProcessCatalogueWriter} when embedded):
 * nodes (User, Item, Brand, Category), relationships found by id through the uniqueness constraints' indexes
 * (MADE_BY, IN_CATEGORY, INTERACTED), vectors (float32) and Modality nodes.
 *
 * <p>Every statement is idempotent: writing the same catalogue again changes nothing, and a write interrupted
 * after some batches completes correctly when run again. An INTERACTED relationship takes a row's rating, ts
 * and split only when the row is not older than what the relationship holds. An item's MADE_BY follows the
 * latest import (an item has one brand); attributes absent in the input are left as they are.
 */
public final class CatalogueWriter {

    /**
     * Writer settings.
     *
     * @param nodeBatch        nodes per transaction
     * @param relationshipBatch relationships per transaction
     * @param vectorBatch      vectors per transaction
     * @param failAfterBatches for tests: throw after this many batches (-1: never)
     */
    public record Options(int nodeBatch, int relationshipBatch, int vectorBatch, int failAfterBatches) {
        public static Options defaults() {
            return new Options(20_000, 20_000, 2_000, -1);
        }

        public Options failingAfter(int batches) {
            return new Options(nodeBatch, relationshipBatch, vectorBatch, batches);
        }
    }

    /** Thrown by the test hook {@link Options#failAfterBatches()}. */
    public static final class InjectedFailure extends RuntimeException {
        InjectedFailure(int batches) {
            super("injected failure after " + batches + " batches");
        }
    }

    private final GraphConnection graph;
    private final Options options;
    private final ProgressTracker progress;
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private int batches;
    private InProcessCatalogueWriter inProcessWriter;

    public CatalogueWriter(GraphConnection graph, Options options, ProgressTracker progress) {
        this.graph = graph;
        this.options = options;
        this.progress = progress;
    }

    /** Counts per label / type / vector property, in writing order. */
    public List<LabelCount> counts() {
        List<LabelCount> out = new ArrayList<>();
        counts.forEach((name, c) -> out.add(new LabelCount(name, c[0], c[1], c[0] - c[1])));
        return out;
    }

    /** Batches committed so far. */
    public int batches() {
        return batches;
    }

    /** Writes users, items, brands, categories and their relationships, interactions and vectors. */
    public void write(Catalogue catalogue, TextEmbedder embedder) {
        writeUsers(catalogue);
        writeItems(catalogue);
        writeBrandsAndCategories(catalogue);
        writeInteractions(catalogue);
        for (EmbeddingSource source : catalogue.embeddings()) {
            writeVectors(source, catalogue);
        }
        if (embedder != null) {
            writeTextEmbeddings(catalogue, embedder);
        }
    }

    private void writeUsers(Catalogue catalogue) {
        List<String> users = catalogue.users();
        InProcessCatalogueWriter inProcess = inProcess();
        progress.begin("write users", users.size());
        try {
            for (int from = 0; from < users.size(); from += options.nodeBatch()) {
                List<String> batch = users.subList(from, Math.min(users.size(), from + options.nodeBatch()));
                add("User", batch.size(), inProcess != null ? inProcess.merge("User", batch, null)
                        : run("UNWIND $ids AS id MERGE (:User {id: id})", Map.of("ids", batch))
                        .counters().nodesCreated());
                progress.advance(batch.size());
            }
        } finally {
            progress.end();
        }
    }

    private void writeItems(Catalogue catalogue) {
        List<ItemRecord> items = catalogue.items();
        InProcessCatalogueWriter inProcess = inProcess();
        progress.begin("write items", items.size());
        try {
            for (int from = 0; from < items.size(); from += options.nodeBatch()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (ItemRecord item : items.subList(from, Math.min(items.size(), from + options.nodeBatch()))) {
                    Map<String, Object> props = new HashMap<>();
                    props.put("title", item.title());
                    props.put("description", item.description());
                    props.values().removeIf(java.util.Objects::isNull); // absent attributes are left as they are
                    rows.add(Map.of("id", item.id(), "props", props));
                }
                add("Item", rows.size(), inProcess != null ? inProcess.merge("Item", null, rows)
                        : run("UNWIND $rows AS row MERGE (i:Item {id: row.id}) SET i += row.props",
                        Map.of("rows", rows)).counters().nodesCreated());
                progress.advance(rows.size());
            }
        } finally {
            progress.end();
        }
    }

    private void writeBrandsAndCategories(Catalogue catalogue) {
        Set<String> brands = new LinkedHashSet<>();
        Set<String> categories = new LinkedHashSet<>();
        List<Map<String, Object>> madeBy = new ArrayList<>();
        List<Map<String, Object>> inCategory = new ArrayList<>();
        for (ItemRecord item : catalogue.items()) {
            if (item.brand() != null) {
                brands.add(item.brand());
                madeBy.add(Map.of("id", item.id(), "name", item.brand()));
            }
            for (String c : item.categories()) {
                categories.add(c);
                inCategory.add(Map.of("id", item.id(), "name", c));
            }
        }
        if (brands.isEmpty() && categories.isEmpty()) {
            return;
        }
        mergeNames("Brand", "UNWIND $names AS name MERGE (:Brand {name: name})", List.copyOf(brands));
        mergeNames("Category", "UNWIND $names AS name MERGE (:Category {name: name})", List.copyOf(categories));
        var inProcess = inProcess();
        if (inProcess != null) {
            inProcess.links("MADE_BY", "Brand", true, madeBy, options.relationshipBatch());
            inProcess.links("IN_CATEGORY", "Category", false, inCategory, options.relationshipBatch());
            return;
        }
        relationships("MADE_BY", List.of("""
                UNWIND $rows AS row
                MATCH (i:Item {id: row.id})
                MATCH (b:Brand {name: row.name})
                MERGE (i)-[:MADE_BY]->(b)
                WITH i, b
                OPTIONAL MATCH (i)-[old:MADE_BY]->(other) WHERE other <> b
                DELETE old
                """), madeBy);
        // `other` has no label on purpose: with (other:Brand) the planner could start from the Brand label and test
        // every brand against every row; on a fresh store both plans cost ~0 and the cached one decided whether a
        // batch took 4 s or 40 s (docs/scale.md). Unlabelled, it can only expand from the item.
        relationships("IN_CATEGORY", List.of("""
                UNWIND $rows AS row
                MATCH (i:Item {id: row.id})
                WHERE NOT EXISTS { (i)-[:IN_CATEGORY]->(:Category {name: row.name}) }
                MATCH (c:Category {name: row.name})
                CREATE (i)-[:IN_CATEGORY]->(c)
                """), inCategory);
    }

    private static double[] doubles(float[] vector) {
        return java.util.stream.IntStream.range(0, vector.length).mapToDouble(c -> vector[c]).toArray();
    }

    /** The core-API writer on the embedded store (one per import: it caches node ids), or null over the driver. */
    private InProcessCatalogueWriter inProcess() {
        return inProcessWriter != null ? inProcessWriter : (inProcessWriter = graph.inProcessWrites()
                .map(w -> new InProcessCatalogueWriter(w, this, progress)).orElse(null));
    }

    private void mergeNames(String label, String query, List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        progress.begin("write " + label.toLowerCase() + " nodes", names.size());
        try {
            for (int from = 0; from < names.size(); from += options.nodeBatch()) {
                List<String> batch = names.subList(from, Math.min(names.size(), from + options.nodeBatch()));
                ResultSummary s = run(query, Map.of("names", batch));
                add(label, batch.size(), s.counters().nodesCreated());
                progress.advance(batch.size());
            }
        } finally {
            progress.end();
        }
    }

    /** Runs {@code queries} in order over each batch of {@code rows}, all of a batch in one transaction. */
    private void relationships(String type, List<String> queries, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        progress.begin("write " + type, rows.size());
        try {
            for (int from = 0; from < rows.size(); from += options.relationshipBatch()) {
                List<Map<String, Object>> batch = rows.subList(from, Math.min(rows.size(),
                        from + options.relationshipBatch()));
                long created = runInTransaction(tx -> {
                    long c = 0;
                    for (String query : queries) {
                        c += tx.run(query, Map.of("rows", batch)).consume().counters().relationshipsCreated();
                    }
                    return c;
                });
                add(type, batch.size(), created);
                progress.advance(batch.size());
            }
        } finally {
            progress.end();
        }
    }

    /**
     * Interactions in batches of whole users (a user's rows as parallel lists: cheaper to send than a map per
     * row, and one user lookup per user). In each batch's transaction, users that have no INTERACTED
     * relationship yet get theirs with CREATE (all their pairs are new: the catalogue holds each pair once);
     * the others go through MERGE, which keeps a stored relationship's values unless the row is not older.
     */
    private void writeInteractions(Catalogue catalogue) {
        Interactions rows = catalogue.interactions();
        List<String> userIds = catalogue.users();
        List<ItemRecord> items = catalogue.items();
        String create = """
                UNWIND $rows AS row
                MATCH (u:User {id: row.u})
                UNWIND range(0, size(row.i) - 1) AS k
                MATCH (i:Item {id: row.i[k]})
                CREATE (u)-[:INTERACTED {rating: row.r[k], ts: row.t[k], split: row.s[k]}]->(i)
                """;
        String merge = """
                UNWIND $rows AS row
                MATCH (u:User {id: row.u})
                UNWIND range(0, size(row.i) - 1) AS k
                MATCH (i:Item {id: row.i[k]})
                MERGE (u)-[r:INTERACTED]->(i)
                ON CREATE SET r.rating = row.r[k], r.ts = row.t[k], r.split = row.s[k]
                ON MATCH SET r += CASE WHEN r.ts IS NULL OR row.t[k] IS NULL OR row.t[k] >= r.ts
                                  THEN {rating: row.r[k], ts: row.t[k], split: row.s[k]} ELSE {} END
                """;
        int n = rows.size();
        int userCount = userIds.size();
        InProcessCatalogueWriter inProcess = inProcess();
        progress.begin("write interactions", n);
        try {
            int user = 0;
            while (inProcess != null && user < userCount) {
                int first = user;
                while (user < userCount && (user == first || rows.userStart(user) - rows.userStart(first)
                        < options.relationshipBatch())) {
                    user++;
                }
                int batchRows = rows.userStart(user) - rows.userStart(first);
                add("INTERACTED", batchRows, inProcess.interactions(rows, userIds, items, first, user));
                progress.advance(batchRows);
            }
            while (user < userCount) {
                List<Map<String, Object>> batch = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                int batchRows = 0;
                while (user < userCount && (batchRows == 0 || batchRows < options.relationshipBatch())) {
                    int from = rows.userStart(user);
                    int to = rows.userStart(user + 1);
                    if (to > from) {
                        List<String> i = new ArrayList<>(to - from);
                        List<Object> r = new ArrayList<>(to - from);
                        List<Object> t = new ArrayList<>(to - from);
                        List<String> s = new ArrayList<>(to - from);
                        for (int k = from; k < to; k++) {
                            i.add(items.get(rows.item(k)).id());
                            float rating = rows.rating(k);
                            r.add(Float.isNaN(rating) ? null : (double) rating);
                            long ts = rows.timestamp(k);
                            t.add(ts == Interactions.NO_TIMESTAMP ? null : ts);
                            Split split = rows.split(k);
                            s.add(split == null ? null : split.graphValue());
                        }
                        Map<String, Object> row = new HashMap<>();
                        row.put("u", userIds.get(user));
                        row.put("i", i);
                        row.put("r", r);
                        row.put("t", t);
                        row.put("s", s);
                        batch.add(row);
                        ids.add(userIds.get(user));
                        batchRows += to - from;
                    }
                    user++;
                }
                if (batch.isEmpty()) {
                    continue;
                }
                long created = runInTransaction(tx -> {
                    Set<String> withRelationships = new java.util.HashSet<>(tx.run("""
                            UNWIND $ids AS id
                            MATCH (u:User {id: id}) WHERE EXISTS { (u)-[:INTERACTED]->() }
                            RETURN u.id AS id
                            """, Map.of("ids", ids)).list(r -> r.get("id").asString()));
                    List<Map<String, Object>> fresh = new ArrayList<>();
                    List<Map<String, Object>> known = new ArrayList<>();
                    for (Map<String, Object> row : batch) {
                        (withRelationships.contains((String) row.get("u")) ? known : fresh).add(row);
                    }
                    long c = 0;
                    if (!fresh.isEmpty()) {
                        c += tx.run(create, Map.of("rows", fresh)).consume().counters().relationshipsCreated();
                    }
                    if (!known.isEmpty()) {
                        c += tx.run(merge, Map.of("rows", known)).consume().counters().relationshipsCreated();
                    }
                    return c;
                });
                add("INTERACTED", batchRows, created);
                progress.advance(batchRows);
            }
        } finally {
            progress.end();
        }
    }

    private void writeVectors(EmbeddingSource source, Catalogue catalogue) {
        String query = """
                UNWIND $rows AS row
                MATCH (i:Item {id: row.id})
                CALL db.create.setNodeVectorProperty(i, $property, row.vector)
                """;
        progress.begin("write " + source.modality() + " vectors", source.vectors());
        List<Map<String, Object>> batch = new ArrayList<>();
        InProcessCatalogueWriter inProcess = inProcess();
        try {
            if (inProcess != null) {
                inProcess.vectors(source, catalogue.items(), options.nodeBatch());
            } else {
                source.forEach((item, vector) -> {
                    batch.add(Map.of("id", catalogue.items().get(item).id(), "vector", doubles(vector)));
                    if (batch.size() == options.vectorBatch()) {
                        flushVectors(query, source.property(), batch);
                        batch.clear();
                    }
                });
            }
            if (!batch.isEmpty()) {
                flushVectors(query, source.property(), batch);
            }
        } finally {
            progress.end();
        }
        writeModality(source.modality(), source.property(), source.dimension(), null);
        addEncoder(source.modality(), EXTERNAL_ENCODER);
    }

    private void flushVectors(String query, String property, List<Map<String, Object>> batch) {
        run(query, Map.of("rows", List.copyOf(batch), "property", property));
        add(property, batch.size(), 0);
        progress.advance(batch.size());
    }

    private void writeModality(String name, String property, int dimension, String model) {
        Map<String, Object> params = new HashMap<>();
        params.put("name", name);
        params.put("property", property);
        params.put("dimension", dimension);
        params.put("model", model);
        ResultSummary s = run("""
                MERGE (m:Modality {name: $name})
                SET m.property = $property, m.dimension = $dimension
                FOREACH (_ IN CASE WHEN $model IS NULL THEN [] ELSE [1] END | SET m.model = $model)
                """, params);
        add("Modality", 1, s.counters().nodesCreated());
    }

    /**
     * Records on the modality's node which encoders made its vectors: {@code m.encoders}, in order of first use,
     * without repeats, so that search can refuse to compare a query encoded by one model with vectors of another.
     */
    private void addEncoder(String modality, String encoder) {
        run("""
                MATCH (m:Modality {name: $name})
                WITH m, coalesce(m.encoders, []) AS known
                SET m.encoders = CASE WHEN $encoder IN known THEN known ELSE known + $encoder END
                """, Map.of("name", modality, "encoder", encoder));
    }

    /**
     * Embeds title + description of items with text but no text vector, neither in this catalogue nor already in
     * the graph (so a re-run after an interruption continues where it stopped).
     */
    void writeTextEmbeddings(Catalogue catalogue, TextEmbedder embedder) {
        Set<Integer> covered = new java.util.HashSet<>();
        for (EmbeddingSource e : catalogue.embeddings()) {
            if (e.modality().equals("text")) {
                e.forEach((item, vector) -> covered.add(item));
            }
        }
        List<String> candidates = new ArrayList<>();
        for (int k = 0; k < catalogue.items().size(); k++) {
            ItemRecord item = catalogue.items().get(k);
            if (item.hasText() && !covered.contains(k)) {
                candidates.add(item.id());
            }
        }
        Set<String> missing = new LinkedHashSet<>();
        for (int from = 0; from < candidates.size(); from += options.nodeBatch()) {
            List<String> batch = candidates.subList(from, Math.min(candidates.size(), from + options.nodeBatch()));
            missing.addAll(graph.read(tx -> tx.run("""
                    UNWIND $ids AS id
                    MATCH (i:Item {id: id}) WHERE i.textEmbedding IS NULL
                    RETURN i.id AS id
                    """, Map.of("ids", batch)).list(r -> r.get("id").asString())));
        }
        Map<String, ItemRecord> byId = new HashMap<>();
        for (ItemRecord item : catalogue.items()) {
            byId.put(item.id(), item);
        }
        String query = """
                UNWIND $rows AS row
                MATCH (i:Item {id: row.id})
                CALL db.create.setNodeVectorProperty(i, 'textEmbedding', row.vector)
                """;
        progress.begin("embed item texts (" + embedder.model() + ")", missing.size());
        try {
            List<String> ids = List.copyOf(missing);
            int chunk = 64;
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int from = 0; from < ids.size(); from += chunk) {
                List<String> part = ids.subList(from, Math.min(ids.size(), from + chunk));
                List<float[]> vectors = embedder.embed(part.stream().map(id -> byId.get(id).text()).toList());
                for (int k = 0; k < part.size(); k++) {
                    batch.add(Map.of("id", part.get(k), "vector", doubles(vectors.get(k))));
                }
                if (batch.size() >= 1024 || from + chunk >= ids.size()) {
                    run(query, Map.of("rows", List.copyOf(batch)));
                    add("textEmbedding (embedded)", batch.size(), 0);
                    batch.clear();
                }
                progress.advance(part.size());
            }
        } finally {
            progress.end();
        }
        if (!candidates.isEmpty()) {
            writeModality("text", "textEmbedding", embedder.dimension(), embedder.model());
            addEncoder("text", embedder.model());
        }
    }

    /** The encoder name recorded for vectors read from files (their model is unknown). */
    public static final String EXTERNAL_ENCODER = "external";

    private ResultSummary run(String query, Map<String, Object> params) {
        return runInTransaction(tx -> tx.run(query, params).consume());
    }

    /** One batch: a retrying write transaction, counted (and failing on purpose when a test asks). */
    private <T> T runInTransaction(org.neo4j.driver.TransactionCallback<T> work) {
        beforeBatch();
        T result = graph.write(work);
        afterBatch();
        return result;
    }

    /** Before every batch of either path: the test hook {@link Options#failAfterBatches()}. */
    void beforeBatch() {
        if (options.failAfterBatches() >= 0 && batches >= options.failAfterBatches()) {
            throw new InjectedFailure(batches);
        }
    }

    /** After every committed batch of either path: counted; fault tests kill the JVM after the first. */
    void afterBatch() {
        batches++;
        if (batches == 1) {
            org.graphrec.jobs.Faults.pause("import");
        }
    }

    void add(String name, long rows, long created) {
        long[] c = counts.computeIfAbsent(name, k -> new long[2]);
        c[0] += rows;
        c[1] += created;
    }
}
