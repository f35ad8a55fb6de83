package org.graphrec.procedures;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.NotFoundException;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;
import org.neo4j.logging.Log;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;

/**
 * Exact serving inside Neo4j: {@code graphrec.recommend} ranks every item by the model's dot product with the
 * user's fused embedding, {@code graphrec.similar} every item by cosine with an item's fused or modality vector.
 * Both scan an in-memory copy of the item vectors ({@link ItemVectorCache}) instead of asking an approximate
 * vector index, so they never miss a true top-K item, and both read the published version from the
 * {@code (:PublishedVersion {name: 'fused'})} pointer in the caller's transaction, so one call sees one version.
 */
public class ServingProcedures {

    /** Largest k a call may ask for. */
    public static final int MAX_K = 1000;
    /** Default weight of the user's score in {@code graphrec.search}. */
    public static final double DEFAULT_SEARCH_PERSONAL = SearchRanking.DEFAULT_PERSONAL;
    private static final int SPARE = 8;
    private static final Label USER = Label.label("User");
    private static final Label BRAND = Label.label("Brand");
    private static final Label CATEGORY = Label.label("Category");
    private static final Label MODALITY = Label.label("Modality");
    private static final Label POINTER = Label.label("PublishedVersion");
    private static final Label IMPORT_RUN = Label.label("ImportRun");
    private static final RelationshipType INTERACTED = RelationshipType.withName("INTERACTED");
    private static final RelationshipType MADE_BY = RelationshipType.withName("MADE_BY");
    private static final RelationshipType IN_CATEGORY = RelationshipType.withName("IN_CATEGORY");
    private static final List<String> RECOMMEND_OPTIONS = List.of("excludeSeen", "brand", "category");
    private static final List<String> SIMILAR_OPTIONS = List.of("excludeSeenBy", "brand", "category", "exact");
    private static final List<String> SEARCH_OPTIONS = List.of("user", "k", "brand", "category", "personal",
            "excludeSeen");

    @Context
    public Transaction tx;

    @Context
    public GraphDatabaseService db;

    @Context
    public Log log;

    /** One recommended item. */
    public static final class Recommendation {
        public long rank;
        public String itemId;
        public Node item;
        public double score;
        public long version;

        Recommendation(long rank, String itemId, Node item, double score, long version) {
            this.rank = rank;
            this.itemId = itemId;
            this.item = item;
            this.score = score;
            this.version = version;
        }
    }

    /** One similar item. */
    public static final class SimilarItem {
        public long rank;
        public String itemId;
        public Node item;
        public double similarity;
        /** The published embedding version for fused similarity; null for a modality's own vectors. */
        public Long version;
        /** False when the catalogue's inverted file answered (exact scores, calibrated recall; options.exact). */
        public boolean exact;

        SimilarItem(long rank, String itemId, Node item, double similarity, Long version, boolean exact) {
            this.rank = rank;
            this.itemId = itemId;
            this.item = item;
            this.similarity = similarity;
            this.version = version;
            this.exact = exact;
        }
    }

    /** One search hit. */
    public static final class SearchHit {
        public long rank;
        public String itemId;
        public Node item;
        public double score;
        public double textSimilarity;
        public Double personalScore;
        public Long version;

        SearchHit(long rank, String itemId, Node item, double score, double textSimilarity, Double personalScore,
                  Long version) {
            this.rank = rank;
            this.itemId = itemId;
            this.item = item;
            this.score = score;
            this.textSimilarity = textSimilarity;
            this.personalScore = personalScore;
            this.version = version;
        }
    }

    /** What {@code graphrec.cache.clear} dropped. */
    public static final class Cleared {
        public long entries;

        Cleared(long entries) {
            this.entries = entries;
        }
    }

    @Procedure(name = "graphrec.recommend", mode = Mode.READ)
    @Description("graphrec.recommend(userId, k = 10, options = {excludeSeen: true, brand: null, category: null}) "
            + ":: (rank, itemId, item, score, version) — the exact top-k items by dot(User.embedding_vN, "
            + "Item.embedding_vN) of the published version N, ties by item id; no rows for an unknown user or one "
            + "without a (non-zero) embedding")
    public Stream<Recommendation> recommend(@Name("userId") String userId,
                                            @Name(value = "k", defaultValue = "10") long k,
                                            @Name(value = "options", defaultValue = "{}") Map<String, Object> options) {
        int n = checkK(k);
        Map<String, Object> opts = checkOptions("graphrec.recommend", options, RECOMMEND_OPTIONS);
        boolean excludeSeen = !Boolean.FALSE.equals(opts.get("excludeSeen"));
        String brand = (String) opts.get("brand");
        String category = (String) opts.get("category");
        Node pointer = tx.findNode(POINTER, "name", "fused");
        Long version = version(pointer);
        Node user = userId == null ? null : tx.findNode(USER, "id", userId);
        if (version == null || user == null) {
            return Stream.empty();
        }
        String property = "embedding_v" + version;
        float[] query = ItemVectorCache.floats(user.getProperty(property, null));
        if (query == null || isZero(query)) {
            return Stream.empty();
        }
        ItemMatrix matrix = ItemVectorCache.get(tx, db.databaseName(), property, publishStamp(pointer), log);
        ItemVectorCache.retain(db.databaseName(), "embedding_v", property);
        int[] candidates = candidates(matrix, brand, category);
        BitSet excluded = new BitSet(matrix.rows());
        if (excludeSeen) {
            excludeSeen(matrix, user, excluded);
        }
        List<Recommendation> out = new ArrayList<>(n);
        for (Found f : verified(matrix, n, ask -> matrix.best(query, ask, true, candidates, r -> !excluded.get(r)))) {
            out.add(new Recommendation(out.size() + 1, f.itemId(), f.node(), f.score(), version));
        }
        return out.stream();
    }

