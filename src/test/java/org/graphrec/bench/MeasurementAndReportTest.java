package org.graphrec.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-computed statistics of {@link Measurement}, and {@link BenchReport} keeping hand-written text. */
class MeasurementAndReportTest {

    @TempDir
    Path dir;

    @Test
    void medianQuartilesAndSpreadOfFiveRuns() {
        // sorted 1, 2, 4, 8, 100: median 4; q1 at position 1 = 2; q3 at position 3 = 8
        Measurement m = Measurement.of("t", "s", List.of(8.0, 1.0, 100.0, 2.0, 4.0));
        assertThat(m.median()).isEqualTo(4.0);
        assertThat(m.min()).isEqualTo(1.0);
        assertThat(m.max()).isEqualTo(100.0);
        assertThat(m.q1()).isEqualTo(2.0);
        assertThat(m.q3()).isEqualTo(8.0);
        assertThat(m.values()).containsExactly(8.0, 1.0, 100.0, 2.0, 4.0);
    }

    @Test
    void evenCountInterpolates() {
        // sorted 1, 3, 5, 7: median at position 1.5 = 4; q1 at 0.75 = 2.5; q3 at 2.25 = 5.5
        Measurement m = Measurement.of("t", "s", List.of(7.0, 5.0, 3.0, 1.0));
        assertThat(m.median()).isEqualTo(4.0);
        assertThat(m.q1()).isEqualTo(2.5);
        assertThat(m.q3()).isEqualTo(5.5);
    }

    @Test
    void reportReplacesOnlyTheGeneratedBlockAndRoundTripsTheJson() throws Exception {
        Machine machine = new Machine(2, 24L << 30, 6L << 30, "17", "Linux", 3.5, "2026-01-01T00:00:00Z",
                "unknown");
        BenchResult r = new BenchResult("import", "synthetic-300", machine, Map.of("repeats", 5),
                List.of(Measurement.of("graphrec import wall time", "s", List.of(1.0, 2.0, 3.0)),
                        Measurement.single("peak heap", "bytes", 2 * 1048576.0)),
                Map.of("speed-up", 2.5), List.of("chart.png"), List.of("a note"));
        Path results = dir.resolve("results");
        r.write(results.resolve("import"));
        assertThat(BenchResult.read(results.resolve("import").resolve(BenchResult.FILE))).isEqualTo(r);

        Path md = dir.resolve("docs").resolve("benchmarks.md");
        Files.createDirectories(md.getParent());
        Files.writeString(md, "# Benchmarks\n\nhand-written intro\n\n" + BenchReport.BEGIN + "\nold\n"
                + BenchReport.END + "\n\nhand-written outro\n");
        assertThat(BenchReport.write(results, md)).isEqualTo(1);
        String text = Files.readString(md);
        assertThat(text).startsWith("# Benchmarks\n\nhand-written intro\n\n" + BenchReport.BEGIN)
                .endsWith(BenchReport.END + "\n\nhand-written outro\n")
                .doesNotContain("\nold\n")
                .contains("| graphrec import wall time | 2.000 | 1.000 | 3.000 | 1.000 | s | 3 |",
                        "| peak heap | 2.0 | 2.0 | 2.0 | – | MiB | 1 |", "| speed-up | 2.50× |",
                        "2 cores, 24.0 GiB RAM", "](../results/import/chart.png)", "> a note");
        // a second run gives the same file (idempotent)
        BenchReport.write(results, md);
        assertThat(Files.readString(md)).isEqualTo(text);
    }

    @Test
    void qualityReportTabulatesEachMethodOfAPropagateRunBesideThePublishedNumbers() throws Exception {
        Machine machine = new Machine(2, 24L << 30, 6L << 30, "17", "Linux", 3.5, "2026-01-01T00:00:00Z",
                "0123456789abcdef0123456789abcdef01234567");
        BenchResult tiktok = new BenchResult("propagate", "tiktok", machine, Map.of("closedForm", "d=64"),
                List.of(Measurement.single("closed-form total time", "s", 3.0),
                        Measurement.single("closed-form valid recall@20", "fraction", 0.08),
                        Measurement.single("closed-form test recall@10", "fraction", 0.05),
                        Measurement.single("closed-form test recall@20", "fraction", 0.0841),
                        Measurement.single("closed-form test ndcg@10", "fraction", 0.025),
                        Measurement.single("closed-form test ndcg@20", "fraction", 0.034),
                        Measurement.single("gds-fastrp test recall@20", "fraction", 0.01234)),
                Map.of(), List.of(), List.of());
        // a synthetic run and a run without test metrics are left out
        BenchResult synthetic = new BenchResult("propagate", "synthetic-300", machine, Map.of(),
                List.of(Measurement.single("mostpop test recall@20", "fraction", 0.5)), Map.of(), List.of(),
                List.of());
        Path results = dir.resolve("results");
        tiktok.write(results.resolve("propagate-tiktok"));
        synthetic.write(results.resolve("propagate-synthetic-300"));
        Path md = dir.resolve("docs").resolve("quality.md");
        Files.createDirectories(md.getParent());
        Files.writeString(md, "# Quality\n\nprose\n\n" + QualityReport.BEGIN + "\nold\n" + QualityReport.END
                + "\n\nmore prose\n");
        assertThat(QualityReport.write(results, md)).isEqualTo(1);
        String text = Files.readString(md);
        assertThat(text).startsWith("# Quality\n\nprose\n\n" + QualityReport.BEGIN)
                .endsWith(QualityReport.END + "\n\nmore prose\n")
                .doesNotContain("\nold\n").doesNotContain("synthetic-300")
                .contains("### tiktok",
                        "| graphrec closed-form (propagate defaults, d = 64) | 0.0500 | 0.0841 | 0.0250 | 0.0340 "
                                + "| 0.0800 | this run |",
                        "| Neo4j GDS FastRP (d = 64) + dot product | – | 0.0123 | – | – | – | this run |",
                        "| published: DiffMM | – | 0.1129 | – | 0.0456 | – | DiffMM paper",
                        "commit `0123456789`", "source `../results/propagate-tiktok/results.json`");
        QualityReport.write(results, md);
        assertThat(Files.readString(md)).isEqualTo(text);
    }
}
