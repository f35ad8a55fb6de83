package org.graphrec.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.graphrec.testing.PerClassEmbeddedGraph;
import org.graphrec.procedures.ClusteredVectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code similar} on a catalogue at or above the size where {@code graphrec.similar} answers through its inverted
 * file (lowered here to 1,000 items by the system property): the default answer says it is approximate, holds
 * exact cosines and finds most of the exact list; {@code --exact} gives the list computed here by a full scan.
 */
class ApproximateSimilarTest extends PerClassEmbeddedGraph {

    private static final String MIN_ROWS = "graphrec.similar.approximateFrom";
    private static final int ITEMS = 3_000;
    private static final int D = 16;
    private static final Map<String, double[]> VECTORS = new LinkedHashMap<>();
    private static String before;

    @BeforeAll
    static void catalogue() {
        before = System.getProperty(MIN_ROWS);
        System.setProperty(MIN_ROWS, "1000");
        float[] values = ClusteredVectors.of(ITEMS, D, 30, 0.6, 21);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int r = 0; r < ITEMS; r++) {
            String id = String.format(Locale.ROOT, "i%05d", r);
            double[] v = new double[D];
            for (int j = 0; j < D; j++) {
                v[j] = values[r * D + j];
            }
            VECTORS.put(id, v);
            items.add(Map.of("id", id));
        }
        graph.write(tx -> tx.run("UNWIND $items AS row CREATE (:Item {id: row.id, title: 'item ' + row.id})",
                Map.of("items", items)).consume());
        ServingFixtures.writeModality(graph, "image", VECTORS);
    }

    @AfterAll
    static void restore() {
        if (before == null) {
            System.clearProperty(MIN_ROWS);
        } else {
            System.setProperty(MIN_ROWS, before);
        }
        graph.query("CALL graphrec.cache.clear()", Map.of());
    }

    /** The exact top-k by cosine (computed in double from the float32 vectors), the item left out, ties by id. */
    private static List<String> exactTopK(String itemId, int k) {
        double[] q = VECTORS.get(itemId);
        record Scored(String id, double score) {
        }
        return VECTORS.entrySet().stream().filter(e -> !e.getKey().equals(itemId))
                .map(e -> new Scored(e.getKey(), cosine(q, e.getValue())))
                .sorted(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::id))
                .limit(k).map(Scored::id).toList();
    }

    private static double cosine(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int j = 0; j < a.length; j++) {
            double x = (float) a[j];
            double y = (float) b[j];
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void theDefaultAnswerIsApproximateWithExactScoresAndExactIsTheFullScan() {
        SimilarItems similar = new SimilarItems(graph);
        double recall = 0;
        int approximate = 0;
        int differ = 0;
        int asked = 60;
        for (int r = 0; r < ITEMS; r += ITEMS / asked) {
            String id = String.format(Locale.ROOT, "i%05d", r);
            List<String> truth = exactTopK(id, 10);
            SimilarItems.Result exact = similar.similar(id, 10, "image", true);
            assertThat(exact.exact()).isTrue();
            assertThat(exact.items()).extracting(Recommendations.Item::itemId).containsExactlyElementsOf(truth);
            SimilarItems.Result served = similar.similar(id, 10, "image");
            approximate += served.exact() ? 0 : 1;
            for (Recommendations.Item item : served.items()) {
                assertThat(item.score()).isCloseTo(cosine(VECTORS.get(id), VECTORS.get(item.itemId())), within(1e-9));
            }
            Set<String> found = new HashSet<>(truth);
            found.retainAll(served.items().stream().map(Recommendations.Item::itemId).toList());
            recall += found.size() / 10.0;
            differ += served.items().stream().map(Recommendations.Item::itemId).toList().equals(truth) ? 0 : 1;
        }
        assertThat(approximate).isEqualTo(asked);
        assertThat(recall / asked).isGreaterThanOrEqualTo(0.9);
        // the route is not the exact scan in disguise: some lists differ
        assertThat(differ).isPositive();
    }

    @Test
    void theLibraryFileAndTheProcedureSayWhichRouteAnswered() {
        List<Boolean> exact = graph.query("CALL graphrec.similar('i00007', 5, 'image', {exact: true}) YIELD exact "
                + "RETURN exact", Map.of()).stream().map(r -> r.get("exact").asBoolean()).toList();
        assertThat(exact).containsExactly(true, true, true, true, true);
        List<Boolean> approximate = graph.query("CALL graphrec.similar('i00007', 5, 'image') YIELD exact "
                + "RETURN exact", Map.of()).stream().map(r -> r.get("exact").asBoolean()).toList();
        assertThat(approximate).containsExactly(false, false, false, false, false);
        LibraryQuery file = CypherLibrary.load().get("recommend/similar-items");
        var rows = graph.query(file.cypher(), file.bind(Map.of("itemId", "i00007", "k", 5L, "modality", "image",
                "exact", true)));
        assertThat(rows).extracting(r -> r.get("itemId").asString())
                .containsExactlyElementsOf(exactTopK("i00007", 5));
        assertThatThrownBy(() -> graph.query("CALL graphrec.similar('i00007', 5, 'image', {exact: 'yes'}) "
                + "YIELD itemId RETURN itemId", Map.of()))
                .hasMessageContaining("graphrec.similar: options.exact must be true or false, found yes");
    }
}