    @Procedure(name = "graphrec.similar", mode = Mode.READ)
    @Description("graphrec.similar(itemId, k = 10, modality = 'fused', options = {excludeSeenBy: null, brand: null, "
            + "category: null, exact: false}) :: (rank, itemId, item, similarity, version, exact) — the top-k items "
            + "by cosine (-1..1) of the item's vector: the published fused embedding or a (:Modality {name}) "
            + "property; the item itself left out, ties by item id; works for items nobody interacted with. Exact, "
            + "except on catalogues "
            + "of 200,000 items or more without brand/category filters, where an inverted file calibrated for "
            + "recall@10 >= 0.97 answers (exact scores, a few items may be missed; column exact false) unless "
            + "options.exact is true")
    public Stream<SimilarItem> similar(@Name("itemId") String itemId,
                                       @Name(value = "k", defaultValue = "10") long k,
                                       @Name(value = "modality", defaultValue = "fused") String modality,
                                       @Name(value = "options", defaultValue = "{}") Map<String, Object> options) {
        int n = checkK(k);
        Map<String, Object> opts = checkOptions("graphrec.similar", options, SIMILAR_OPTIONS);
        boolean exactAsked = exactOption(opts);
        Node item = itemId == null ? null : tx.findNode(ItemVectorCache.ITEM, "id", itemId);
        if (item == null) {
            return Stream.empty();
        }
        String property;
        String stamp;
        Long fusedVersion = null;
        if (modality == null || modality.equals("fused")) {
            Node pointer = tx.findNode(POINTER, "name", "fused");
            Long version = version(pointer);
            if (version == null) {
                return Stream.empty();
            }
            property = "embedding_v" + version;
            stamp = publishStamp(pointer);
            fusedVersion = version;
        } else {
            Node m = tx.findNode(MODALITY, "name", modality);
            if (m == null || !(m.getProperty("property", null) instanceof String p)) {
                return Stream.empty();
            }
            property = p;
            stamp = modalityStamp(m);
        }
        float[] query = ItemVectorCache.floats(item.getProperty(property, null));
        if (query == null) {
            return Stream.empty();
        }
        ItemMatrix matrix = ItemVectorCache.get(tx, db.databaseName(), property, stamp, log);
        if (property.startsWith("embedding_v")) {
            ItemVectorCache.retain(db.databaseName(), "embedding_v", property);
        }
        if (query.length != matrix.dimension()) {
            return Stream.empty();
        }
        BitSet excluded = new BitSet(matrix.rows());
        int self = matrix.row(item.getElementId());
        if (self >= 0) {
            excluded.set(self);
        }
        if (opts.get("excludeSeenBy") instanceof String userId) {
            Node user = tx.findNode(USER, "id", userId);
            if (user != null) {
                excludeSeen(matrix, user, excluded);
            }
        }
        int[] candidates = candidates(matrix, (String) opts.get("brand"), (String) opts.get("category"));
        boolean approximate = !exactAsked && candidates == null;
        boolean[] approximated = {false};
        List<Found> found = verified(matrix, n, ask -> {
            List<ItemMatrix.Hit> hits = approximate
                    ? matrix.approximateBest(query, ask, r -> !excluded.get(r)) : null;
            approximated[0] = hits != null;
            return hits != null ? hits : matrix.best(query, ask, false, candidates, r -> !excluded.get(r));
        });
        List<SimilarItem> out = new ArrayList<>(n);
        for (Found f : found) {
            if (!f.node().getElementId().equals(item.getElementId())) {
                out.add(new SimilarItem(out.size() + 1, f.itemId(), f.node(), f.score(), fusedVersion,
                        !approximated[0]));
            }
        }
        return out.stream().limit(n);
    }

