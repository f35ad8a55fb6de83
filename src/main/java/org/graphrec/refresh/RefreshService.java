package org.graphrec.refresh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.graphrec.config.ExitCode;
import org.graphrec.config.UserException;
import org.graphrec.eval.DotProductScorer;
import org.graphrec.eval.EvaluationParameters;
import org.graphrec.eval.Evaluator;
import org.graphrec.graph.GraphConnection;
import org.graphrec.importer.CatalogImporter;
import org.graphrec.importer.ImportRequest;
import org.graphrec.importer.ImportResult;
import org.graphrec.jobs.Faults;
import org.graphrec.jobs.JobLock;
import org.graphrec.jobs.WriterLock;
import org.graphrec.propagation.EmbeddingStore;
import org.graphrec.core.FactorModel;
import org.graphrec.propagation.GraphLoader;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.InteractionGraph.Split;
import org.graphrec.propagation.LoadOptions;
import org.graphrec.propagation.PropagationService;
import org.graphrec.propagation.PropagationSummary;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.versions.EmbeddingVersion;
import org.graphrec.versions.EmbeddingVersions;

/**
 * The nightly refresh job. In order, each step safe to interrupt at any point:
 * <ol>
 *   <li><b>lock</b> {@code (:JobLock {name: 'refresh'})} (held in the database, leased and renewed; a second run
 *       gets {@link ExitCode#LOCK_HELD} naming the holder; a stale lock is taken over and the report says so);</li>
 *   <li><b>incremental import</b> of the entries of the input directory not imported before (an entry's key is
 *       the SHA-256 of its files, recorded as {@code ImportRun.refreshKey} once its import is done; an interrupted
 *       import is resumed by the importer); an entry with more rejected rows than {@code --max-rejects} is
 *       rejected whole (validation runs before any write) and the run goes on with the others;</li>
 *   <li><b>re-propagation</b> written as a new <i>staged</i> embedding version that readers do not see;</li>
 *   <li><b>quality gate</b>: the staged and the published version are evaluated from their stored vectors on
 *       the same validation split; a relative Recall@20 drop beyond {@code --max-recall-drop} rejects the new
 *       version ({@link ExitCode#GATE_REJECTED}) and the published one stays;</li>
 *   <li><b>publish</b> in one write of the version pointer, then <b>retention</b> ({@code --keep}), which also
 *       removes versions a killed run left behind;</li>
 *   <li><b>report</b>: {@link RefreshReport}, appended to the run log by the caller.</li>
 * </ol>
 */
public final class RefreshService {

    /** The lock's name: one refresh (or propagate) writes embeddings at a time. */
    public static final String LOCK = EmbeddingVersions.WRITER_LOCK;

    private final GraphConnection graph;
    private final ProgressTracker progress;
    private final CatalogImporter importer;

    public RefreshService(GraphConnection graph, ProgressTracker progress, CatalogImporter importer) {
        this.graph = graph;
        this.progress = progress;
        this.importer = importer;
    }

    public RefreshService(GraphConnection graph, ProgressTracker progress) {
        this(graph, progress, new CatalogImporter());
    }

    /**
     * Runs one refresh. Outcomes that are not errors (published, nothing to do, gate rejected, lock held, some
     * entries rejected) are in the report; database failures and internal errors are thrown (the lock is released
     * when the database is reachable, otherwise its lease runs out).
     */
    public RefreshReport run(RefreshParameters p) {
        RefreshReport report = new RefreshReport();
        report.startedAt = Instant.now().toString();
        report.owner = p.owner();
        report.input = p.input().toAbsolutePath().toString();
        report.mode = p.propagate().mode().label();
        long t = System.nanoTime();
        JobLock.Attempt attempt = WriterLock.acquire(graph, p.lease(), progress, progress::log);
        report.timings.put("lock", seconds(t));
        if (!attempt.acquired()) {
            report.outcome = ExitCode.LOCK_HELD;
            report.message = WriterLock.heldMessage(attempt.holder()) + "; nothing done";
            report.finishedAt = Instant.now().toString();
            return report;
        }
        attempt.tookOver().ifPresent(taken -> {
            report.tookOverLockFrom = taken.previous().owner();
            report.tookOverLockBecause = taken.reason();
        });
        try (JobLock lock = attempt.lock().orElseThrow()) {
            runLocked(p, report);
        }
        report.finishedAt = Instant.now().toString();
        return report;
    }

