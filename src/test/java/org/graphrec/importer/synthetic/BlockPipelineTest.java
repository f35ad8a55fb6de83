package org.graphrec.importer.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BlockPipelineTest {

    @Test
    void deliversBlocksInOrderForAnyThreadCount() {
        for (int threads : new int[] {1, 2, 3}) {
            List<int[]> blocks = new ArrayList<>();
            BlockPipeline.run(1000, 64, threads, (from, to) -> {
                if (from % 128 == 0) {
                    Thread.onSpinWait(); // uneven work
                }
                return new int[] {from, to};
            }, blocks::add);
            assertThat(blocks).hasSize(16);
            for (int b = 0; b < blocks.size(); b++) {
                assertThat(blocks.get(b)).containsExactly(64 * b, Math.min(1000, 64 * (b + 1)));
            }
        }
    }

    @Test
    void emptyRangeProducesNothingAndWorkerErrorsReachTheCaller() {
        List<Object> none = new ArrayList<>();
        BlockPipeline.run(0, 10, 2, (from, to) -> from, none::add);
        assertThat(none).isEmpty();
        assertThatThrownBy(() -> BlockPipeline.run(100, 10, 2, (from, to) -> {
            if (from == 50) {
                throw new IllegalArgumentException("block 50 failed");
            }
            return from;
        }, x -> { })).isInstanceOf(IllegalArgumentException.class).hasMessage("block 50 failed");
        assertThat(IntStream.of(SyntheticGenerator.usersPerBlock(1500, 2), SyntheticGenerator.usersPerBlock(10, 2),
                SyntheticGenerator.usersPerBlock(10_000_000, 2))).containsExactly(93, 64, 2048);
    }
}