    @Procedure(name = "graphrec.search", mode = Mode.READ)
    @Description("graphrec.search(queryVector, options = {user: null, k: 10, brand: null, category: null, "
            + "personal: 0.1, excludeSeen: false}) :: (rank, itemId, item, score, textSimilarity, personalScore, "
            + "version) — items by cosine of the query's text vector (same encoder as the catalogue's text vectors) "
            + "with Item[(:Modality {name: 'text'}).property]; with a user, blended with dot(User.embedding_vN, "
            + "Item.embedding_vN) of the published version: score = (1 - personal) * z(cosine) + personal * "
            + "z(dot), z-scores over the candidates; ties by item id; no rows for an unknown user")
    public Stream<SearchHit> search(@Name("queryVector") Object queryVector,
                                    @Name(value = "options", defaultValue = "{}") Map<String, Object> options) {
        Map<String, Object> opts = checkOptions("graphrec.search", options, SEARCH_OPTIONS);
        float[] query = SearchRanking.queryVector(queryVector);
        int n = checkK(opts.get("k") instanceof Number k ? k.longValue() : 10);
        double weight = SearchRanking.weight(opts.get("personal"));
        Node textModality = tx.findNode(MODALITY, "name", "text");
        if (textModality == null || !(textModality.getProperty("property", null) instanceof String textProperty)) {
            throw new IllegalArgumentException("graphrec.search: the graph has no text vectors (no (:Modality {name: "
                    + "'text'})); import the catalogue with --embed-text");
        }
        ItemMatrix text = ItemVectorCache.get(tx, db.databaseName(), textProperty, modalityStamp(textModality), log);
        if (query.length != text.dimension()) {
            throw new IllegalArgumentException("graphrec.search: the query vector has " + query.length
                    + " dimensions, the catalogue's text vectors " + text.dimension());
        }
        int[] candidates = candidates(text, (String) opts.get("brand"), (String) opts.get("category"));
        double[] cosine = text.scores(query, false, candidates);
        BitSet excluded = new BitSet(text.rows());
        double[] score = cosine;
        ItemMatrix fused = null;
        float[] user = null;
        Long version = null;
        if (opts.get("user") instanceof String userId) {
            Node userNode = tx.findNode(USER, "id", userId);
            if (userNode == null) {
                return Stream.empty();
            }
            if (Boolean.TRUE.equals(opts.get("excludeSeen"))) {
                excludeSeen(text, userNode, excluded);
            }
            Node pointer = tx.findNode(POINTER, "name", "fused");
            version = version(pointer);
            user = version == null ? null : ItemVectorCache.floats(userNode.getProperty("embedding_v" + version, null));
            if (user != null && !isZero(user)) {
                String property = "embedding_v" + version;
                fused = ItemVectorCache.get(tx, db.databaseName(), property, publishStamp(pointer), log);
                ItemVectorCache.retain(db.databaseName(), "embedding_v", property);
                score = SearchRanking.blend(cosine, SearchRanking.personalScores(text, candidates, fused, user),
                        weight);
            }
        }
        double[] ranked = score;
        double queryNorm = ItemMatrix.norm(query);
        List<SearchHit> out = new ArrayList<>(n);
        for (Found f : verified(text, n, ask -> text.best(ranked, ask, candidates, r -> !excluded.get(r)))) {
            int fusedRow = fused == null ? -1 : fused.row(f.node().getElementId());
            out.add(new SearchHit(out.size() + 1, f.itemId(), f.node(), f.score(), text.cosine(f.row(), query,
                    queryNorm), fusedRow < 0 ? null : fused.dot(fusedRow, user), fused == null ? null : version));
        }
        return out.stream();
    }

    @Procedure(name = "graphrec.cache.clear", mode = Mode.READ)
    @Description("graphrec.cache.clear() :: (entries) — drops this database's in-memory item vector copies and "
            + "neighbourhood index; the next call rebuilds them (needed only after editing vectors or relationships "
            + "by hand)")
    public Stream<Cleared> clear() {
        return Stream.of(new Cleared(ItemVectorCache.clear(db.databaseName()) + NeighbourIndex.clear(db.databaseName())));
    }

    private record Found(int row, Node node, String itemId, double score) {
    }

    /**
     * The best n rows whose items still exist (a deleted item is skipped and the next one taken); {@code best}
     * gives the best {@code ask} rows.
     */
    private List<Found> verified(ItemMatrix matrix, int n, IntFunction<List<ItemMatrix.Hit>> best) {
        int ask = n + SPARE;
        while (true) {
            List<ItemMatrix.Hit> hits = best.apply(ask);
            List<Found> out = new ArrayList<>(n);
            for (ItemMatrix.Hit hit : hits) {
                Node node = node(matrix.elementId(hit.row()));
                if (node != null) {
                    out.add(new Found(hit.row(), node, matrix.itemId(hit.row()), hit.score()));
                    if (out.size() == n) {
                        return out;
                    }
                }
            }
            if (hits.size() < ask) {
                return out;
            }
            ask *= 4;
        }
    }

