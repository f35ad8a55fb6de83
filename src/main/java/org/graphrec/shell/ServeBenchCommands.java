package org.graphrec.shell;

import java.util.Locale;
import org.graphrec.config.Json;
import org.graphrec.config.UserException;
import org.graphrec.progress.ConsoleProgress;
import org.graphrec.recommend.ServeLatency;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/**
 * {@code bench serve}: warm p50/p95/p99 latency of the serving commands and their Cypher equivalents, on the
 * current graph (needs a propagation run) or, with {@code --synthetic}/{@code --dataset}, on a fresh store.
 */
@ShellComponent
public class ServeBenchCommands {

    private final EmbeddingAvailability availability;

    private final BenchCommands bench;

    public ServeBenchCommands(EmbeddingAvailability availability, BenchCommands bench) {
        this.availability = availability;
        this.bench = bench;
    }

    @ShellMethod(key = "bench serve", group = BenchCommands.GROUP, value = "Warm p50/p95/p99 latency of recommend, "
            + "similar, neighbours, search and their Cypher-library equivalents, and the index recall: on a fresh store of "
            + "--synthetic N interactions or --dataset DIR (writes results.json + charts), or else on the current graph.")
    public String benchServe(
            @ShellOption(help = "synthetic catalogue of N interactions (fresh store)", defaultValue = ShellOption.NULL)
            Long synthetic,
            @ShellOption(help = "dataset directory (fresh store)", defaultValue = ShellOption.NULL) String dataset,
            @ShellOption(help = "output directory for results.json + chart (with --synthetic/--dataset default "
                    + "docs/results/serve-<dataset>; on the current graph none unless given)",
                    defaultValue = ShellOption.NULL) String out,
            @ShellOption(help = "scratch directory for data and stores", defaultValue = "target/bench-work") String work,
            @ShellOption(value = "--warmup", help = "unmeasured calls per operation (each operation's warm-up "
                    + "stops after 20 s)", defaultValue = "1000") int warmup,
            @ShellOption(value = "--samples", help = "measured calls per operation", defaultValue = "1000")
            int samples,
            @ShellOption(value = "--k", help = "list length", defaultValue = "10") int k,
            @ShellOption(value = "--seed", help = "seed of the user/item sample", defaultValue = "1") long seed,
            @ShellOption(value = "--only", help = "on the current graph, measure only these groups of rows, "
                    + "comma-separated: recommend (with the recall against an exact scan), similar, neighbours, search "
                    + "(query encoding, search with and without a user, the Cypher file)",
                    defaultValue = ShellOption.NULL)
            String only,
            @ShellOption(value = "--json", help = "print JSON for scripts", defaultValue = "false") boolean json) {
        if (only != null && (synthetic != null || dataset != null)) {
            throw new UserException("--only measures the current graph; drop --synthetic/--dataset");
        }
        if (synthetic != null || dataset != null) {
            return bench.benchServe(synthetic, dataset, out, work, warmup, samples, k);
        }
        if (warmup < 0 || samples < 1 || k < 1) {
            throw new UserException("--warmup must be >= 0, --samples and --k >= 1");
        }
        var graph = availability.requireRun();
        var machine = org.graphrec.bench.Machine.current();
        var parameters = new ServeLatency.Parameters(warmup, samples, k, seed);
        java.util.Set<String> parts = parts(only);
        java.util.Set<String> serveParts = new java.util.HashSet<>(parts);
        serveParts.retainAll(ServeLatency.PARTS);
        var result = serveParts.isEmpty() ? new ServeLatency.Result(0, 0, java.util.List.of(), Double.NaN, Double.NaN,
                Double.NaN, Double.NaN) : ServeLatency.measure(graph, parameters, ConsoleProgress.forStdout(),
                serveParts);
        if (parts.contains("search")) {
            result = result.withRows(org.graphrec.search.SearchLatency.measure(graph, parameters,
                    ConsoleProgress.forStdout()));
        }
        String written = "";
        if (out != null) {
            // the same results.json + chart as a fresh-store run, for `report`
            var published = new org.graphrec.versions.EmbeddingVersions(graph).requirePublished();
            var res = org.graphrec.bench.ServeBench.result(String.format(Locale.ROOT, "graph-%du-%di",
                    result.users(), result.items()), machine, result, parameters, "published version "
                    + published.version() + " (" + published.mode() + ", d=" + published.dimension() + ")");
            java.nio.file.Path dir = java.nio.file.Path.of(out);
            try {
                java.nio.file.Files.createDirectories(dir);
            } catch (java.io.IOException e) {
                throw new UserException("--out " + out + ": cannot create the directory (" + e.getMessage() + ")");
            }
            res = res.withCharts(java.util.List.of(org.graphrec.bench.Charts.serveLatency(res, dir)));
            written = "\nresults: " + res.write(dir) + "\n";
        }
        if (json) {
            return Json.write(result);
        }
        StringBuilder similar = new StringBuilder();
        for (ServeLatency.SimilarRecall r : result.similar()) {
            if (r.items() > 0) {
                similar.append(String.format(Locale.ROOT, "similar --by %s vs --exact: recall@%d = %.4f, identical "
                        + "lists = %.1f%%, answered by the inverted file: %.1f%% (%d items)%n", r.modality(), k,
                        r.recallAtK(), 100 * r.exactLists(), 100 * r.approximate(), r.items()));
            }
        }
        if (only != null && !parts.contains("recommend")) {
            return String.format(Locale.ROOT, "%d warm-up + %d measured calls per operation%n%n", warmup, samples)
                    + result.markdown() + (similar.isEmpty() ? "" : "\n" + similar) + written;
        }
        return String.format(Locale.ROOT, "%,d users and %,d items with fused embeddings; %d warm-up + %d measured "
                + "calls per operation%n%n", result.users(), result.items(), warmup, samples) + result.markdown()
                + String.format(Locale.ROOT, "%nrecommend vs exact scan: recall@%d = %.4f, identical lists = %.1f%%; "
                + "recommend/for-user-index (vector indexes): recall@%d = %.4f, identical lists = %.1f%%%n",
                k, result.recallAtK(), 100 * result.exactLists(), k, result.indexRecallAtK(),
                100 * result.indexExactLists()) + similar + written;
    }

    /** The groups of rows of {@code --only} (all of them without it). */
    static java.util.Set<String> parts(String only) {
        java.util.List<String> known = new java.util.ArrayList<>(ServeLatency.PARTS);
        known.add("search");
        if (only == null) {
            return java.util.Set.copyOf(known);
        }
        java.util.Set<String> parts = new java.util.LinkedHashSet<>();
        for (String part : only.split(",")) {
            String p = part.trim();
            if (!known.contains(p)) {
                throw new UserException("--only: expected some of " + String.join(", ", known) + " (comma-separated), "
                        + "found '" + p + "'");
            }
            parts.add(p);
        }
        return parts;
    }
}
