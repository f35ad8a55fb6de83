package org.graphrec.procedures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory scan behind graphrec.recommend / graphrec.similar, against hand-computed rankings. */
class ItemMatrixTest {

    // rows: a [1, 0], b [2, 2], c [0, 3], d [1, 0] (a's twin), e [0, 0]
    private final ItemMatrix m = new ItemMatrix("v", 2, List.of("ea", "eb", "ec", "ed", "ee"),
            List.of("a", "b", "c", "d", "e"), new float[] {1, 0, 2, 2, 0, 3, 1, 0, 0, 0});

    private List<String> ids(List<ItemMatrix.Hit> hits) {
        return hits.stream().map(h -> m.itemId(h.row())).toList();
    }

    @Test
    void dotProductRanksWithTiesByItemId() {
        // q = [1, 1]: a 1, b 4, c 3, d 1, e 0 → b, c, then the tie a/d by id
        var hits = m.best(new float[] {1, 1}, 4, true, null, r -> true);
        assertThat(ids(hits)).containsExactly("b", "c", "a", "d");
        assertThat(hits.get(0).score()).isEqualTo(4.0);
    }

    @Test
    void cosineRanksByAngleNotLength() {
        // q = [1, 0]: a 1, d 1, b 0.7071, c 0, e 0 (zero vector) → a, d, b
        var hits = m.best(new float[] {1, 0}, 3, false, null, r -> true);
        assertThat(ids(hits)).containsExactly("a", "d", "b");
        assertThat(hits.get(2).score()).isCloseTo(Math.sqrt(0.5), within(1e-12));
    }

    @Test
    void candidatesAndTheKeepFilterNarrowTheScan() {
        // only rows a, c, d (0, 2, 3); b excluded anyway; keep drops c → d and a tie at 1, a first
        var hits = m.best(new float[] {1, 1}, 5, true, new int[] {0, 2, 3}, r -> r != 2);
        assertThat(ids(hits)).containsExactly("a", "d");
        assertThat(m.row("ec")).isEqualTo(2);
        assertThat(m.row("nope")).isEqualTo(-1);
    }
}
