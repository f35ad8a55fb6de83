package org.graphrec.recommend;

import java.io.DataOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.graphrec.experiments.ExperimentOptions;
import org.graphrec.experiments.LayerTimer;
import org.graphrec.graph.GraphConnection;
import org.graphrec.graph.ResultRow;
import org.junit.jupiter.api.Test;

/**
 * Dumps a propagated store's vectors to plain files for {@code procedures.PrunedScanProbe}: the published fused item
 * embeddings (fused.items), every modality's item vectors (PROPERTY.items) and 2,000 users' fused embeddings spread over the
 * id range (fused.users), float32 big-endian after an int header (rows, dimension). Not a test.
 * {@code mvn -Pexperiments -o test -Dtest=VectorDumpProbe -Dgraphrec.db=STORE -Dgraphrec.out=DIR}.
 */
class VectorDumpProbe {

    @Test
    void dump() throws IOException {
        ExperimentOptions options = ExperimentOptions.of("VectorDumpProbe", "db", "out");
        Path out = Path.of(options.text("out", "/tmp/vectors"));
        Files.createDirectories(out);
        try (GraphConnection graph = LayerTimer.openStore(options, "db")) {
            long v = graph.query("MATCH (p:PublishedVersion {name: 'fused'}) RETURN p.version AS v", Map.of())
                    .get(0).get("v").asLong();
            List<String> properties = new java.util.ArrayList<>(List.of("embedding_v" + v));
            graph.query("MATCH (m:Modality) RETURN m.property AS p ORDER BY p", Map.of())
                    .forEach(r -> properties.add(r.get("p").asString()));
            for (String prop : properties) {
                write(out.resolve(prop.startsWith("embedding") ? "fused.items" : prop + ".items"), graph.query(
                        "MATCH (i:Item) WHERE i[$p] IS NOT NULL RETURN i[$p] AS v", Map.of("p", prop)));
            }
            // users spread over the whole id range: every (count / 2000)-th by id
            long users = graph.query("MATCH (u:User) WHERE u[$p] IS NOT NULL RETURN count(u) AS c",
                    Map.of("p", "embedding_v" + v)).get(0).get("c").asLong();
            write(out.resolve("fused.users"), graph.query("MATCH (u:User) WHERE u[$p] IS NOT NULL "
                    + "WITH u ORDER BY u.id WITH collect(u) AS sorted "
                    + "UNWIND range(0, size(sorted) - 1, $step) AS i RETURN sorted[i][$p] AS v",
                    Map.of("p", "embedding_v" + v, "step", Math.max(1, users / 2000))));
        }
    }

    private static void write(Path file, List<ResultRow> rows) throws IOException {
        try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            List<Double> first = rows.get(0).get("v").asList(x -> x.asDouble());
            o.writeInt(rows.size());
            o.writeInt(first.size());
            for (ResultRow r : rows) {
                for (Double x : r.get("v").asList(x -> x.asDouble())) {
                    o.writeFloat(x.floatValue());
                }
            }
        }
        System.out.println(file + ": " + rows.size());
    }
}
