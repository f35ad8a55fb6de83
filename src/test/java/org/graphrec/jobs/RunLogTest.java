package org.graphrec.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLogTest {

    @TempDir
    Path dir;

    @Test
    void appendsOneJsonLinePerRun() throws Exception {
        Path file = dir.resolve("logs/refresh.jsonl");
        RunLog log = new RunLog(file, 1 << 20, 3);
        log.append(new java.util.TreeMap<>(Map.of("published", true, "imported", 12)));
        log.append(Map.of("published", false));
        assertThat(Files.readAllLines(file)).containsExactly("{\"imported\":12,\"published\":true}",
                "{\"published\":false}").hasSize(2);
    }

    @Test
    void rotatesBySizeAndKeepsTheNewestGenerations() throws Exception {
        Path file = dir.resolve("refresh.jsonl");
        RunLog log = new RunLog(file, 40, 2);
        for (int run = 1; run <= 5; run++) {
            log.append(Map.of("run", run, "pad", "xxxxxxxxxxxxxxxxxx"));
        }
        assertThat(Files.readString(file)).contains("\"run\":5");
        assertThat(Files.readString(dir.resolve("refresh.jsonl.1"))).contains("\"run\":4");
        assertThat(Files.readString(dir.resolve("refresh.jsonl.2"))).contains("\"run\":3");
        assertThat(dir.resolve("refresh.jsonl.3")).doesNotExist();
    }
}
