package org.graphrec.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordMapTest {

    record Sample(int count, long seed, double weight, String name, Map<String, Double> weights, List<Integer> ids) {
    }

    @Test
    void everyComponentInDeclarationOrderWithMapsSortedByKey() {
        Map<String, Object> map = RecordMap.of(new Sample(3, 42L, 0.5, "x", Map.of("text", 1.0, "image", 2.0),
                List.of(7, 1)));
        assertThat(map).containsExactly(Map.entry("count", 3), Map.entry("seed", 42L), Map.entry("weight", 0.5),
                Map.entry("name", "x"), Map.entry("weights", Map.of("image", 2.0, "text", 1.0)),
                Map.entry("ids", List.of(7, 1)));
        assertThat(map.get("weights")).hasToString("{image=2.0, text=1.0}");
    }

    @Test
    void nullComponentsStayNull() {
        assertThat(RecordMap.of(new Sample(0, 0, 0, null, Map.of(), List.of()))).containsEntry("name", null);
    }
}
