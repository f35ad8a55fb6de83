package org.graphrec.recommend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.graphrec.experiments.ExperimentOptions;
import org.graphrec.experiments.LayerTimer;
import org.graphrec.graph.GraphConnection;
import org.junit.jupiter.api.Test;

/**
 * Where a {@code neighbours} call spends its time on a given store (not a test: it prints, it asserts nothing):
 * the neighbourhood procedure alone (only the sizes returned), the load (lists to arrays through the driver), the
 * walk on an already loaded neighbourhood, the walking procedure, the seed look-up, and the whole service, for users and items sampled with a seed. The first call
 * builds the procedure's index (timed apart). {@code mvn -Pexperiments -o test -Dtest=NeighbourhoodLatencyProbe
 * -Dgraphrec.db=STORE [-Dgraphrec.samples=300]}.
 */
class NeighbourhoodLatencyProbe {

    @Test
    void probe() {
        ExperimentOptions options = ExperimentOptions.of("NeighbourhoodLatencyProbe", "db", "warmup", "samples");
        try (GraphConnection graph = LayerTimer.openStore(options, "db")) {
            int samples = options.integer("samples", 300, 1, 100_000);
            int warmup = options.integer("warmup", 100, 0, 100_000);
            NeighbourhoodParameters p = NeighbourhoodParameters.defaults(10);
            NeighbourhoodRecommender service = new NeighbourhoodRecommender(graph);
            for (String kind : List.of("User", "Item")) {
                List<String> ids = new ArrayList<>(graph.read(tx -> tx.run("MATCH (n:" + kind + ") RETURN n.id AS id")
                        .list(r -> r.get("id").asString())));
                Collections.shuffle(ids, new Random(7));
                long start = System.nanoTime();
                Neighbourhood.load(graph, kind + ":" + ids.get(0), p);
                System.out.printf("%s: first load (index built if needed) %d ms%n", kind,
                        (System.nanoTime() - start) / 1_000_000);
                Neighbourhood[] loaded = new Neighbourhood[1];
                LayerTimer timer = new LayerTimer()
                        .layer("procedure only", c -> graph.query("CALL graphrec.neighbourhood($seed) YIELD keys, "
                                + "edgeFrom RETURN size(keys) AS nodes, size(edgeFrom) AS edges",
                                Map.of("seed", kind + ":" + ids.get(c % ids.size()))))
                        .layer("load", c -> loaded[0] = Neighbourhood.load(graph, kind + ":" + ids.get(c % ids.size()),
                                p))
                        .layer("walk", c -> PersonalizedPageRank.run(loaded[0].vertexCount(), loaded[0].edgeFrom(),
                                loaded[0].edgeTo(), loaded[0].edgeWeight(), 0, p.restart(), p.iterations(),
                                p.tolerance()))
                        .layer("CALL graphrec.neighbours (ids only)", c -> graph.query("CALL graphrec.neighbours($seed, "
                                + "10) YIELD itemIds, nodes RETURN itemIds, nodes",
                                Map.of("seed", kind + ":" + ids.get(c % ids.size()))))
                        .layer("seed look-up (GraphLookup.require)", c -> GraphLookup.require(graph,
                                kind.equals("User") ? GraphLookup.Kind.USER : GraphLookup.Kind.ITEM,
                                ids.get(c % ids.size())))
                        .layer("service", c -> {
                            String id = ids.get(c % ids.size());
                            if (kind.equals("User")) {
                                service.forUser(id, p);
                            } else {
                                service.forItem(id, p);
                            }
                        });
                System.out.println(kind + "\n" + timer.run(warmup, samples));
                System.out.printf("last: %d nodes, %d edges%n%n", loaded[0].vertexCount(), loaded[0].edgeCount());
            }
        }
    }
}
