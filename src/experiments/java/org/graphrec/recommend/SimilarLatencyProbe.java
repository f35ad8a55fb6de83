package org.graphrec.recommend;

import java.util.List;
import java.util.Map;
import org.graphrec.experiments.ExperimentOptions;
import org.graphrec.experiments.LayerTimer;
import org.graphrec.graph.GraphConnection;
import org.junit.jupiter.api.Test;

/**
 * Where a similar call's time goes on an existing propagated store (not a test: no assertions): the bare
 * {@code graphrec.similar} call by the default route and exact, then the shell's service, per modality, interleaved
 * call by call on the same seeded items. {@code mvn -Pexperiments -o test -Dtest=SimilarLatencyProbe
 * -Dgraphrec.db=STORE [-Dgraphrec.modalities=image,text]}.
 */
class SimilarLatencyProbe {

    @Test
    void probe() {
        ExperimentOptions options = ExperimentOptions.of("SimilarLatencyProbe", "db", "warmup", "samples",
                "modalities");
        try (GraphConnection graph = LayerTimer.openStore(options, "db")) {
            int warmup = options.integer("warmup", 300, 0, 1_000_000);
            int samples = options.integer("samples", 500, 1, 1_000_000);
            List<String> sampled = LayerTimer.seededIds(graph, "Item", 300_000, warmup + samples, 1);
            SimilarItems service = new SimilarItems(graph);
            for (String modality : options.text("modalities", "image,text").split(",")) {
                service.similar(sampled.get(0), 10, modality); // builds the copy outside the timed calls
                System.out.println(modality + ":");
                System.out.println(new LayerTimer()
                        .layer("CALL graphrec.similar (default)", c -> graph.query("CALL graphrec.similar($id, 18, "
                                + "$m) YIELD rank RETURN rank", Map.of("id", sampled.get(c), "m", modality)))
                        .layer("CALL graphrec.similar {exact: true}", c -> graph.query("CALL graphrec.similar($id, "
                                + "18, $m, {exact: true}) YIELD rank RETURN rank", Map.of("id", sampled.get(c),
                                "m", modality)))
                        .layer("similar service", c -> service.similar(sampled.get(c), 10, modality))
                        .run(warmup, samples));
            }
        }
    }
}