    private void runLocked(RefreshParameters p, RefreshReport report) {
        EmbeddingVersions versions = new EmbeddingVersions(graph, progress);
        long t = System.nanoTime();
        int imported = importNew(p, report);
        report.timings.put("import", seconds(t));
        long rejectedEntries = report.entries.stream().filter(e -> e.status().equals("rejected")).count();
        Optional<EmbeddingVersion> before = versions.published();
        before.ifPresent(v -> report.publishedBefore = v.version());
        if (imported == 0 && before.isPresent() && !p.force()) {
            // a killed earlier run may have left a staged or half-written version: clear it now
            report.removedVersions = versions.prune(p.keep(), -1);
            report.outcome = rejectedEntries > 0 ? ExitCode.INPUT_ERROR : ExitCode.NOTHING_TO_DO;
            report.message = (rejectedEntries > 0 ? rejectedEntries + " entr" + (rejectedEntries == 1 ? "y" : "ies")
                    + " rejected, " : "") + "nothing new to import; version " + before.get().version()
                    + " stays published";
            return;
        }
        t = System.nanoTime();
        PropagationSummary summary = new PropagationService(graph, progress).publishing(false, p.keep())
                .run(p.propagate());
        report.timings.put("propagate", seconds(t));
        if (summary.version() == 0) {
            throw new UserException("--mode " + p.propagate().mode().label() + " writes no embeddings and cannot be "
                    + "published; use closed-form, mostpop, lightgcn or trained");
        }
        report.newVersion = summary.version();

        t = System.nanoTime();
        Gate gate = gate(versions, before, summary.version(), p.maxRecallDrop());
        report.timings.put("gate", seconds(t));
        report.metricsBefore = gate.before();
        report.metricsNew = gate.candidate();
        report.relativeDrop = gate.relativeDrop();
        if (!gate.passed()) {
            versions.reject(summary.version(), gate.reason());
            report.removedVersions = versions.prune(p.keep(), -1);
            report.outcome = ExitCode.GATE_REJECTED;
            report.message = "quality gate rejected version " + summary.version() + ": " + gate.reason()
                    + "; version " + before.map(EmbeddingVersion::version).orElse(0L) + " stays published";
            return;
        }
        t = System.nanoTime();
        Faults.pause("publish");
        versions.publish(summary.version());
        report.published = true;
        report.removedVersions = versions.prune(p.keep(), -1);
        report.timings.put("publish", seconds(t));
        report.outcome = rejectedEntries > 0 ? ExitCode.INPUT_ERROR : ExitCode.PUBLISHED;
        report.message = "published version " + summary.version() + " (" + imported + " new entr"
                + (imported == 1 ? "y" : "ies") + " imported" + (rejectedEntries > 0 ? ", " + rejectedEntries
                + " rejected: see the rejects files" : "") + ")";
    }

    /** The outcome of the quality gate. */
    record Gate(boolean passed, Map<String, Double> before, Map<String, Double> candidate, Double relativeDrop,
                String reason) {
    }

    /**
     * Evaluates the candidate and the published version from their stored vectors on the current graph's
     * validation split (the same users, items and held-out interactions for both).
     */
    private Gate gate(EmbeddingVersions versions, Optional<EmbeddingVersion> before, long candidate,
                      double maxDrop) {
        InteractionGraph g = new GraphLoader(graph, progress).load(new LoadOptions(List.of(), false, false));
        EmbeddingStore store = new EmbeddingStore(graph, progress);
        EmbeddingVersion staged = versions.get(candidate).orElseThrow();
        Map<String, Double> candidateMetrics = validation(g, store.read(g, staged));
        if (before.isEmpty()) {
            return new Gate(true, null, candidateMetrics, null, "first version");
        }
        Map<String, Double> beforeMetrics = validation(g, store.read(g, before.get()));
        if (candidateMetrics.isEmpty()) {
            return new Gate(true, beforeMetrics, candidateMetrics, null, "no validation interactions to compare on");
        }
        double old = beforeMetrics.get("recall@20");
        double now = candidateMetrics.get("recall@20");
        double drop = old > 0 ? (old - now) / old : 0;
        boolean passed = drop <= maxDrop;
        String reason = String.format(Locale.ROOT, "validation recall@20 %.4f → %.4f, a relative drop of %.1f %% "
                + "(allowed %.1f %%)", old, now, 100 * drop, 100 * maxDrop);
        return new Gate(passed, beforeMetrics, candidateMetrics, drop, reason);
    }

