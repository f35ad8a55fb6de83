package org.graphrec.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.graphrec.bench.BenchReport;
import org.graphrec.bench.BenchResult;
import org.graphrec.bench.BenchRunner;
import org.graphrec.bench.ImportBench;
import org.graphrec.bench.Measurement;
import org.graphrec.config.Suggestions;
import org.graphrec.config.UserException;
import org.graphrec.progress.ConsoleProgress;
import org.graphrec.propagation.PropagateParameters.Mode;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/**
 * {@code bench import|propagate|scale|all} (and {@code bench serve} through {@link ServeBenchCommands}): benchmarks in fresh embedded stores of their own (the session's
 * graph is not touched); each prints a table and writes {@code <out>/results.json} + charts (see docs/benchmarks.md).
 */
@ShellComponent
public class BenchCommands {

    static final String GROUP = "Benchmarks";

    @ShellMethod(key = "bench import", value = "Import wall time and throughput of graphrec (bulk and transactional) "
            + "vs neo4j-admin import and LOAD CSV of the same rows, each into a fresh store, plus one day's "
            + "increment when the dataset has one; warm-up + repeats, median and spread.", group = GROUP)
    public String benchImport(
            @ShellOption(help = "synthetic catalogue of N interactions", defaultValue = ShellOption.NULL) Long synthetic,
            @ShellOption(help = "dataset directory (a CSV bundle for the LOAD CSV comparison)",
                    defaultValue = ShellOption.NULL) String dataset,
            @ShellOption(help = "output directory (default docs/results/import-<dataset>)",
                    defaultValue = ShellOption.NULL) String out,
            @ShellOption(help = "scratch directory for data and stores", defaultValue = "target/bench-work") String work,
            @ShellOption(help = "unmeasured warm-up runs", defaultValue = "1") int warmup,
            @ShellOption(help = "measured runs", defaultValue = "5") int repeats,
            @ShellOption(help = "methods, comma-separated: bulk, transactional, admin, loadcsv",
                    defaultValue = "bulk,transactional,admin,loadcsv") String methods) {
        BenchRunner.Options o = options(synthetic, dataset, out, work, warmup, repeats, "import");
        return render(runner().importBench(o, ImportBench.Method.parseList(methods)), o.out());
    }

    /**
     * {@code bench serve --synthetic N | --dataset DIR}: in a fresh store of its own (the shell command is
     * {@link ServeBenchCommands}, which also measures the session's graph).
     */
    String benchServe(Long synthetic, String dataset, String out, String work, int warmup, int samples, int k) {
        BenchRunner.Options o = options(synthetic, dataset, out, work, warmup, samples, "serve");
        return render(runner().serveBench(o, k), o.out());
    }

    @ShellMethod(key = "bench propagate", value = "Wall time per stage, peak heap and validation accuracy of each "
            + "propagation mode, beside Neo4j GDS (FastRP, kNN) on the same graph; warm-up + repeats. GDS needs a "
            + "build with the `bench` Maven profile.", group = GROUP)
    public String benchPropagate(
            @ShellOption(help = "synthetic catalogue of N interactions", defaultValue = ShellOption.NULL) Long synthetic,
            @ShellOption(help = "dataset directory", defaultValue = ShellOption.NULL) String dataset,
            @ShellOption(help = "output directory (default docs/results/propagate-<dataset>)",
                    defaultValue = ShellOption.NULL) String out,
            @ShellOption(help = "scratch directory for data and stores", defaultValue = "target/bench-work") String work,
            @ShellOption(help = "modes, comma-separated", defaultValue = "auto,closed-form,mostpop,itemknn") String modes,
            @ShellOption(help = "unmeasured warm-up runs per mode", defaultValue = "1") int warmup,
            @ShellOption(help = "measured runs per mode", defaultValue = "5") int repeats,
            @ShellOption(help = "run the Neo4j GDS peer (needs a build with -Pbench)", defaultValue = "true")
            boolean gds) {
        BenchRunner.Options o = options(synthetic, dataset, out, work, warmup, repeats, "propagate");
        return render(runner().propagateBench(o, modes(modes), gds), o.out());
    }

    @ShellMethod(key = "bench scale", value = "Time and peak heap per stage (generate, import, propagate) on synthetic "
            + "catalogues of growing size; sizes that do not fit in the heap or the time budget are skipped.",
            group = GROUP)
    public String benchScale(
            @ShellOption(help = "interactions per catalogue, comma-separated", defaultValue = "10000,100000,1000000,"
                    + "10000000") String sizes,
            @ShellOption(help = "output directory", defaultValue = "docs/results/scale") String out,
            @ShellOption(help = "scratch directory for data and stores", defaultValue = "target/bench-work")
            String work,
            @ShellOption(value = "--max-minutes", help = "time budget in minutes (0 = none): a size predicted to "
                    + "overrun it is skipped and recorded", defaultValue = "0") long maxMinutes,
            @ShellOption(help = "measured runs per size (each from scratch)", defaultValue = "5") int repeats) {
        if (maxMinutes < 0) {
            throw new UserException("--max-minutes: expected 0 (no limit) or more, found " + maxMinutes);
        }
        if (repeats < 1) {
            throw new UserException("--repeats: expected 1 or more, found " + repeats);
        }
        return render(runner().scaleBench(sizes(sizes), Path.of(out), Path.of(work), maxMinutes * 60, repeats),
                Path.of(out));
    }

