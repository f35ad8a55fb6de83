package org.graphrec.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequireTest {

    @Test
    void valuesInRangeComeBackUnchanged() {
        assertThat(Require.atLeast("k", 1, 1)).isEqualTo(1);
        assertThat(Require.notNegative("k", 0)).isZero();
        assertThat(Require.notNegative("shrink", 0.0)).isZero();
        assertThat(Require.notNegative("shrink", 2.5)).isEqualTo(2.5);
    }

    @Test
    void valuesOutOfRangeAreRefusedWithNameBoundAndValue() {
        assertThatThrownBy(() -> Require.atLeast("threads", 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads must be at least 1, got 0");
        assertThatThrownBy(() -> Require.notNegative("k", -1)).hasMessage("k may not be negative, got -1");
        assertThatThrownBy(() -> Require.notNegative("shrink", -0.5))
                .hasMessage("shrink may not be negative, got -0.5");
        assertThatThrownBy(() -> Require.notNegative("shrink", Double.NaN))
                .hasMessage("shrink may not be negative, got NaN");
    }

    @Test
    void theCoreConstructorsUseIt() {
        assertThatThrownBy(() -> new Parallel(0)).hasMessage("threads must be at least 1, got 0");
        assertThatThrownBy(() -> new TopK.Accumulator(-2)).hasMessage("k may not be negative, got -2");
    }
}
