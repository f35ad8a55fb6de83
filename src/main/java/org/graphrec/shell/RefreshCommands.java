package org.graphrec.shell;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.graphrec.config.ExitCode;
import org.graphrec.config.Json;
import org.graphrec.config.UserException;
import org.graphrec.importer.SplitPolicy;
import org.graphrec.jobs.RunLog;
import org.graphrec.progress.ConsoleProgress;
import org.graphrec.propagation.PropagateParameters;
import org.graphrec.refresh.RefreshParameters;
import org.graphrec.refresh.RefreshReport;
import org.graphrec.refresh.RefreshService;
import org.graphrec.versions.EmbeddingVersion;
import org.graphrec.versions.EmbeddingVersions;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/** {@code refresh} (the nightly job, docs/refresh.md) and {@code versions} (list, publish/roll back, prune). */
@ShellComponent
public class RefreshCommands {

    /** Run-log rotation: 10 MiB per file, 5 old files. */
    static final long LOG_BYTES = 10L << 20;
    static final int LOG_FILES = 5;

    private final GraphSession session;

    public RefreshCommands(GraphSession session) {
        this.session = session;
    }

    @ShellMethod(key = "refresh", value = "Nightly refresh: import new increments from a directory, re-propagate as a "
            + "staged version, gate it on validation recall@20, publish atomically, keep N versions.",
            group = "Jobs")
    public String refresh(
            @ShellOption(help = "directory of increments (sub-directories or files, imported in name order, each "
                    + "once)") String input,
            @ShellOption(help = "closed-form (default), mostpop, lightgcn or trained", defaultValue = "closed-form")
            String mode,
            @ShellOption(help = "embedding dimension d", defaultValue = "64") int dimension,
            @ShellOption(help = "random seed (split and propagation)", defaultValue = "42") long seed,
            @ShellOption(value = "--max-recall-drop", help = "largest relative drop of validation recall@20 against "
                    + "the published version that still publishes", defaultValue = "0.05") double maxRecallDrop,
            @ShellOption(help = "embedding versions to keep (the published one included)", defaultValue = "2")
            int keep,
            @ShellOption(value = "--max-rejects", help = "rejected rows tolerated per increment; beyond it the "
                    + "increment is rejected whole", defaultValue = "0") long maxRejects,
            @ShellOption(help = "split of increments without one: keep (random if absent), random or temporal",
                    defaultValue = "keep") String split,
            @ShellOption(help = "JSON-lines run log (rotated at 10 MiB, 5 files kept)",
                    defaultValue = "graphrec-refresh.jsonl") String log,
            @ShellOption(value = "--rejects-dir", help = "directory for the rejects files of increments",
                    defaultValue = ".") String rejectsDir,
            @ShellOption(value = "--lease-seconds", help = "lock lease (renewed while running; a crashed run's lock "
                    + "is taken over after it)", defaultValue = "600") long leaseSeconds,
            @ShellOption(help = "re-propagate even when nothing new was imported", defaultValue = "false")
            boolean force,
            @ShellOption(help = "print the report as JSON", defaultValue = "false") boolean json) {
        SplitPolicy policy = SplitPolicy.parse(split);
        PropagateParameters propagate = PropagateCommands.parameters(mode, dimension, 10, null, false, false, 0.3,
                0.3, 0.3, 6, 0.5, 0.4, 4, seed, false, false, null);
        RefreshParameters p = new RefreshParameters(Path.of(input), propagate, maxRecallDrop, keep, maxRejects,
                policy, seed, Path.of(log), Path.of(rejectsDir), Duration.ofSeconds(leaseSeconds), owner(), force);
        RefreshReport report = new RefreshService(session.get(), ConsoleProgress.forStdout()).run(p);
        new RunLog(p.logFile(), LOG_BYTES, LOG_FILES).append(report.asJson());
        String text = json ? Json.write(report.asJson()) + "\n" : report.summary();
        if (report.outcome() != ExitCode.PUBLISHED) {
            throw new JobOutcome(text, report.outcome().code());
        }
        return text;
    }

    @ShellMethod(key = "versions", value = "List the fused-embedding versions; publish one (roll back) or prune "
            + "old ones.", group = "Jobs")
    public String versions(
            @ShellOption(help = "publish this staged or retired version (a rollback when older)",
                    defaultValue = ShellOption.NULL) Long publish,
            @ShellOption(help = "delete the vectors of all but this many versions (and of any left by a killed job)",
                    defaultValue = ShellOption.NULL) Integer prune,
            @ShellOption(help = "print JSON", defaultValue = "false") boolean json) {
        EmbeddingVersions versions = new EmbeddingVersions(session.get(), ConsoleProgress.forStdout());
        StringBuilder out = new StringBuilder();
        if (publish != null) {
            var before = versions.publish(publish);
            out.append("published version ").append(publish)
                    .append(before.map(b -> " (was " + b + ")").orElse("")).append('\n');
        }
        if (prune != null) {
            var removed = versions.prune(prune, -1);
            out.append(removed.isEmpty() ? "nothing to prune\n" : "removed versions " + removed + "\n");
        }
        var list = versions.list();
        if (json) {
            return Json.write(list.stream().map(v -> java.util.Map.of("version", v.version(), "run", v.runId(),
                    "state", v.state().label(), "mode", String.valueOf(v.mode()), "dimension", v.dimension()))
                    .toList()) + "\n";
        }
        if (list.isEmpty()) {
            return out + "no embedding versions yet — run 'propagate' or 'refresh'\n";
        }
        TextTable table = new TextTable("version", "state", "mode", "d", "run");
        for (EmbeddingVersion v : list) {
            table.row(String.valueOf(v.version()), v.state().label(), String.valueOf(v.mode()),
                    String.valueOf(v.dimension()), v.runId());
        }
        return out + table.render();
    }

    /** host:pid, recorded on the lock so a second run can say who holds it. */
    static String owner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        return host + ":" + ProcessHandle.current().pid();
    }
}
