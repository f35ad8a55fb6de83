package org.graphrec.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    /** The progress's clock, in milliseconds, moved by hand. */
    private final AtomicLong clock = new AtomicLong(0);

    private ConsoleProgress progress(boolean terminal, long logIntervalMillis) {
        return new ConsoleProgress(new PrintStream(out, true, StandardCharsets.UTF_8), terminal, logIntervalMillis,
                clock::get);
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void logLinesEveryTenPercentThenOneFinalLineWithTheTime() {
        var progress = progress(false, 60_000);
        progress.begin("import", 100);
        for (int i = 0; i < 100; i++) {
            clock.addAndGet(10);
            progress.advance(1);
        }
        progress.end();
        String[] lines = printed().split("\n");
        assertThat(lines[0]).endsWith("import (100 units) …");
        assertThat(lines).hasSize(1 + 9 + 1);
        assertThat(lines[1]).contains("import: 10/100 (10%)").endsWith("100/s, ETA 0m01s");
        assertThat(lines[10]).contains("100/100 (100%)").contains("100/s").contains("done in 1.0 s");
    }

    @Test
    void terminalModeRedrawsOneBarLine() {
        var progress = progress(true, 5_000);
        progress.begin("kNN", 4);
        clock.set(200);
        progress.advance(2);
        clock.set(400);
        progress.advance(2);
        progress.end();
        String text = printed();
        assertThat(text).contains("\r\033[KkNN [###############               ]  50% 2/4");
        assertThat(text).endsWith("in 0.4 s\n");
    }

    @Test
    void slowUnitsShowSecondsEachInsteadOfARateRoundedToZero() {
        assertThat(ConsoleProgress.rateText(1234.4)).isEqualTo("1,234/s");
        assertThat(ConsoleProgress.rateText(2.54)).isEqualTo("2.5/s");
        assertThat(ConsoleProgress.rateText(0.29)).isEqualTo("3.4 s each");
        assertThat(ConsoleProgress.rateText(0)).isEqualTo("0/s");
    }

    @Test
    void aNestedTaskIsShownUnderItsOuterTaskWhichResumesWithItsOwnCount() {
        var out = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong(0);
        var progress = new ConsoleProgress(new PrintStream(out, true, StandardCharsets.UTF_8), false, 60_000,
                clock::get);
        progress.begin("training", 10);
        clock.addAndGet(1000);
        progress.advance(5);
        progress.begin("evaluate valid", 200);
        clock.addAndGet(500);
        progress.advance(200);
        progress.end();
        clock.addAndGet(1000);
        progress.advance(5);
        progress.end();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines[0]).endsWith("training (10 units) …");
        assertThat(lines).anyMatch(l -> l.endsWith("training › evaluate valid (200 units) …"));
        assertThat(lines).anyMatch(l -> l.contains("training › evaluate valid: 200/200 (100%)")
                && l.contains("done in 0.5 s"));
        assertThat(lines[lines.length - 1]).contains("training: 10/10 (100%)").contains("done in 2.5 s");
    }
}
