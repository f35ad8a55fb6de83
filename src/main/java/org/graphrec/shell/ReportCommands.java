package org.graphrec.shell;

import java.nio.file.Path;
import org.graphrec.bench.BenchReport;
import org.graphrec.bench.QualityReport;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/**
 * {@code report}: regenerates the generated blocks of docs/benchmarks.md and docs/quality.md from the results.json
 * files.
 */
@ShellComponent
public class ReportCommands {

    @ShellMethod(key = "report", value = "Regenerate docs/benchmarks.md (the block between the bench:begin/bench:end "
            + "markers) and docs/quality.md (quality:begin/quality:end) from every results.json under --results.",
            group = BenchCommands.GROUP)
    public String report(
            @ShellOption(help = "directory searched for results.json files", defaultValue = "docs/results")
            String results,
            @ShellOption(help = "Markdown file to update", defaultValue = "docs/benchmarks.md") String out,
            @ShellOption(help = "Markdown file of the accuracy tables", defaultValue = "docs/quality.md")
            String quality) {
        int n = BenchReport.write(Path.of(results), Path.of(out));
        int q = QualityReport.write(Path.of(results), Path.of(quality));
        return "report: " + n + " results from " + results + " → " + out + "\n"
                + "report: " + q + " datasets with test metrics → " + quality + "\n";
    }
}
