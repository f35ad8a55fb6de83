package org.graphrec.propagation;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.FactorModel;
import org.graphrec.core.ModalityMatrix;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.graphrec.config.UserException;
import org.graphrec.graph.GraphConnection;
import org.graphrec.graph.InProcessWrites;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.versions.EmbeddingVersion;
import org.graphrec.versions.EmbeddingVersions;
import org.graphrec.jobs.Faults;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.neo4j.graphdb.Node;

/**
 * Writes fused embeddings back to the graph as a new version and reads them again, following the contract of
 * {@code cypher/README.md}: per version N, {@code User.embedding_vN}, {@code Item.embedding_vN} and
 * {@code Item.embeddingMips_vN} ({@code [x / M, sqrt(1 − |x|²/M²)]}, M = largest item norm) as float32 via
 * {@code db.create.setNodeVectorProperty} in batches (through the core API on the embedded store), the cosine vector indexes {@code item_embedding_vN} and
 * {@code item_embedding_mips_vN}, the modality indexes {@code item_<modality>_embedding} (dropped and recreated
 * when the dimension changes), and one {@code (:PropagationRun)} node per run. Publishing is
 * {@link EmbeddingVersions}'s.
 */
public final class EmbeddingStore {

    /** Rows per write transaction over the driver. */
    public static final int BATCH = 2_000;
    /** Nodes per in-process transaction on the embedded store. */
    static final int IN_PROCESS_BATCH = 20_000;
    /**
     * HNSW build beam of the vector indexes ({@code vector.hnsw.ef_construction}; Neo4j's default is 100). Building
     * the index dominates the write-back: on 23,033 × 64-d items it took 89 s with the default and 23 s with 32 on
     * the shared 2-core machine (docs/benchmarks.md); queries ask for hundreds of candidates, which keeps the
     * served recall at the tested ≥ 0.98.
     */
    public static final int HNSW_EF_CONSTRUCTION = 32;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final GraphConnection graph;
    private final ProgressTracker progress;

    public EmbeddingStore(GraphConnection graph, ProgressTracker progress) {
        this.graph = graph;
        this.progress = progress;
    }

    /** What a write-back produced: a staged version, not yet visible to readers. */
    public record WriteSummary(String runId, long version, double mipsNorm, long users, long items) {
    }

    /**
     * Writes the embeddings of {@code model} (indexed like {@code ig}) as a new staged version: a
     * {@code (:PropagationRun)} in state {@code writing}, the vectors under the version's property names, its two
     * vector indexes (awaited), then state {@code staged}. Readers keep seeing the published version until
     * {@link EmbeddingVersions#publish} is called.
     *
     * @param modalities modality names (with their Item property) to index, e.g. {@code image → imageEmbedding}
     */
    public WriteSummary write(InteractionGraph ig, FactorModel model, String mode, Map<String, Object> parameters,
                              Map<String, Object> timings, Map<String, Object> metrics,
                              Map<String, ModalityMatrix> modalities) {
        return write(ig, model, mode, parameters, timings, metrics, modalities, v -> { });
    }

