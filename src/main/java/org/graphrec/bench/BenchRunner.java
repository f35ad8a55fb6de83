package org.graphrec.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.graphrec.config.UserException;
import org.graphrec.propagation.PropagateParameters.Mode;
import org.graphrec.progress.ProgressTracker;

/**
 * Runs one bench subcommand end to end: resolves the dataset (generated into a work directory when synthetic),
 * runs the benchmark, draws its charts, writes {@code <out>/results.json}, and deletes the temporary stores.
 */
public final class BenchRunner {

    /**
     * Options shared by the subcommands.
     *
     * @param synthetic interactions of a synthetic catalogue, or null
     * @param dataset   an existing dataset directory, or null
     * @param out       where results.json and the charts go
     * @param work      scratch directory for generated data and stores (deleted afterwards)
     * @param warmup    unmeasured runs
     * @param repeats   measured runs (serve: measured calls per operation)
     */
    public record Options(Long synthetic, Path dataset, Path out, Path work, int warmup, int repeats) {
        public Options {
            if ((synthetic == null) == (dataset == null)) {
                throw new UserException("give exactly one of --synthetic N or --dataset PATH");
            }
            if (warmup < 0 || repeats < 1) {
                throw new UserException("--warmup must be 0 or more and --repeats at least 1, found " + warmup
                        + " and " + repeats);
            }
        }
    }

    private final ProgressTracker progress;

    public BenchRunner(ProgressTracker progress) {
        this.progress = progress;
    }

    /** {@code bench import}. */
    public BenchResult importBench(Options o) {
        return importBench(o, java.util.EnumSet.allOf(ImportBench.Method.class));
    }

    /** {@code bench import} with the chosen methods only. */
    public BenchResult importBench(Options o, java.util.Set<ImportBench.Method> methods) {
        return inWork(o, work -> new ImportBench(progress).run(new ImportBench.Parameters(dataset(o, work), work,
                o.warmup(), o.repeats(), 10_000, methods)), o.out(), null);
    }

    /** {@code bench serve}: {@code repeats} is the number of measured calls per operation (at least 5). */
    public BenchResult serveBench(Options o, int k) {
        return inWork(o, work -> new ServeBench(progress).run(new ServeBench.Parameters(dataset(o, work), work,
                o.warmup(), Math.max(5, o.repeats()), k)), o.out(), Charts::serveLatency);
    }

    /** {@code bench propagate}, with the GDS peer when GDS is on the classpath. */
    public BenchResult propagateBench(Options o, List<Mode> modes) {
        return propagateBench(o, modes, true);
    }

    /** {@code bench propagate}; {@code gds} false leaves the GDS peer out even when GDS is on the classpath. */
    public BenchResult propagateBench(Options o, List<Mode> modes, boolean gds) {
        return inWork(o, work -> new PropagateBench(progress).run(new PropagateBench.Parameters(dataset(o, work),
                work, modes, o.warmup(), o.repeats(), gds)), o.out(), Charts::accuracy);
    }

    /** {@code bench scale}. */
    public BenchResult scaleBench(List<Long> sizes, Path out, Path work) {
        return scaleBench(sizes, out, work, 0, 1);
    }

    /** {@code bench scale} with a time budget in seconds (0 = none) and {@code repeats} measured runs per size. */
    public BenchResult scaleBench(List<Long> sizes, Path out, Path work, long maxSeconds, int repeats) {
        Options o = new Options(1L, null, out, work, 0, 1);
        return inWork(o, w -> new ScaleBench(progress).run(new ScaleBench.Parameters(sizes, w,
                Runtime.getRuntime().maxMemory(), maxSeconds, repeats)), out, (r, dir) -> Charts.timeVsSize(
                "time per stage vs catalogue size (log-log)", ScaleBench.series(r), dir, "scale-time"));
    }

    private interface Bench {
        BenchResult run(Path work);
    }

    private interface Chart {
        String draw(BenchResult r, Path dir);
    }

    private BenchResult inWork(Options o, Bench bench, Path out, Chart chart) {
        Path work = BenchDataset.tempDir(o.work(), "run-");
        try {
            BenchResult r = bench.run(work);
            List<String> charts = new ArrayList<>();
            if (chart != null) {
                charts.add(chart.draw(r, out));
            }
            r = r.withCharts(charts);
            r.write(out);
            return r;
        } finally {
            delete(work);
        }
    }

    private BenchDataset dataset(Options o, Path work) {
        return o.synthetic() != null ? BenchDataset.synthetic(o.synthetic(), 42, work, progress)
                : BenchDataset.existing(o.dataset());
    }

    /** Deletes a scratch directory and everything in it (what cannot be deleted is left). */
    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // scratch space only: leave what cannot be deleted
        }
    }
}
