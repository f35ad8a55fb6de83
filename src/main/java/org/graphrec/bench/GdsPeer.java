package org.graphrec.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graphrec.graph.GraphConnection;
import org.graphrec.core.FactorModel;
import org.graphrec.propagation.GraphLoader.ModalityInfo;
import org.graphrec.core.InteractionGraph;
import org.neo4j.driver.Record;

/**
 * Neo4j Graph Data Science on graphrec's graph, in the same DBMS (procedures registered by {@link GdsProcedures}):
 * the user–item graph projected with its train split only ({@code INTERACTED {split: 'train'}}, undirected — the
 * only relationships learning may use, see {@code cypher/README.md}), {@code gds.fastRP.write} into a scratch
 * property ({@link #PROPERTY}, removed by {@link #removeEmbeddings()}) and {@code gds.knn} over one modality vector
 * at a time. Every call is parameterised; property names come from {@code (:Modality)} nodes, never from users.
 *
 * <p>FastRP needs each feature property on every node of the projection. Users never carry modality vectors and an
 * item may lack one, so those nodes get a zero vector of the modality's dimension: their initial FastRP vector is
 * then only the random part, i.e. topology alone.
 */
public final class GdsPeer {

    /** The scratch node property FastRP writes to; the product's {@code embedding} is never touched. */
    public static final String PROPERTY = "gdsFastRP";

    /**
     * FastRP settings.
     *
     * @param dimension     embedding dimension (64, like propagate's default)
     * @param propertyRatio share of the dimension given to the feature projection when feature vectors exist
     * @param seed          FastRP random seed
     * @param concurrency   GDS worker threads
     */
    public record FastRpParameters(int dimension, double propertyRatio, long seed, int concurrency) {
        public static FastRpParameters defaults() {
            return new FastRpParameters(64, 0.5, 42, Math.min(4, Runtime.getRuntime().availableProcessors()));
        }
    }

    /**
     * One FastRP run.
     *
     * @param projectSeconds  wall time of the Cypher projection ({@code gds.graph.project} aggregation)
     * @param fastRpSeconds   wall time of {@code gds.fastRP.write} (compute + write-back)
     * @param computeMillis   GDS's own compute time
     * @param writeMillis     GDS's own write time
     * @param nodes           nodes projected
     * @param relationships   relationships projected (each undirected train interaction counts twice)
     * @param written         node properties written
     * @param features        the feature properties used (empty: topology only)
     */
    public record FastRpRun(double projectSeconds, double fastRpSeconds, long computeMillis, long writeMillis,
                            long nodes, long relationships, long written, List<String> features) {
    }

    /**
     * One kNN run over one modality.
     *
     * @param projectSeconds wall time of projecting the items that have the vector
     * @param knnSeconds     wall time of {@code gds.knn.stream}, results consumed and mapped to item ids
     * @param neighbours     item id → neighbour item ids, best first
     */
    public record KnnRun(double projectSeconds, double knnSeconds, Map<String, List<String>> neighbours) {
    }

    private final GraphConnection graph;

    public GdsPeer(GraphConnection graph) {
        this.graph = graph;
    }

    /** GDS's own memory estimate of FastRP on the train projection, bytes (upper bound), projecting if needed. */
    public long fastRpMemoryEstimate(FastRpParameters p, List<ModalityInfo> features) {
        String name = "graphrec-fastrp-estimate";
        project(name, features);
        try {
            return graph.read(tx -> tx.run("CALL gds.fastRP.write.estimate($graph, $config) YIELD bytesMax "
                    + "RETURN bytesMax", Map.of("graph", name, "config", fastRpConfig(p, features)))
                    .single().get("bytesMax").asLong());
        } finally {
            drop(name);
        }
    }