    /**
     * As {@link #write(InteractionGraph, FactorModel, String, Map, Map, Map, Map)}, calling {@code beforeStaged}
     * with the version number once the vectors and indexes are written and while the version is still
     * {@code writing} (the kNN graph of the version is written there, {@link org.graphrec.versions.SimilarGraph}).
     */
    public WriteSummary write(InteractionGraph ig, FactorModel model, String mode, Map<String, Object> parameters,
                              Map<String, Object> timings, Map<String, Object> metrics,
                              Map<String, ModalityMatrix> modalities, java.util.function.LongConsumer beforeStaged) {
        int d = model.dimension();
        double m = model.maxItemNorm();
        String id = "run-" + Instant.now().toString() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> run = new HashMap<>();
        run.put("id", id);
        run.put("mode", mode);
        run.put("dimension", d);
        run.put("mipsNorm", m);
        run.put("parameters", json(parameters));
        EmbeddingVersions versions = new EmbeddingVersions(graph, progress);
        EmbeddingVersion version = versions.begin(run);
        Faults.pause("write");
        long users = writeVectors("write user embeddings", "User", ig.userIds(), model.userVectors(), d, null, 0,
                version);
        long items = writeVectors("write item embeddings", "Item", ig.itemIds(), model.itemVectors(), d,
                model, m, version);
        long t = System.nanoTime();
        ensureVectorIndex(version.itemIndex(), "Item", version.embeddingProperty(), d);
        ensureVectorIndex(version.mipsIndex(), "Item", version.mipsProperty(), d + 1);
        for (ModalityMatrix mod : modalities.values()) {
            ensureVectorIndex("item_" + mod.name() + "_embedding", "Item", mod.property(), mod.dimension());
        }
        graph.write(tx -> tx.run("CALL db.awaitIndexes(600)").consume());
        progress.log(String.format(java.util.Locale.ROOT, "vector indexes %s, %s built in %.1f s",
                version.itemIndex(), version.mipsIndex(), (System.nanoTime() - t) / 1e9));
        beforeStaged.accept(version.version());
        versions.staged(version.version(), Map.of("timings", json(timings), "metrics", json(metrics)));
        return new WriteSummary(id, version.version(), m, users, items);
    }

    /** Updates the metrics JSON of a run (written after validation). */
    public void updateMetrics(String runId, Map<String, Object> metrics) {
        graph.write(tx -> tx.run("MATCH (r:PropagationRun {id: $id}) SET r.metrics = $metrics",
                Map.of("id", runId, "metrics", json(metrics))).consume());
    }

    private long writeVectors(String task, String label, String[] ids, float[] vectors, int d, FactorModel items,
                              double mipsNorm, EmbeddingVersion version) {
        progress.begin(task, ids.length);
        try {
            var inProcess = graph.inProcessWrites();
            return inProcess.isPresent()
                    ? writeVectorsInProcess(inProcess.get(), label, ids, vectors, d, items != null, mipsNorm, version)
                    : writeVectorsOverDriver(label, ids, vectors, d, items, mipsNorm, version);
        } finally {
            progress.end();
        }
    }

    /**
     * The embedded store's path: {@code Node.setProperty} with the float32 arrays
     * {@code db.create.setNodeVectorProperty} stores (the same values: the transform is computed in double and
     * rounded to float once, as the procedure does), {@link #IN_PROCESS_BATCH} nodes per transaction.
     */
    private long writeVectorsInProcess(InProcessWrites writes, String label, String[] ids, float[] vectors, int d,
                                       boolean withMips, double mipsNorm, EmbeddingVersion version) {
        Map<String, Long> byId = writes.nodeIds(label, "id");
        String property = version.embeddingProperty();
        String mipsProperty = version.mipsProperty();
        long written = 0;
        for (int first = 0; first < ids.length; first += IN_PROCESS_BATCH) {
            int from = first;
            int to = Math.min(ids.length, first + IN_PROCESS_BATCH);
            written += writes.write(tx -> {
                long c = 0;
                for (int n = from; n < to; n++) {
                    Long id = byId.get(ids[n]);
                    if (id == null) {
                        continue;
                    }
                    float[] vec = java.util.Arrays.copyOfRange(vectors, n * d, (n + 1) * d);
                    Node node = InProcessWrites.node(tx, id);
                    node.setProperty(property, finite(vec, ids[n]));
                    if (withMips) {
                        node.setProperty(mipsProperty, finite(mips(vec, mipsNorm), ids[n]));
                    }
                    c++;
                }
                return c;
            });
            progress.advance(to - from);
        }
        return written;
    }

    /** As {@code db.create.setNodeVectorProperty}: a vector property holds finite numbers only. */
    private static float[] finite(float[] vector, String id) {
        for (float x : vector) {
            if (!Float.isFinite(x)) {
                throw new IllegalStateException("the embedding of node " + id + " holds " + x
                        + ": a vector property takes finite numbers only");
            }
        }
        return vector;
    }

