package org.graphrec.recommend;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.graphrec.graph.GraphConnection;
import org.graphrec.testing.TestGraphs;
import org.graphrec.versions.EmbeddingVersion;
import org.graphrec.versions.EmbeddingVersions;

/**
 * Test-scope stand-in for the propagation job: writes fused embeddings, the MIPS transform, the vector indexes,
 * modality vectors, SIMILAR edges and a (:PropagationRun) exactly as cypher/README.md ("Fused embeddings")
 * specifies, plus two fixture graphs: a hand-built one with known answers and a seeded synthetic one.
 */
public final class ServingFixtures {

    private ServingFixtures() {
    }

    /** Rounds to float32 and back, as the store does. */
    static double[] f32(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    static List<Double> list(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double x : v) {
            out.add(x);
        }
        return out;
    }

    /** The exact model score as serving defines it (float32 vectors, summed in double in index order). */
    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) (float) a[i] * (double) (float) b[i];
        }
        return s;
    }

    /**
     * Writes a new published embedding version N as cypher/README.md ("Versions") defines it:
     * {@code User.embedding_vN}, {@code Item.embedding_vN}, {@code Item.embeddingMips_vN}, the indexes
     * {@code item_embedding_mips_vN} and {@code item_embedding_vN}, its (:PropagationRun) (through
     * {@link EmbeddingVersions}) and the pointer. Returns M, the largest item norm.
     */
    public static double writeFused(GraphConnection graph, Map<String, double[]> users, Map<String, double[]> items,
                                    String runId, long createdAt) {
        int d = items.values().iterator().next().length;
        double m = 0;
        for (double[] x : items.values()) {
            m = Math.max(m, Math.sqrt(dot(x, x)));
        }
        double norm = m;
        List<Map<String, Object>> itemRows = new ArrayList<>();
        items.forEach((id, x) -> {
            double[] xf = f32(x);
            double[] mips = new double[d + 1];
            for (int j = 0; j < d; j++) {
                mips[j] = xf[j] / norm;
            }
            mips[d] = Math.sqrt(Math.max(0, 1 - dot(xf, xf) / (norm * norm)));
            itemRows.add(Map.of("id", id, "v", list(xf), "mips", list(mips)));
        });
        List<Map<String, Object>> userRows = new ArrayList<>();
        users.forEach((id, u) -> userRows.add(Map.of("id", id, "v", list(f32(u)))));
        EmbeddingVersions versions = new EmbeddingVersions(graph);
        EmbeddingVersion version = versions.begin(Map.of("id", runId, "mode", "test-stand-in", "dimension", d,
                "mipsNorm", norm, "parameters", "{}", "timings", "{}", "metrics", "{}", "stamp", createdAt));
        String vec = version.embeddingProperty();
        String mipsProp = version.mipsProperty();
        for (int from = 0; from < itemRows.size(); from += 2000) {
            var batch = itemRows.subList(from, Math.min(itemRows.size(), from + 2000));
            graph.write(tx -> tx.run("""
                    UNWIND $rows AS row MATCH (i:Item {id: row.id})
                    CALL db.create.setNodeVectorProperty(i, $vec, row.v)
                    CALL db.create.setNodeVectorProperty(i, $mips, row.mips)
                    """, Map.of("rows", batch, "vec", vec, "mips", mipsProp)).consume());
        }
        for (int from = 0; from < userRows.size(); from += 2000) {
            var batch = userRows.subList(from, Math.min(userRows.size(), from + 2000));
            graph.write(tx -> tx.run("""
                    UNWIND $rows AS row MATCH (u:User {id: row.id})
                    CALL db.create.setNodeVectorProperty(u, $vec, row.v)
                    """, Map.of("rows", batch, "vec", vec)).consume());
        }
        createVectorIndex(graph, version.mipsIndex(), mipsProp, d + 1);
        createVectorIndex(graph, version.itemIndex(), vec, d);
        // SIMILAR edges the fixture wrote belong to this version's kNN graph, as propagate writes them
        graph.write(tx -> tx.run("""
                OPTIONAL MATCH ()-[s:SIMILAR]->() WHERE s.version IS NULL
                SET s.version = $v
                WITH count(s) AS n
                MATCH (r:PropagationRun {version: $v}) WHERE n > 0
                SET r.similarVersion = $v
                """, Map.of("v", version.version())).consume());
        versions.staged(version.version(), Map.of());
        versions.publish(version.version());
        return m;
    }

    /** Writes one modality's vectors, its (:Modality) node and its vector index {@code item_<name>_embedding}. */
    public static void writeModality(GraphConnection graph, String name, Map<String, double[]> vectors) {
        String property = name + "Embedding";
        int d = vectors.values().iterator().next().length;
        List<Map<String, Object>> rows = new ArrayList<>();
        vectors.forEach((id, v) -> rows.add(Map.of("id", id, "v", list(v))));
        graph.write(tx -> tx.run("""
                UNWIND $rows AS row MATCH (i:Item {id: row.id})
                CALL db.create.setNodeVectorProperty(i, $property, row.v)
                """, Map.of("rows", rows, "property", property)).consume());
        graph.write(tx -> tx.run("MERGE (m:Modality {name: $name}) SET m.property = $property, m.dimension = $d, "
                + "m.vectorsWrittenAt = datetime()",
                Map.of("name", name, "property", property, "d", d)).consume());
        createVectorIndex(graph, "item_" + name + "_embedding", property, d);
    }

    /** Writes the top-{@code n} cosine neighbours of every item as SIMILAR {modality, score, rank} edges. */
    public static void writeSimilar(GraphConnection graph, String modality, Map<String, double[]> vectors, int n) {
        List<String> ids = new ArrayList<>(vectors.keySet());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String a : ids) {
            double[] va = vectors.get(a);
            List<Map.Entry<String, Double>> scored = new ArrayList<>();
            for (String b : ids) {
                if (!a.equals(b)) {
                    scored.add(Map.entry(b, cosine(va, vectors.get(b))));
                }
            }
            scored.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
            for (int r = 0; r < Math.min(n, scored.size()); r++) {
                rows.add(Map.of("a", a, "b", scored.get(r).getKey(), "score", scored.get(r).getValue(), "rank", r + 1));
            }
        }
        for (int from = 0; from < rows.size(); from += 5000) {
            var batch = rows.subList(from, Math.min(rows.size(), from + 5000));
            graph.write(tx -> tx.run("""
                    UNWIND $rows AS row MATCH (a:Item {id: row.a}), (b:Item {id: row.b})
                    CREATE (a)-[:SIMILAR {modality: $modality, score: row.score, rank: row.rank}]->(b)
                    """, Map.of("rows", batch, "modality", modality)).consume());
        }
    }

    static double cosine(double[] a, double[] b) {
        return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    }

    static void createVectorIndex(GraphConnection graph, String name, String property, int dimension) {
        // index name, property and dimension are fixture constants, not user input
        try (var session = graph.session()) {
            session.run(String.format(Locale.ROOT, "CREATE VECTOR INDEX %s IF NOT EXISTS FOR (i:Item) ON (i.%s) "
                    + "OPTIONS {indexConfig: {`vector.dimensions`: %d, `vector.similarity_function`: 'cosine'}}",
                    name, property, dimension)).consume();
            session.run("CALL db.awaitIndexes(300)").consume();
        }
    }

    /** Drops the vector indexes (TestGraphs.clear keeps the schema; vector dimensions differ per fixture). */
    public static void dropVectorIndexes(GraphConnection graph) {
        List<String> names = graph.read(tx -> tx.run("SHOW VECTOR INDEXES YIELD name RETURN name")
                .list(r -> r.get("name").asString()));
        try (var session = graph.session()) {
            for (String name : names) {
                session.run("DROP INDEX $name IF EXISTS".replace("$name", "`" + name.replace("`", "") + "`"))
                        .consume();
            }
        }
    }

    // ------------------------------------------------------------------------------------------ tiny fixture

    /**
     * The hand-built graph the library tests and explanation tests check against (2-d vectors):
     * <pre>
     * items  brand  category  fused       text        image      interactions
     * i1     Acme   Shoes     [1, 0]      [1, 0]      [1, 0]     u1 train, u3 train
     * i2     Acme   Shoes     [0.9, 0.1]  [0.9, 0.1]  [0, 1]     u1 test
     * i3     Acme   Hats      [0.5, 0.5]  [0.6, 0.4]  [0.5, 0.5]
     * i4     Zen    Shoes     [0.2, 0.9]  [0.1, 1]    [0.2, 0.9] u2 valid
     * i5     Zen    Hats      [0, 1]      [0, 1]      [0, 1]     u2 train, u3 train
     * i6     Zen    Hats      [2, 0]      [1, 0.1]    [1, 0.05]
     * i7     —      —         [0.7, 0.7]  [0.7, 0.7]  —          (cold item: no interactions, no image)
     * i8     —      —         —           —           —          (orphan, no embeddings)
     * users: u1 [1, 0], u2 [0, 1], u3 [0.6, 0.8], u4 no embedding and no interactions; brand Empty has no items
     * </pre>
     * SIMILAR edges: top-2 per item for fused, text and image.
     */
    public static void tinyGraph(GraphConnection graph) {
        graph.write(tx -> tx.run("""
                UNWIND $items AS row
                CREATE (i:Item {id: row.id, title: row.title, description: 'the ' + row.title})
                FOREACH (b IN CASE WHEN row.brand IS NULL THEN [] ELSE [row.brand] END |
                    MERGE (brand:Brand {name: b}) CREATE (i)-[:MADE_BY]->(brand))
                FOREACH (c IN CASE WHEN row.category IS NULL THEN [] ELSE [row.category] END |
                    MERGE (cat:Category {name: c}) CREATE (i)-[:IN_CATEGORY]->(cat))
                """, Map.of("items", List.of(
                item("i1", "Red Runner", "Acme", "Shoes"), item("i2", "Blue Runner", "Acme", "Shoes"),
                item("i3", "Sun Hat", "Acme", "Hats"), item("i4", "Trail Shoe", "Zen", "Shoes"),
                item("i5", "Wool Cap", "Zen", "Hats"), item("i6", "Big Hat", "Zen", "Hats"),
                item("i7", "New Thing", null, null), item("i8", "Lost Thing", null, null)))).consume());
        graph.write(tx -> tx.run("""
                CREATE (:Brand {name: 'Empty'})
                WITH 1 AS one
                UNWIND ['u1', 'u2', 'u3', 'u4'] AS id CREATE (:User {id: id})
                WITH count(*) AS users
                UNWIND $rows AS row
                MATCH (u:User {id: row.u}), (i:Item {id: row.i})
                CREATE (u)-[:INTERACTED {split: row.split, rating: 5.0, ts: row.ts}]->(i)
                """, Map.of("rows", List.of(
                inter("u1", "i1", "train", 100), inter("u1", "i2", "test", 200), inter("u3", "i1", "train", 110),
                inter("u2", "i5", "train", 120), inter("u2", "i4", "valid", 130),
                inter("u3", "i5", "train", 140)))).consume());
        Map<String, double[]> fused = numbered("i", new double[][] {{1, 0}, {0.9, 0.1}, {0.5, 0.5}, {0.2, 0.9},
                {0, 1}, {2, 0}, {0.7, 0.7}});
        Map<String, double[]> text = numbered("i", new double[][] {{1, 0}, {0.9, 0.1}, {0.6, 0.4}, {0.1, 1}, {0, 1},
                {1, 0.1}, {0.7, 0.7}});
        Map<String, double[]> image = numbered("i", new double[][] {{1, 0}, {0, 1}, {0.5, 0.5}, {0.2, 0.9}, {0, 1},
                {1, 0.05}});
        Map<String, double[]> users = numbered("u", new double[][] {{1, 0}, {0, 1}, {0.6, 0.8}});
        writeModality(graph, "text", text);
        writeModality(graph, "image", image);
        writeSimilar(graph, "text", text, 2);
        writeSimilar(graph, "image", image, 2);
        writeSimilar(graph, "fused", fused, 2);
        writeFused(graph, users, fused, "run-1", 1_000L);
    }

    /** An embedded store at {@code store} holding the {@link #tinyGraph} fixture. */
    public static Path tinyStore(Path store) {
        try (GraphConnection graph = TestGraphs.openEmbedded(store)) {
            tinyGraph(graph);
        }
        return store;
    }

    /** An embedded store at {@code store} holding only u1 → i1 (train): no embeddings, no propagation run. */
    public static Path oneInteractionStore(Path store) {
        try (GraphConnection graph = TestGraphs.openEmbedded(store)) {
            graph.write(tx -> tx.run("CREATE (:User {id: 'u1'})-[:INTERACTED {split: 'train'}]->(:Item {id: 'i1'})")
                    .consume());
        }
        return store;
    }

    private static Map<String, Object> item(String id, String title, String brand, String category) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("title", title);
        row.put("brand", brand);
        row.put("category", category);
        return row;
    }

    private static Map<String, Object> inter(String user, String item, String split, long ts) {
        return Map.of("u", user, "i", item, "split", split, "ts", ts);
    }

    // ------------------------------------------------------------------------------------- synthetic graph

    /**
     * A seeded synthetic catalogue: latent user/item factors, interactions drawn towards high scores, brands,
     * categories, two modalities (noisy projections of the item factors), fused top-10 SIMILAR edges.
     *
     * @param users        users with embeddings (plus {@code coldUsers} without)
     * @param items        items (the last 2 % get no interactions)
     * @param perUser      interactions per user
     * @param dimension    fused dimension
     * @return the factors and the interactions, for checks
     */
    public static Synthetic synthetic(GraphConnection graph, int users, int coldUsers, int items, int perUser,
                                      int dimension, long seed) {
        return synthetic(graph, users, coldUsers, items, perUser, dimension, seed, true);
    }

    /** As above; {@code fused} = false leaves the fused embeddings, SIMILAR edges and run to a real propagate. */
    public static Synthetic synthetic(GraphConnection graph, int users, int coldUsers, int items, int perUser,
                                      int dimension, long seed, boolean fused) {
        Random random = new Random(seed);
        int brands = Math.max(3, items / 40);
        int categories = Math.max(3, items / 200);
        Map<String, double[]> itemVectors = new LinkedHashMap<>();
        List<Map<String, Object>> itemRows = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            String id = String.format(Locale.ROOT, "item-%05d", i);
            double[] v = gaussian(random, dimension, 1.0 / Math.sqrt(dimension));
            double scale = 0.5 + random.nextDouble();
            for (int j = 0; j < dimension; j++) {
                v[j] *= scale;
            }
            itemVectors.put(id, v);
            itemRows.add(Map.of("id", id, "title", "Item " + i, "brand", "brand-" + random.nextInt(brands),
                    "category", "cat-" + random.nextInt(categories)));
        }
        List<String> itemIds = new ArrayList<>(itemVectors.keySet());
        int warmItems = (int) Math.round(items * 0.98);
        Map<String, double[]> userVectors = new LinkedHashMap<>();
        Map<String, Set<String>> seen = new LinkedHashMap<>();
        List<Map<String, Object>> interRows = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            String id = String.format(Locale.ROOT, "user-%05d", u);
            double[] v = gaussian(random, dimension, 1.0 / Math.sqrt(dimension));
            userVectors.put(id, v);
            Set<String> chosen = new LinkedHashSet<>();
            while (chosen.size() < perUser) {
                String best = null;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int t = 0; t < 20; t++) {
                    String c = itemIds.get(random.nextInt(warmItems));
                    double s = dot(v, itemVectors.get(c));
                    if (!chosen.contains(c) && s > bestScore) {
                        best = c;
                        bestScore = s;
                    }
                }
                if (best != null) {
                    chosen.add(best);
                }
            }
            seen.put(id, chosen);
            for (String item : chosen) {
                double r = random.nextDouble();
                interRows.add(Map.of("u", id, "i", item, "split", r < 0.8 ? "train" : r < 0.9 ? "valid" : "test",
                        "ts", 1_600_000_000L + random.nextInt(10_000_000)));
            }
        }
        List<String> cold = new ArrayList<>();
        for (int u = 0; u < coldUsers; u++) {
            cold.add(String.format(Locale.ROOT, "cold-%03d", u));
        }
        for (int from = 0; from < itemRows.size(); from += 5000) {
            var batch = itemRows.subList(from, Math.min(itemRows.size(), from + 5000));
            graph.write(tx -> tx.run("""
                    UNWIND $rows AS row
                    MERGE (b:Brand {name: row.brand}) MERGE (c:Category {name: row.category})
                    CREATE (i:Item {id: row.id, title: row.title})-[:MADE_BY]->(b), (i)-[:IN_CATEGORY]->(c)
                    """, Map.of("rows", batch)).consume());
        }
        List<String> allUsers = new ArrayList<>(userVectors.keySet());
        allUsers.addAll(cold);
        graph.write(tx -> tx.run("UNWIND $ids AS id CREATE (:User {id: id})", Map.of("ids", allUsers)).consume());
        for (int from = 0; from < interRows.size(); from += 10000) {
            var batch = interRows.subList(from, Math.min(interRows.size(), from + 10000));
            graph.write(tx -> tx.run("""
                    UNWIND $rows AS row MATCH (u:User {id: row.u}), (i:Item {id: row.i})
                    CREATE (u)-[:INTERACTED {split: row.split, ts: row.ts, rating: 1.0}]->(i)
                    """, Map.of("rows", batch)).consume());
        }
        Map<String, double[]> text = project(random, itemVectors, 16, 0.3);
        Map<String, double[]> image = project(random, itemVectors, 24, 0.6);
        writeModality(graph, "text", text);
        writeModality(graph, "image", image);
        if (fused) {
            if (items <= 5000) {
                writeSimilar(graph, "fused", itemVectors, 10);
            }
            writeFused(graph, userVectors, itemVectors, "synthetic-" + seed, 1_000L);
        }
        return new Synthetic(userVectors, itemVectors, seen, cold);
    }

    private static Map<String, double[]> project(Random random, Map<String, double[]> vectors, int dims,
                                                 double noise) {
        int d = vectors.values().iterator().next().length;
        double[][] p = new double[dims][];
        for (int r = 0; r < dims; r++) {
            p[r] = gaussian(random, d, 1.0);
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        vectors.forEach((id, v) -> {
            double[] x = new double[dims];
            for (int r = 0; r < dims; r++) {
                x[r] = dot(p[r], v) + noise * random.nextGaussian();
            }
            out.put(id, x);
        });
        return out;
    }

    private static double[] gaussian(Random random, int d, double sigma) {
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            v[j] = sigma * random.nextGaussian();
        }
        return v;
    }

    /** What the synthetic generator made. */
    public record Synthetic(Map<String, double[]> users, Map<String, double[]> items, Map<String, Set<String>> seen,
                            List<String> coldUsers) {

        /** The exact top-k unseen items for {@code user} by dot product, ties by id. */
        public List<String> exactTopK(String user, int k) {
            double[] u = users.get(user);
            Set<String> s = seen.get(user);
            return items.entrySet().stream().filter(e -> !s.contains(e.getKey()))
                    .sorted(java.util.Comparator.<Map.Entry<String, double[]>>comparingDouble(
                            e -> -dot(u, e.getValue())).thenComparing(Map.Entry::getKey))
                    .limit(k).map(Map.Entry::getKey).toList();
        }
    }

    /** Vectors keyed {@code prefix}1, {@code prefix}2, … in the order given. */
    static Map<String, double[]> numbered(String prefix, double[]... vectors) {
        Map<String, double[]> keyed = new LinkedHashMap<>();
        for (int k = 0; k < vectors.length; k++) {
            keyed.put(prefix + (k + 1), vectors[k]);
        }
        return keyed;
    }
}
