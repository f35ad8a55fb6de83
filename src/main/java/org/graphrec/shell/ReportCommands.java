package org.graphrec.shell;

import java.nio.file.Path;
import org.graphrec.bench.BenchReport;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/** {@code report}: regenerates the generated block of docs/benchmarks.md from the results.json files. */
@ShellComponent
public class ReportCommands {

    @ShellMethod(key = "report", value = "Regenerate docs/benchmarks.md (the block between the bench:begin/bench:end "
            + "markers) from every results.json under --results.", group = BenchCommands.GROUP)
    public String report(
            @ShellOption(help = "directory searched for results.json files", defaultValue = "docs/results")
            String results,
            @ShellOption(help = "Markdown file to update", defaultValue = "docs/benchmarks.md") String out) {
        int n = BenchReport.write(Path.of(results), Path.of(out));
        return "report: " + n + " results from " + results + " → " + out + "\n";
    }
}
