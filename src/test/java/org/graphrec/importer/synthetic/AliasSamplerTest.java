package org.graphrec.importer.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class AliasSamplerTest {

    @Test
    void drawsInProportionToTheWeightsAndNeverAZeroWeight() {
        AliasSampler sampler = new AliasSampler(new double[] {0, 1, 3, 0, 4});
        SplittableRandom random = new SplittableRandom(1);
        int[] counts = new int[5];
        int draws = 80_000;
        for (int j = 0; j < draws; j++) {
            counts[sampler.sample(random)]++;
        }
        assertThat(counts[0]).isZero();
        assertThat(counts[3]).isZero();
        // expected shares 1/8, 3/8, 4/8; the standard error at 80,000 draws is below 0.002
        assertThat(counts[1] / (double) draws).isCloseTo(0.125, Offset.offset(0.01));
        assertThat(counts[2] / (double) draws).isCloseTo(0.375, Offset.offset(0.01));
        assertThat(counts[4] / (double) draws).isCloseTo(0.5, Offset.offset(0.01));
    }

    @Test
    void aSingleWeightIsAlwaysDrawnAndBadWeightsAreRefused() {
        AliasSampler one = new AliasSampler(new double[] {2.5});
        assertThat(one.sample(new SplittableRandom(3))).isZero();
        assertThatThrownBy(() -> new AliasSampler(new double[] {0, 0})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AliasSampler(new double[] {1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AliasSampler(new double[] {1, -1})).isInstanceOf(IllegalArgumentException.class);
    }
}