    /** {@link #mips(List, double, double)} over a float vector, rounded to float32 as stored. */
    static float[] mips(float[] x, double m) {
        float[] out = new float[x.length + 1];
        double norm2 = 0;
        for (int k = 0; k < x.length; k++) {
            double v = x[k];
            norm2 += v * v;
            out[k] = (float) (m == 0 ? 0.0 : v / m);
        }
        out[x.length] = (float) (m == 0 ? 1.0 : Math.sqrt(Math.max(0, 1 - norm2 / (m * m))));
        return out;
    }

    private long writeVectorsOverDriver(String label, String[] ids, float[] vectors, int d, FactorModel items,
                                        double mipsNorm, EmbeddingVersion version) {
        String query = "User".equals(label)
                ? "UNWIND $rows AS row MATCH (n:User {id: row.id}) "
                + "CALL db.create.setNodeVectorProperty(n, $prop, row.vec)"
                : "UNWIND $rows AS row MATCH (n:Item {id: row.id}) "
                + "CALL db.create.setNodeVectorProperty(n, $prop, row.vec) "
                + "CALL db.create.setNodeVectorProperty(n, $mipsProp, row.mips)";
        Map<String, Object> names = Map.of("prop", version.embeddingProperty(), "mipsProp", version.mipsProperty());
        long written = 0;
        for (int from = 0; from < ids.length; from += BATCH) {
            int to = Math.min(ids.length, from + BATCH);
            List<Map<String, Object>> rows = new ArrayList<>(to - from);
            for (int n = from; n < to; n++) {
                List<Double> vec = new ArrayList<>(d);
                double norm2 = 0;
                for (int k = 0; k < d; k++) {
                    double x = vectors[n * d + k];
                    vec.add(x);
                    norm2 += x * x;
                }
                Map<String, Object> row = new HashMap<>();
                row.put("id", ids[n]);
                row.put("vec", vec);
                if (items != null) {
                    row.put("mips", mips(vec, norm2, mipsNorm));
                }
                rows.add(row);
            }
            Map<String, Object> params = new HashMap<>(names);
            params.put("rows", rows);
            written += graph.write(tx -> tx.run(query + " RETURN count(*) AS c", params)
                    .single().get("c").asLong());
            progress.advance(to - from);
        }
        return written;
    }

    /** The MIPS-to-cosine transform {@code [x / M, sqrt(max(0, 1 − |x|²/M²))]}; M = 0 gives {@code [0…, 1]}. */
    static List<Double> mips(List<Double> x, double norm2, double m) {
        List<Double> out = new ArrayList<>(x.size() + 1);
        for (double v : x) {
            out.add(m == 0 ? 0.0 : v / m);
        }
        out.add(m == 0 ? 1.0 : Math.sqrt(Math.max(0, 1 - norm2 / (m * m))));
        return out;
    }

    /** Creates a cosine vector index, dropping an existing one of another dimension first. */
    public void ensureVectorIndex(String name, String label, String property, int dimension) {
        if (!NAME.matcher(name).matches() || !NAME.matcher(label).matches() || !NAME.matcher(property).matches()) {
            throw new UserException("cannot index " + label + "." + property + " as " + name
                    + ": names must be letters, digits and underscores");
        }
        if (dimension < 1 || dimension > 4096) {
            throw new UserException("vector index " + name + ": dimension " + dimension
                    + " is outside Neo4j's 1–4096");
        }
        List<Record> existing = graph.read(tx -> tx.run("SHOW INDEXES YIELD name, type, labelsOrTypes, "
                + "properties, options WHERE name = $name RETURN type, labelsOrTypes, properties, options",
                Map.of("name", name)).list());
        if (!existing.isEmpty()) {
            Record r = existing.get(0);
            Value config = r.get("options").get("indexConfig");
            int current = config.isNull() || config.get("vector.dimensions").isNull() ? -1
                    : config.get("vector.dimensions").asInt();
            boolean same = "VECTOR".equals(r.get("type").asString()) && current == dimension
                    && r.get("labelsOrTypes").asList().equals(List.of(label))
                    && r.get("properties").asList().equals(List.of(property));
            if (same) {
                return;
            }
            progress.log("dropping vector index " + name + " (dimension " + current + " → " + dimension + ")");
            graph.write(tx -> tx.run("DROP INDEX " + name + " IF EXISTS").consume());
        }
        // names are validated above; index DDL cannot take them as parameters
        String ddl = "CREATE VECTOR INDEX " + name + " IF NOT EXISTS FOR (n:" + label + ") ON (n." + property + ") "
                + "OPTIONS {indexConfig: {`vector.dimensions`: " + dimension
                + ", `vector.similarity_function`: 'cosine', `vector.hnsw.ef_construction`: " + HNSW_EF_CONSTRUCTION
                + "}}";
        graph.write(tx -> tx.run(ddl).consume());
    }

