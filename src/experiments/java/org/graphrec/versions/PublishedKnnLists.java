package org.graphrec.versions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.graphrec.graph.GraphConnection;

/**
 * One modality's published kNN lists read back from a propagated store, for the SIMILAR write probes: each source
 * item's neighbours and scores, best first, sources by id.
 *
 * @param sources the items that have a list, by id
 * @param lists   their neighbours' ids, best first
 * @param scores  the matching scores
 */
record PublishedKnnLists(List<String> sources, List<List<String>> lists, List<List<Double>> scores) {

    static PublishedKnnLists read(GraphConnection graph, String modality) {
        List<String> sources = new ArrayList<>();
        List<List<String>> lists = new ArrayList<>();
        List<List<Double>> scores = new ArrayList<>();
        graph.read(tx -> {
            tx.run("MATCH (a:Item)-[s:SIMILAR {modality: $m}]->(b:Item) WHERE s.version = "
                    + SimilarGraph.PUBLISHED_SIMILAR_VERSION + " WITH a, s, b ORDER BY a.id, s.rank "
                    + "RETURN a.id AS a, collect(b.id) AS b, collect(s.score) AS s", Map.of("m", modality))
                    .forEachRemaining(r -> {
                        sources.add(r.get("a").asString());
                        lists.add(r.get("b").asList(v -> v.asString()));
                        scores.add(r.get("s").asList(v -> v.asDouble()));
                    });
            return null;
        });
        return new PublishedKnnLists(sources, lists, scores);
    }
}
