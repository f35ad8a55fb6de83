package org.graphrec.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongIntMapTest {

    @Test
    void putIfAbsentKeepsTheFirstValue() {
        LongIntMap map = new LongIntMap(2);
        assertThat(map.putIfAbsent(7, 1, -1)).isEqualTo(-1);
        assertThat(map.putIfAbsent(7, 2, -1)).isEqualTo(1);
        assertThat(map.get(7, -1)).isEqualTo(1);
        assertThat(map.get(8, -1)).isEqualTo(-1);
        assertThat(map.putIfAbsent(Long.MAX_VALUE, 3, -1)).isEqualTo(-1);
        assertThat(map.putIfAbsent(-5, 4, -1)).isEqualTo(-1);
        assertThat(map.putIfAbsent(Long.MIN_VALUE, 5, -1)).isEqualTo(-1);
        assertThat(map.size()).isEqualTo(4);
        assertThat(map.get(Long.MIN_VALUE, -1)).isEqualTo(5);
        // cleared: every key gone, and the map works as new
        map.clear();
        assertThat(map.size()).isZero();
        assertThat(map.get(7, -1)).isEqualTo(-1);
        assertThat(map.get(-5, -1)).isEqualTo(-1);
        assertThat(map.putIfAbsent(7, 9, -1)).isEqualTo(-1);
        assertThat(map.get(7, -1)).isEqualTo(9);
    }

    @Test
    void growsAndAgreesWithAHashMapAcrossClears() {
        LongIntMap map = new LongIntMap(4);
        Map<Long, Integer> expected = new HashMap<>();
        Random random = new Random(3);
        for (int i = 0; i < 50_000; i++) {
            if (i % 20_000 == 10_000) {
                map.clear();
                expected.clear();
            }
            // clustered and spread keys, many repeats
            long key = i % 2 == 0 ? random.nextInt(20_000) : random.nextLong() >> 20 << 20;
            Integer had = expected.putIfAbsent(key, i);
            assertThat(map.putIfAbsent(key, i, -1)).isEqualTo(had == null ? -1 : had);
        }
        assertThat(map.size()).isEqualTo(expected.size());
        expected.forEach((k, v) -> assertThat(map.get(k, -1)).isEqualTo(v));
    }
}
