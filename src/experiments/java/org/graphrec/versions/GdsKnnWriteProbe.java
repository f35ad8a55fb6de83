package org.graphrec.versions;

import java.util.Locale;
import java.util.Map;
import org.graphrec.bench.GdsProcedures;
import org.graphrec.experiments.ExperimentOptions;
import org.graphrec.experiments.LayerTimer;
import org.graphrec.graph.GraphConnection;
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
            String property = graph.read(tx -> tx.run("MATCH (m:Modality {name: $m}) RETURN m.property AS p",
                    Map.of("m", modality)).single().get("p").asString());
            try (var session = graph.session()) {
                long nodes = session.run("MATCH (i:Item) WHERE i[$prop] IS NOT NULL "
                        + "WITH gds.graph.project('similar-write', i, null, {sourceNodeLabels: ['Item'], "
                        + "targetNodeLabels: null, sourceNodeProperties: {vector: [x IN i[$prop] | toFloat(x)]}, "
                        + "targetNodeProperties: null}) AS g RETURN g.nodeCount AS n", Map.of("prop", property))
                        .single().get("n").asLong();
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
            }
        }
    }
}
