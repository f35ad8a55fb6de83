package org.graphrec.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MemoryEstimateTest {

    @Test
    void anInnerNodeIsTheSumOfItsPartsAndDescribesTheFirstLevel() {
        MemoryEstimate tree = MemoryEstimate.sum("propagate closed-form",
                MemoryEstimate.of("interaction graph", 3L << 20),
                MemoryEstimate.sum("closed form", MemoryEstimate.of("kNN image", 5L << 20),
                        MemoryEstimate.of("spectral working set", 2L << 30)));
        assertThat(tree.bytes()).isEqualTo((3L << 20) + (5L << 20) + (2L << 30));
        assertThat(tree.children().get(1).bytes()).isEqualTo((5L << 20) + (2L << 30));
        assertThat(tree.describe()).isEqualTo("propagate closed-form 2.0 GiB (interaction graph 3 MiB, closed form "
                + "2.0 GiB)");
        assertThat(tree.render()).isEqualTo("""
                propagate closed-form: 2.0 GiB
                  interaction graph: 3 MiB
                  closed form: 2.0 GiB
                    kNN image: 5 MiB
                    spectral working set: 2.0 GiB
                """);
    }

    /** The suggested heap is the estimate plus a quarter, rounded up to a whole GiB. */
    @ParameterizedTest
    @CsvSource({"1, -Xmx1g", "858993459, -Xmx1g", "858993460, -Xmx2g", "10737418240, -Xmx13g"})
    void suggestedHeapLeavesAQuarterForTheCollector(long bytes, String expected) {
        assertThat(MemoryEstimate.of("run", bytes).suggestedXmx()).isEqualTo(expected);
    }

    @Test
    void fitsComparesWithTheHeapAndNegativeSizesAreRefused() {
        assertThat(MemoryEstimate.of("run", 100).fits(100)).isTrue();
        assertThat(MemoryEstimate.of("run", 101).fits(100)).isFalse();
        assertThatThrownBy(() -> MemoryEstimate.of("run", -1)).hasMessageContaining("run");
    }
}