    /**
     * Reads the published version's user and item vectors into a model indexed like {@code ig}; nodes without one
     * get zeros. Fails with a user error when nothing is published or the lengths disagree.
     */
    public FactorModel read(InteractionGraph ig) {
        return read(ig, new EmbeddingVersions(graph, progress).requirePublished());
    }

    /** Reads the vectors of {@code version} (published or not) into a model indexed like {@code ig}. */
    public FactorModel read(InteractionGraph ig, EmbeddingVersion version) {
        String prop = version.embeddingProperty();
        Map<String, Integer> userIndex = index(ig.userIds());
        Map<String, Integer> itemIndex = index(ig.itemIds());
        int[] dimension = {-1};
        float[][] users = new float[ig.users()][];
        float[][] items = new float[ig.items()][];
        readInto("read user embeddings", "MATCH (n:User) WHERE n[$prop] IS NOT NULL "
                + "RETURN n.id AS id, n[$prop] AS v", prop, ig.users(), userIndex, users, dimension);
        readInto("read item embeddings", "MATCH (n:Item) WHERE n[$prop] IS NOT NULL "
                + "RETURN n.id AS id, n[$prop] AS v", prop, ig.items(), itemIndex, items, dimension);
        if (dimension[0] < 0) {
            throw new UserException("embedding version " + version.version() + " has no vectors for these users "
                    + "and items: run `propagate` again");
        }
        int d = dimension[0];
        return new FactorModel(d, ig.users(), ig.items(), flatten(users, d), flatten(items, d));
    }

    private void readInto(String task, String query, String prop, int total, Map<String, Integer> index, float[][] into,
                          int[] dimension) {
        progress.begin(task, total);
        try {
            graph.read(tx -> {
                var result = tx.run(query, Map.of("prop", prop));
                while (result.hasNext()) {
                    Record r = result.next();
                    Integer at = index.get(r.get("id").asString());
                    if (at == null) {
                        continue;
                    }
                    float[] v = GraphLoader.toFloats(r.get("v"));
                    if (dimension[0] < 0) {
                        dimension[0] = v.length;
                    } else if (dimension[0] != v.length) {
                        throw new UserException("embedding of node " + r.get("id").asString() + " has length "
                                + v.length + ", others have " + dimension[0] + ": run `propagate` again",
                                UserException.DATABASE_ERROR);
                    }
                    into[at] = v;
                    progress.advance(1);
                }
                return null;
            });
        } finally {
            progress.end();
        }
    }

    private static float[] flatten(float[][] rows, int d) {
        float[] out = new float[rows.length * d];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] != null) {
                System.arraycopy(rows[r], 0, out, r * d, d);
            }
        }
        return out;
    }

    private static Map<String, Integer> index(String[] ids) {
        Map<String, Integer> index = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            index.put(ids[i], i);
        }
        return index;
    }

    /** The PropagationRun of the published version as a property map, or null. */
    public Map<String, Object> publishedRun() {
        return graph.read(tx -> {
            var rows = tx.run("MATCH (p:PublishedVersion {name: $name}) MATCH (r:PropagationRun {version: p.version}) "
                    + "RETURN r", Map.of("name", EmbeddingVersions.POINTER)).list();
            return rows.isEmpty() ? null : rows.get(0).get("r").asMap();
        });
    }

    private static String json(Map<String, Object> map) {
        return org.graphrec.config.Json.line(map);
    }
}
