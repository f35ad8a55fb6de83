package org.graphrec.propagation.trained;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class MMRecFilesTest {

    @Test
    void halfPrecisionDecodes() {
        assertThat(MMRecFiles.halfToFloat((short) 0x3c00)).isEqualTo(1.0f);
        assertThat(MMRecFiles.halfToFloat((short) 0xc000)).isEqualTo(-2.0f);
        assertThat(MMRecFiles.halfToFloat((short) 0x3555)).isEqualTo(0.33325195f);
        assertThat(MMRecFiles.halfToFloat((short) 0x0001)).isEqualTo(5.9604645e-8f);
        assertThat(MMRecFiles.halfToFloat((short) 0x7bff)).isEqualTo(65504f);
        assertThat(MMRecFiles.halfToFloat((short) 0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
    }

    @Test
    void loadsTikTokWithBothModalities() throws Exception {
        Path folder = MMRecFiles.dataRoot().resolve("tiktok");
        assumeTrue(Files.isDirectory(folder), "shared data not found at " + folder);
        TrainingGraph graph = MMRecFiles.load(folder, "tiktok", List.of("image", "audio"));
        assertThat(graph.users()).isEqualTo(9308);
        assertThat(graph.items()).isEqualTo(6710);
        assertThat(graph.trainEdges()).isEqualTo(59541);
        int valid = 0;
        int test = 0;
        for (int u = 0; u < graph.users(); u++) {
            valid += graph.validItems()[u].length;
            test += graph.testItems()[u].length;
        }
        assertThat(valid).isEqualTo(3051);
        assertThat(test).isEqualTo(6130);
        assertThat(graph.modalities()).extracting(TrainingGraph.Modality::dimension).containsExactly(128, 128);
    }
}
