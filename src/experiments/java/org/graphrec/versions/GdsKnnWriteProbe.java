package org.graphrec.versions;

import java.util.Locale;
import java.util.Map;
import org.graphrec.bench.GdsPeer;
import org.graphrec.bench.GdsProcedures;
import org.graphrec.experiments.ExperimentOptions;
import org.graphrec.experiments.LayerTimer;
import org.graphrec.graph.GraphConnection;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.propagation.GraphLoader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Neo4j's own relationship write-back as the peer of the SIMILAR write: {@code gds.knn.write} (GDS 2.13.9 in this
 * embedded DBMS, test classpath) over one modality's vectors of a store ({@code -Dgraphrec.db}, a copy: it is written
 * to) with top 10, writing {@code SIMILAR_GDS {score}} relationships with {@code -Dgraphrec.concurrency} threads
 * (default 2); prints GDS's own compute and write times and its relationships written per second of write.
 */
class GdsKnnWriteProbe {

    @Test
    void write() {
        Assumptions.assumeTrue(GdsProcedures.onClasspath(), "GDS is not on the classpath");
        ExperimentOptions options = ExperimentOptions.of("GdsKnnWriteProbe", "db", "modality", "concurrency");
        String modality = options.text("modality", "image");
        long concurrency = options.integer("concurrency", 2, 1, 8);
        try (GraphConnection graph = LayerTimer.openStore(options, "db")) {
            GdsProcedures.register(graph.embedded().orElseThrow());
            GdsPeer peer = new GdsPeer(graph);
            var info = new GraphLoader(graph, ProgressTracker.none()).modalities().stream()
                    .filter(m -> m.name().equals(modality)).findFirst().orElseThrow();
            long nodes = peer.projectVectors("similar-write", info);
            try (var session = graph.session()) {
                long t = System.nanoTime();
                var r = session.run("CALL gds.knn.write('similar-write', {nodeProperties: {vector: 'COSINE'}, "
                        + "topK: 10, concurrency: $c, writeConcurrency: $c, writeRelationshipType: 'SIMILAR_GDS', "
                        + "writeProperty: 'score'}) YIELD relationshipsWritten, computeMillis, writeMillis "
                        + "RETURN relationshipsWritten AS n, computeMillis AS c, writeMillis AS w",
                        Map.of("c", concurrency)).single();
                double wall = (System.nanoTime() - t) / 1e9;
                long written = r.get("n").asLong();
                long writeMillis = r.get("w").asLong();
                System.out.printf(Locale.ROOT, "RESULT gds.knn.write %s: %,d items, concurrency %d, %,d relationships "
                        + "written in %.2f s (GDS write time) = %,.0f/s; compute %.2f s; call %.2f s%n", modality,
                        nodes, concurrency, written, writeMillis / 1e3, written / (writeMillis / 1e3),
                        r.get("c").asLong() / 1e3, wall);
            } finally {
                peer.drop("similar-write");
            }
        }
    }
}
