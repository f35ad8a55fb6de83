package org.graphrec.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The collector the launcher picks ({@code shell/graphrec-gc}): ParallelGC for batch commands, the JVM's default
 * (G1) for the interactive shell, serving and quick commands, and whatever JAVA_OPTS names when it names one.
 */
class LauncherCollectorTest {

    private static final String PARALLEL = "-XX:+UseParallelGC";

    @Test
    void batchCommandsRunUnderTheThroughputCollector() throws Exception {
        assertThat(collector("", "--db", "/s", "propagate", "--mode", "closed-form")).isEqualTo(PARALLEL);
        assertThat(collector("", "--pagecache", "2048", "--db", "/s", "import", "--path", "x")).isEqualTo(PARALLEL);
        assertThat(collector("", "refresh", "--input", "landing")).isEqualTo(PARALLEL);
        assertThat(collector("", "--db", "/s", "--file", "nightly.txt")).isEqualTo(PARALLEL);
        assertThat(collector("", "bench", "import", "--synthetic", "1000")).isEqualTo(PARALLEL);
        assertThat(collector("", "generate", "--users", "10")).isEqualTo(PARALLEL);
        assertThat(collector("", "demo")).isEqualTo(PARALLEL);
    }

    @Test
    void shellServingAndQuickCommandsKeepTheDefault() throws Exception {
        assertThat(collector("")).isEmpty();
        assertThat(collector("", "--db", "/s")).isEmpty();
        assertThat(collector("", "--uri", "bolt://h:7687", "server")).isEmpty();
        assertThat(collector("", "bench", "serve", "--out", "d")).isEmpty();
        assertThat(collector("", "recommend", "--user", "u1")).isEmpty();
        // an option value that looks like a batch command is not the command
        assertThat(collector("", "--db", "propagate", "stats")).isEmpty();
    }

    @Test
    void aCollectorInJavaOptsWins() throws Exception {
        assertThat(collector("-Xmx8g -XX:+UseG1GC", "propagate")).isEmpty();
        assertThat(collector("-XX:+UseZGC", "import")).isEmpty();
        assertThat(collector("-Xmx8g", "propagate")).isEqualTo(PARALLEL);
    }

    private static String collector(String javaOpts, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", Path.of("shell", "graphrec-gc").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_OPTS", javaOpts);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