    private Node node(String elementId) {
        try {
            Node node = tx.getNodeByElementId(elementId);
            return node.hasLabel(ItemVectorCache.ITEM) ? node : null;
        } catch (NotFoundException | IllegalArgumentException e) {
            return null;
        }
    }

    private static Long version(Node pointer) {
        Object v = pointer == null ? null : pointer.getProperty("version", null);
        return v instanceof Number number ? number.longValue() : null;
    }

    /**
     * Changes with every publish (a version's vectors never change once written, but a wiped and rebuilt graph
     * can reuse a version number): the key of cached fused vectors.
     */
    static String publishStamp(Node pointer) {
        return pointer.getElementId() + "|" + pointer.getProperty("version", "") + "|" + pointer.getProperty("run", "")
                + "|" + pointer.getProperty("publishedAt", "");
    }

    /** The key of a modality's cached vectors: the node, its optional vectorsWrittenAt stamp, the imports. */
    private String modalityStamp(Node modality) {
        return modality.getElementId() + "|" + modality.getProperty("vectorsWrittenAt", "") + "|" + importStamp();
    }

    /**
     * Changes whenever an import starts, finishes or resumes; with the optional (:Modality).vectorsWrittenAt stamp
     * (for vectors written outside the importer), the key of cached modality vectors.
     */
    private String importStamp() {
        return importStamp(tx);
    }

    /** {@link #importStamp()} in {@code tx}. */
    static String importStamp(Transaction tx) {
        List<String> parts = new ArrayList<>();
        try (var runs = tx.findNodes(IMPORT_RUN)) {
            runs.forEachRemaining(r -> parts.add(r.getElementId() + "|" + r.getProperty("status", "") + "|"
                    + r.getProperty("attempts", "") + "|" + r.getProperty("finishedAt", "")));
        }
        parts.sort(null);
        return String.join(";", parts);
    }

    /** Rows of the brand's and/or category's items (both: the intersection); null = every row. */
    private int[] candidates(ItemMatrix matrix, String brand, String category) {
        int[] rows = null;
        if (brand != null) {
            rows = neighbourRows(matrix, tx.findNode(BRAND, "name", brand), MADE_BY);
        }
        if (category != null) {
            int[] inCategory = neighbourRows(matrix, tx.findNode(CATEGORY, "name", category), IN_CATEGORY);
            rows = rows == null ? inCategory : intersect(rows, inCategory, matrix.rows());
        }
        return rows;
    }

    /** Marks the rows of the items {@code user} interacted with (any split). */
    private static void excludeSeen(ItemMatrix matrix, Node user, BitSet excluded) {
        for (Relationship r : user.getRelationships(Direction.OUTGOING, INTERACTED)) {
            int row = matrix.row(r.getEndNode().getElementId());
            if (row >= 0) {
                excluded.set(row);
            }
        }
    }

    private static int[] neighbourRows(ItemMatrix matrix, Node node, RelationshipType type) {
        if (node == null) {
            return new int[0];
        }
        List<Integer> rows = new ArrayList<>();
        for (Relationship r : node.getRelationships(Direction.INCOMING, type)) {
            int row = matrix.row(r.getStartNode().getElementId());
            if (row >= 0) {
                rows.add(row);
            }
        }
        return rows.stream().mapToInt(Integer::intValue).distinct().toArray();
    }

    private static int[] intersect(int[] a, int[] b, int rows) {
        BitSet inB = new BitSet(rows);
        for (int r : b) {
            inB.set(r);
        }
        return java.util.Arrays.stream(a).filter(inB::get).toArray();
    }

    private static boolean isZero(float[] v) {
        for (float x : v) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** The options map (empty for null), after checking that every key is one of {@code allowed}. */
    static Map<String, Object> checkOptions(String procedure, Map<String, Object> options,
                                                    List<String> allowed) {
        Map<String, Object> opts = options == null ? Map.of() : options;
        for (String key : opts.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(procedure + ": unknown option '" + key + "'; expected "
                        + String.join(", ", allowed));
            }
        }
        return opts;
    }

    /** options.exact: absent or false = the approximate route where a catalogue has one. */
    private static boolean exactOption(Map<String, Object> opts) {
        Object exact = opts.get("exact");
        if (exact != null && !(exact instanceof Boolean)) {
            throw new IllegalArgumentException("graphrec.similar: options.exact must be true or false, found " + exact);
        }
        return Boolean.TRUE.equals(exact);
    }

    static int checkK(long k) {
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be between 1 and " + MAX_K + ", found " + k);
        }
        return (int) k;
    }
}
