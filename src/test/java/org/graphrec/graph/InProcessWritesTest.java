package org.graphrec.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The collector check writers size their transactions by. */
class InProcessWritesTest {

    @Test
    void underG1FollowsTheCollectorThisJvmRuns() {
        boolean parallel = ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+UseParallelGC");
        boolean g1Beans = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .anyMatch(gc -> gc.getName().equals("G1 Young Generation"));
        // the tests run under ParallelGC (pom.xml's argLine): not G1, and the check agrees with the JVM's beans
        assertThat(parallel).isTrue();
        assertThat(InProcessWrites.underG1()).isFalse().isEqualTo(g1Beans);
    }
}
