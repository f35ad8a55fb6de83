package org.graphrec.versions;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.graphrec.config.ConnectionSettings;
import org.graphrec.experiments.ExperimentOptions;
import org.graphrec.experiments.LayerTimer;
import org.graphrec.graph.GraphConnection;
import org.graphrec.graph.InProcessWrites;
import org.junit.jupiter.api.Test;
import org.neo4j.exceptions.KernelException;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;
import org.neo4j.values.storable.Value;
import org.neo4j.values.storable.Values;

/**
 * Variants of the first SIMILAR write on a real kNN graph: reads one modality's published kNN lists from a propagated
 * store ({@code -Dgraphrec.db}) and writes them once into another store of the same catalogue that has no SIMILAR
 * relationships yet ({@code -Dgraphrec.target}, a copy: it is written to), as {@code propagate}'s first write does.
 * {@code -Dgraphrec.api=core|kernel}, {@code -Dgraphrec.score=double|float}, {@code -Dgraphrec.batch=N}
 * relationships per transaction, {@code -Dgraphrec.jfr=FILE} records a JFR profile of the write. Prints wall and
 * process CPU time.
 */
class SimilarWriteVariantsProbe {

    private static final RelationshipType SIMILAR = RelationshipType.withName("SIMILAR");

    @Test
    void write() {
        ExperimentOptions options = ExperimentOptions.of("SimilarWriteVariantsProbe", "db", "target", "modality",
                "api", "score", "batch", "jfr");
        String modality = options.text("modality", "image");
        List<String> sources;
        List<List<String>> lists;
        List<List<Double>> scores;
        try (GraphConnection graph = LayerTimer.openStore(options, "db")) {
            PublishedKnnLists published = PublishedKnnLists.read(graph, modality);
            sources = published.sources();
            lists = published.lists();
            scores = published.scores();
        }
        String api = options.text("api", "core");
        boolean asFloat = options.text("score", "double").equals("float");
        int batch = options.integer("batch", SimilarGraph.IN_PROCESS_BATCH, 100, 1_000_000);
        try (GraphConnection graph = GraphConnection.open(ConnectionSettings.embedded(Path.of(
                options.text("target", null))))) {
            org.graphrec.graph.SchemaBootstrap.apply(graph);
            InProcessWrites writes = graph.inProcessWrites().orElseThrow();
            Map<String, Long> byId = writes.nodeIds("Item", "id");
            int total = lists.stream().mapToInt(List::size).sum();
            long[] from = new long[total];
            long[] to = new long[total];
            float[] s = new float[total];
            int[] rank = new int[total];
            int n = 0;
            for (int i = 0; i < lists.size(); i++) {
                for (int p = 0; p < lists.get(i).size(); p++) {
                    from[n] = byId.get(sources.get(i));
                    to[n] = byId.get(lists.get(i).get(p));
                    s[n] = scores.get(i).get(p).floatValue();
                    rank[n] = p + 1;
                    n++;
                }
            }
            System.out.printf(Locale.ROOT, "%s: %,d relationships, api %s, score %s, batch %,d%n", modality, total,
                    api, asFloat ? "float" : "double", batch);
            long version = 900_000;
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            String jfr = options.text("jfr", null);
            jdk.jfr.Recording recording = null;
            if (jfr != null) {
                try {
                    recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                } catch (java.io.IOException | java.text.ParseException e) {
                    throw new IllegalStateException(e);
                }
                recording.start();
            }
            long cpu = os.getProcessCpuTime();
            long t = System.nanoTime();
            for (int first = 0; first < total; first += batch) {
                int a = first;
                int b = Math.min(total, first + batch);
                writes.write(tx -> {
                    if (api.equals("kernel")) {
                        writeKernel(tx, a, b, from, to, s, rank, modality, version, asFloat);
                    } else {
                        for (int r = a; r < b; r++) {
                            Node x = InProcessWrites.node(tx, from[r]);
                            Relationship rel = x.createRelationshipTo(InProcessWrites.node(tx, to[r]), SIMILAR);
                            rel.setProperty("modality", modality);
                            rel.setProperty("version", version);
                            if (asFloat) {
                                rel.setProperty("score", s[r]);
                            } else {
                                rel.setProperty("score", (double) s[r]);
                            }
                            rel.setProperty("rank", (long) rank[r]);
                        }
                    }
                    return null;
                });
            }
            double secs = (System.nanoTime() - t) / 1e9;
            double cpuSecs = (os.getProcessCpuTime() - cpu) / 1e9;
            if (recording != null) {
                try {
                    recording.dump(Path.of(jfr));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
                recording.close();
            }
            System.out.printf(Locale.ROOT, "RESULT api=%s score=%s batch=%d: write %,d in %.2f s = %,.0f/s, process "
                    + "CPU %.2f s (%,.0f per CPU-second)%n", api, asFloat ? "float" : "double", batch, total, secs,
                    total / secs, cpuSecs, total / cpuSecs);
        }
    }

    private static void writeKernel(org.neo4j.graphdb.Transaction tx, int a, int b, long[] from, long[] to, float[] s,
                                    int[] rank, String modality, long version, boolean asFloat) {
        KernelTransaction ktx = ((InternalTransaction) tx).kernelTransaction();
        try {
            var tokens = ktx.tokenWrite();
            int type = tokens.relationshipTypeGetOrCreateForName("SIMILAR");
            int kModality = tokens.propertyKeyGetOrCreateForName("modality");
            int kVersion = tokens.propertyKeyGetOrCreateForName("version");
            int kScore = tokens.propertyKeyGetOrCreateForName("score");
            int kRank = tokens.propertyKeyGetOrCreateForName("rank");
            Value m = Values.stringValue(modality);
            Value v = Values.longValue(version);
            var write = ktx.dataWrite();
            for (int r = a; r < b; r++) {
                long rel = write.relationshipCreate(from[r], type, to[r]);
                write.relationshipSetProperty(rel, kModality, m);
                write.relationshipSetProperty(rel, kVersion, v);
                write.relationshipSetProperty(rel, kScore,
                        asFloat ? Values.floatValue(s[r]) : Values.doubleValue(s[r]));
                write.relationshipSetProperty(rel, kRank, Values.longValue(rank[r]));
            }
        } catch (KernelException e) {
            throw new IllegalStateException(e);
        }
    }
}