    /** Projects the train graph, runs {@code gds.fastRP.write} into {@link #PROPERTY}, drops the projection. */
    public FastRpRun fastRp(FastRpParameters p, List<ModalityInfo> features) {
        String name = "graphrec-fastrp";
        long t = System.nanoTime();
        long[] counts = project(name, features);
        double projectSeconds = Repeater.secondsSince(t);
        try {
            t = System.nanoTime();
            Record r = session(s -> s.run("CALL gds.fastRP.write($graph, $config) YIELD nodePropertiesWritten, "
                            + "computeMillis, writeMillis RETURN nodePropertiesWritten, computeMillis, writeMillis",
                    Map.of("graph", name, "config", fastRpConfig(p, features))).single());
            double seconds = Repeater.secondsSince(t);
            return new FastRpRun(projectSeconds, seconds, r.get("computeMillis").asLong(),
                    r.get("writeMillis").asLong(), counts[0], counts[1], r.get("nodePropertiesWritten").asLong(),
                    features.stream().map(ModalityInfo::property).toList());
        } finally {
            drop(name);
        }
    }

    private Map<String, Object> fastRpConfig(FastRpParameters p, List<ModalityInfo> features) {
        Map<String, Object> config = new HashMap<>();
        config.put("embeddingDimension", (long) p.dimension());
        config.put("randomSeed", p.seed());
        config.put("concurrency", (long) p.concurrency());
        config.put("writeConcurrency", (long) p.concurrency());
        config.put("writeProperty", PROPERTY);
        if (!features.isEmpty()) {
            config.put("featureProperties", java.util.stream.IntStream.range(0, features.size())
                    .mapToObj(GdsPeer::featureKey).toList());
            config.put("propertyRatio", p.propertyRatio());
        }
        return config;
    }

    /**
     * The train user–item graph as a GDS projection: every User and Item (also those without train interactions),
     * train INTERACTED undirected, the f-th feature vector under {@code feature_<f>} (zeros where absent).
     *
     * @return node and relationship counts
     */
    long[] project(String name, List<ModalityInfo> features) {
        drop(name);
        List<String> properties = features.stream().map(ModalityInfo::property).toList();
        List<List<Double>> zeros = features.stream().map(m -> java.util.Collections.nCopies(m.dimension(), 0.0))
                .toList();
        String cypher = "MATCH (n) WHERE n:User OR n:Item "
                + "OPTIONAL MATCH (n:User)-[r:INTERACTED {split: 'train'}]->(i:Item) "
                + "WITH gds.graph.project($graph, n, i, {"
                + "sourceNodeLabels: labels(n), targetNodeLabels: labels(i), "
                + "sourceNodeProperties: " + featureMap("n", features.size()) + ", "
                + "targetNodeProperties: " + featureMap("i", features.size()) + ", relationshipType: 'INTERACTED'}, "
                + "{undirectedRelationshipTypes: ['INTERACTED']}) AS g "
                + "RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships";
        Map<String, Object> params = new HashMap<>();
        params.put("graph", name);
        params.put("props", properties);
        params.put("zeros", zeros);
        Record r = session(s -> s.run(cypher, params).single());
        return new long[] {r.get("nodes").asLong(), r.get("relationships").asLong()};
    }

    /**
     * {@code {feature_0: [x IN coalesce(n[$props[0]], $zeros[0]) | toFloat(x)], …}} for {@code count} features: every
     * node gets every feature, as doubles (stored float32 vectors and the zero default then have one type). Only
     * indices are spliced into the text; property names and vectors stay parameters.
     */
    private static String featureMap(String variable, int count) {
        StringBuilder map = new StringBuilder("{");
        for (int f = 0; f < count; f++) {
            map.append(f == 0 ? "" : ", ").append(featureKey(f)).append(": [x IN coalesce(").append(variable)
                    .append("[$props[").append(f).append("]], $zeros[").append(f).append("]) | toFloat(x)]");
        }
        return map.append("}").toString();
    }

    /** The projection key of the {@code f}-th feature. */
    static String featureKey(int f) {
        return "feature_" + f;
    }

