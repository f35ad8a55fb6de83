package org.graphrec.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.graphrec.progress.ProgressTracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short form of {@code bench chaos} (docs/reliability.md): three SIGKILLs of real graphrec JVMs at seeded
 * points (the first mid-import), each followed by an immediate recovery run that must succeed and by the
 * invariant checks; then four Bolt readers while two propagate runs publish through {@code server}.
 */
class ChaosShortTest {

    @TempDir
    Path dir;

    @Test
    void everyKillIsRecoveredAtOnceAndReadersAlwaysSeeOneVersion() throws Exception {
        ChaosRun.Report report = new ChaosRun(new ChaosRun.Parameters(5, 3, 150, 50, 8, 4, dir),
                ProgressTracker.none()).run();
        String text = ChaosRun.render(report);
        assertThat(report.kills()).as(text).hasSize(3);
        assertThat(report.kills().get(0).step()).isEqualTo("import");
        for (ChaosRun.Kill kill : report.kills()) {
            assertThat(kill.recoveryExit()).as(text).isZero();
            assertThat(kill.violations()).as(text).isEmpty();
        }
        ConcurrentReaders.Outcome readers = report.readers();
        assertThat(readers.calls()).as(text).isPositive();
        assertThat(readers.errors()).as(text).isZero();
        assertThat(readers.mixedAnswers()).as(text).isZero();
        assertThat(readers.incompleteKnn()).as(text).isZero();
        assertThat(report.publishedDuringReaders()).as(text).hasSize(3);
        assertThat(report.publishedDuringReaders()).as(text).containsAll(readers.versionsSeen());
        assertThat(report.violations()).isZero();
    }
}