    @ShellMethod(key = "bench all", value = "bench import, propagate and serve on one dataset, then `report`.",
            group = GROUP)
    public String benchAll(
            @ShellOption(help = "synthetic catalogue of N interactions", defaultValue = ShellOption.NULL) Long synthetic,
            @ShellOption(help = "dataset directory", defaultValue = ShellOption.NULL) String dataset,
            @ShellOption(help = "results root (one directory per benchmark below it)", defaultValue = "docs/results")
            String out,
            @ShellOption(help = "scratch directory for data and stores", defaultValue = "target/bench-work")
            String work) {
        StringBuilder text = new StringBuilder();
        String name = name(synthetic, dataset);
        text.append(benchImport(synthetic, dataset, out + "/import-" + name, work, 1, 5,
                "bulk,transactional,admin,loadcsv"));
        text.append(benchPropagate(synthetic, dataset, out + "/propagate-" + name, work,
                "closed-form,mostpop,itemknn", 1, 5, true));
        text.append(benchServe(synthetic, dataset, out + "/serve-" + name, work, 50, 200, 10));
        int n = BenchReport.write(Path.of(out), Path.of("docs", "benchmarks.md"));
        int q = org.graphrec.bench.QualityReport.write(Path.of(out), Path.of("docs", "quality.md"));
        return text.append("report: ").append(n).append(" results → docs/benchmarks.md, ").append(q)
                .append(" datasets → docs/quality.md\n").toString();
    }

    private static BenchRunner runner() {
        return new BenchRunner(ConsoleProgress.forStdout());
    }

    static BenchRunner.Options options(Long synthetic, String dataset, String out, String work, int warmup,
                                       int repeats, String bench) {
        Path dir = out != null ? Path.of(out) : Path.of("docs", "results", bench + "-" + name(synthetic, dataset));
        return new BenchRunner.Options(synthetic, dataset == null ? null : Path.of(dataset), dir, Path.of(work),
                warmup, repeats);
    }

    private static String name(Long synthetic, String dataset) {
        if (synthetic != null) {
            return "synthetic-" + synthetic;
        }
        if (dataset == null) {
            throw new UserException("give exactly one of --synthetic N or --dataset PATH");
        }
        Path file = Path.of(dataset).toAbsolutePath().normalize().getFileName();
        return file == null ? "dataset" : file.toString();
    }

    static List<Mode> modes(String text) {
        List<Mode> out = new ArrayList<>();
        for (String label : text.split(",")) {
            Mode m = Mode.parse(label.strip());
            if (m == null) {
                throw new UserException("--modes: expected " + String.join(", ", Mode.labels()) + ", found '"
                        + label.strip() + "'" + Suggestions.didYouMean(label.strip(), Mode.labels()));
            }
            out.add(m);
        }
        return out;
    }

    static List<Long> sizes(String text) {
        try {
            return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .map(s -> s.replace("_", "")).map(Long::parseLong).toList();
        } catch (NumberFormatException e) {
            throw new UserException("--sizes: expected comma-separated numbers of interactions, found '" + text + "'");
        }
    }

    /** The measurement table, ratios and notes, plus where the results went. */
    static String render(BenchResult r, Path out) {
        TextTable table = new TextTable("measurement", "median", "min", "max", "unit", "runs");
        for (Measurement m : r.measurements()) {
            table.row(m.name(), fmt(m.median(), m.unit()), fmt(m.min(), m.unit()), fmt(m.max(), m.unit()),
                    "bytes".equals(m.unit()) ? "MiB" : m.unit(), m.runs());
        }
        StringBuilder text = new StringBuilder("bench " + r.benchmark() + " — " + r.dataset() + " (" + r.machine()
                .cores() + " cores, load average " + String.format(Locale.ROOT, "%.1f", r.machine().loadAverage())
                + ")\n").append(table.render());
        r.ratios().forEach((k, v) -> text.append(String.format(Locale.ROOT, "ratio %s: %.2f×%n", k, v)));
        r.notes().forEach(n -> text.append("note: ").append(n).append('\n'));
        text.append("results: ").append(out.resolve(BenchResult.FILE)).append('\n');
        r.charts().forEach(c -> text.append("chart: ").append(out.resolve(c)).append('\n'));
        return text.toString();
    }

    private static String fmt(double v, String unit) {
        if ("bytes".equals(unit)) {
            return String.format(Locale.ROOT, "%,.1f", v / 1048576.0);
        }
        return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.4g", v);
    }

}
