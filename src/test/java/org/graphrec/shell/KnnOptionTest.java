package org.graphrec.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.graphrec.config.UserException;
import org.graphrec.propagation.KnnMethod;
import org.junit.jupiter.api.Test;

class KnnOptionTest {

    @Test
    void knnAcceptsTheThreeMethodsInAnyCase() {
        assertThat(PropagateCommands.knnMethod("exact")).isEqualTo(KnnMethod.EXACT);
        assertThat(PropagateCommands.knnMethod("APPROX")).isEqualTo(KnnMethod.APPROX);
        assertThat(PropagateCommands.knnMethod(" auto ")).isEqualTo(KnnMethod.AUTO);
    }

    @Test
    void aBadKnnValueIsOneLineListingTheChoicesWithExitCode2() {
        assertThatThrownBy(() -> PropagateCommands.knnMethod("hnsw")).isInstanceOf(UserException.class)
                .hasMessage("--knn: expected exact, approx, auto, found 'hnsw'")
                .satisfies(e -> assertThat(((UserException) e).exitCode()).isEqualTo(2));
    }

    @Test
    void autoIsExactBelowTheMeasuredThresholdAndApproxFromIt() {
        int threshold = KnnMethod.AUTO_APPROX_ITEMS;
        assertThat(KnnMethod.AUTO.resolve(threshold - 1)).isEqualTo(KnnMethod.EXACT);
        assertThat(KnnMethod.AUTO.resolve(threshold)).isEqualTo(KnnMethod.APPROX);
        assertThat(KnnMethod.EXACT.resolve(10 * threshold)).isEqualTo(KnnMethod.EXACT);
        assertThat(KnnMethod.APPROX.resolve(3)).isEqualTo(KnnMethod.APPROX);
    }
}