    /** Projects the items that carry {@code modality}'s vector and streams their {@code k} nearest (cosine). */
    public KnnRun knn(ModalityInfo modality, int k, long seed) {
        String name = "graphrec-knn-" + modality.name();
        drop(name);
        long t = System.nanoTime();
        projectVectors(name, modality);
        double projectSeconds = Repeater.secondsSince(t);
        try {
            t = System.nanoTime();
            Map<String, List<String>> neighbours = new LinkedHashMap<>();
            session(s -> {
                var result = s.run("CALL gds.knn.stream($graph, {nodeProperties: {vector: 'COSINE'}, topK: $k, "
                                + "randomSeed: $seed, concurrency: 1}) YIELD node1, node2, similarity "
                                + "RETURN gds.util.asNode(node1).id AS a, gds.util.asNode(node2).id AS b, similarity "
                                + "ORDER BY a, similarity DESC, b",
                        Map.of("graph", name, "k", (long) k, "seed", seed));
                while (result.hasNext()) {
                    Record r = result.next();
                    neighbours.computeIfAbsent(r.get("a").asString(), x -> new ArrayList<>()).add(r.get("b")
                            .asString());
                }
                return null;
            });
            return new KnnRun(projectSeconds, Repeater.secondsSince(t), neighbours);
        } finally {
            drop(name);
        }
    }

    /**
     * The FastRP embeddings written to {@link #PROPERTY}, indexed like {@code g}; a node without the property gets a
     * zero vector.
     */
    public FactorModel readEmbeddings(InteractionGraph g, int dimension) {
        float[] users = read("User", g.userIds(), dimension);
        float[] items = read("Item", g.itemIds(), dimension);
        return new FactorModel(dimension, g.users(), g.items(), users, items);
    }

    private float[] read(String label, String[] ids, int d) {
        Map<String, Integer> index = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            index.put(ids[i], i);
        }
        float[] out = new float[ids.length * d];
        String query = "User".equals(label)
                ? "MATCH (n:User) WHERE n.gdsFastRP IS NOT NULL RETURN n.id AS id, n.gdsFastRP AS v"
                : "MATCH (n:Item) WHERE n.gdsFastRP IS NOT NULL RETURN n.id AS id, n.gdsFastRP AS v";
        graph.read(tx -> {
            var result = tx.run(query);
            while (result.hasNext()) {
                Record r = result.next();
                Integer at = index.get(r.get("id").asString());
                if (at == null) {
                    continue;
                }
                List<Object> v = r.get("v").asList();
                if (v.size() != d) {
                    throw new IllegalStateException(label + " " + r.get("id").asString() + ": " + PROPERTY + " has "
                            + v.size() + " values, expected " + d);
                }
                for (int c = 0; c < d; c++) {
                    out[at * d + c] = ((Number) v.get(c)).floatValue();
                }
            }
            return null;
        });
        return out;
    }

    /** Removes {@link #PROPERTY} from every node; returns how many nodes carried it. */
    public long removeEmbeddings() {
        return session(s -> s.run("MATCH (n) WHERE n.gdsFastRP IS NOT NULL "
                + "CALL (n) { REMOVE n.gdsFastRP } IN TRANSACTIONS OF 10000 ROWS RETURN count(n) AS c").single()
                .get("c").asLong());
    }

    /** Drops a projection if it exists. */
    /**
     * Projects the items that have {@code modality}'s vector as graph {@code name}, the vector as node property
     * {@code vector} (what {@code gds.knn} compares); returns the nodes projected. Drop it with {@link #drop}.
     */
    public long projectVectors(String name, ModalityInfo modality) {
        return session(s -> s.run("MATCH (i:Item) WHERE i[$prop] IS NOT NULL "
                        + "WITH gds.graph.project($graph, i, null, {sourceNodeLabels: ['Item'], "
                        + "targetNodeLabels: null, sourceNodeProperties: {vector: [x IN i[$prop] | toFloat(x)]}, "
                        + "targetNodeProperties: null}) AS g RETURN g.nodeCount AS n",
                Map.of("graph", name, "prop", modality.property())).single().get("n").asLong());
    }

    public void drop(String name) {
        session(s -> s.run("CALL gds.graph.drop($graph, false) YIELD graphName RETURN graphName",
                Map.of("graph", name)).consume());
    }

    private <T> T session(java.util.function.Function<org.neo4j.driver.Session, T> work) {
        try (var s = graph.session()) {
            return work.apply(s);
        }
    }
}