    private Map<String, Double> validation(InteractionGraph g, FactorModel model) {
        if (g.heldOut(Split.VALID).nonZeros() == 0) {
            return Map.of();
        }
        var result = new Evaluator(g, EvaluationParameters.of(Split.VALID, 10, 20), progress)
                .evaluate(new DotProductScorer(model));
        Map<String, Double> out = new LinkedHashMap<>();
        for (String name : List.of("recall@10", "recall@20", "ndcg@10", "ndcg@20")) {
            out.put(name, result.get(name));
        }
        return out;
    }

    /** Imports every entry not imported before; returns how many were imported now. */
    private int importNew(RefreshParameters p, RefreshReport report) {
        int imported = 0;
        for (Path entry : entries(p.input())) {
            String name = name(entry, p.input());
            String key = key(entry);
            if (alreadyImported(key)) {
                report.entries.add(new RefreshReport.Entry(name, "skipped", "imported before", 0, 0));
                continue;
            }
            Path rejects = p.rejectsDir().resolve("rejects-" + (entry.equals(p.input()) ? "base"
                    : name) + ".tsv");
            ImportRequest request = ImportRequest.of(entry).withSplit(p.split(), p.seed())
                    .withRejects(p.maxRejects(), rejects);
            ImportResult result;
            try {
                result = importer.importPath(graph, request, progress);
            } catch (UserException e) {
                if (e.exitCode() != UserException.INPUT_ERROR) {
                    throw e;
                }
                progress.log("rejected " + name + ": " + e.getMessage());
                report.entries.add(new RefreshReport.Entry(name, "rejected", e.getMessage(), 0, 0));
                continue;
            }
            graph.write(tx -> tx.run("MATCH (r:ImportRun {id: $id}) SET r.refreshKey = $key",
                    Map.of("id", result.runId(), "key", key)).consume());
            long interactions = result.count("INTERACTED") == null ? 0 : result.count("INTERACTED").created();
            report.entries.add(new RefreshReport.Entry(name, "imported", result.rejects() > 0
                    ? result.rejects() + " rows rejected: " + result.rejectsFile() : null,
                    interactions, result.rejects()));
            imported++;
        }
        return imported;
    }

    private boolean alreadyImported(String key) {
        return graph.read(tx -> tx.run("MATCH (r:ImportRun {refreshKey: $key, status: 'done'}) RETURN r.id LIMIT 1",
                Map.of("key", key)).hasNext());
    }

    /**
     * The entries of the input directory in name order: sub-directories and files, leaving out hidden names and
     * names ending in {@code .partial} or {@code .tmp} (files still landing) and rejects files. When the directory is
     * itself a bundle (it has {@code bundle.properties}, as {@code generate --days N} writes it), its own files are
     * the first entry (the base catalogue) and its sub-directories the increments.
     */
    static List<Path> entries(Path dir) {
        boolean bundle = Files.isRegularFile(dir.resolve("bundle.properties"));
        try (Stream<Path> list = Files.list(dir)) {
            List<Path> children = list.filter(f -> {
                String n = f.getFileName().toString();
                return !n.startsWith(".") && !n.endsWith(".partial") && !n.endsWith(".tmp")
                        && !n.startsWith("rejects-") && (!bundle || Files.isDirectory(f));
            }).sorted().toList();
            if (!bundle) {
                return children;
            }
            List<Path> out = new java.util.ArrayList<>();
            out.add(dir);
            out.addAll(children);
            return out;
        } catch (IOException e) {
            throw new UserException("--input " + dir + ": cannot list the directory (" + e.getMessage() + ")");
        }
    }

    private static String name(Path entry, Path input) {
        return entry.equals(input) ? "(base bundle)" : entry.getFileName().toString();
    }

    /** SHA-256 over the relative names and SHA-256s of every file of an entry, in name order. */
    static String key(Path entry) {
        List<Path> files;
        try {
            if (Files.isDirectory(entry) && Files.isRegularFile(entry.resolve("bundle.properties"))) {
                // a bundle directory: its own files (increments in sub-directories are entries of their own)
                try (Stream<Path> list = Files.list(entry)) {
                    files = list.filter(Files::isRegularFile).sorted().toList();
                }
            } else if (Files.isDirectory(entry)) {
                try (Stream<Path> walk = Files.walk(entry)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
            } else {
                files = List.of(entry);
            }
        } catch (IOException e) {
            throw new UserException(entry + ": cannot list the increment (" + e.getMessage() + ")");
        }
        StringBuilder lines = new StringBuilder();
        for (Path file : files) {
            lines.append(entry.relativize(file)).append(':').append(CatalogImporter.sha256(file)).append('\n');
        }
        return CatalogImporter.sha256Text(lines.toString());
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
