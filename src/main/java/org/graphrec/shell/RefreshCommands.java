package org.graphrec.shell;

import java.nio.file.Path;
import java.time.Duration;
import org.graphrec.config.ExitCode;
import org.graphrec.config.Json;
import org.graphrec.config.StateDirectory;
import org.graphrec.config.UserException;
import org.graphrec.importer.SplitPolicy;
import org.graphrec.jobs.JobOwner;
import org.graphrec.jobs.RunLog;
import org.graphrec.progress.ConsoleProgress;
import org.graphrec.propagation.PropagateParameters;
import org.graphrec.refresh.RefreshParameters;
import org.graphrec.refresh.RefreshReport;
import org.graphrec.refresh.RefreshService;
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
            @ShellOption(help = "auto (default: the best candidate on validation, as propagate), closed-form, "
                    + "mostpop, lightgcn or trained", defaultValue = "auto") String mode,
            @ShellOption(help = "embedding dimension d (default: as propagate)", defaultValue = ShellOption.NULL)
            Integer dimension,
            @ShellOption(help = "mode auto: minutes for fitting the candidates", defaultValue = "10") double budget,
            @ShellOption(help = "random seed (split and propagation)", defaultValue = "42") long seed,
            @ShellOption(value = "--max-recall-drop", help = "largest relative drop of validation recall@20 against "
                    + "the published version that still publishes", defaultValue = "0.05") double maxRecallDrop,
            @ShellOption(help = "embedding versions to keep (the published one included)", defaultValue = "2")
            int keep,
            @ShellOption(value = "--max-rejects", help = "rejected rows tolerated per increment; beyond it the "
                    + "increment is rejected whole", defaultValue = "0") long maxRejects,
            @ShellOption(help = "split of increments without one: keep (random if absent), random or temporal",
                    defaultValue = "keep") String split,
            @ShellOption(help = "JSON-lines run log (rotated at 10 MiB, 5 files kept); default "
                    + "<store>/logs/refresh.jsonl (with --uri: ~/.local/state/graphrec/<host>-<port>-<db>/logs/…)",
                    defaultValue = ShellOption.NULL) String log,
            @ShellOption(value = "--rejects-dir", help = "directory for the rejects files of increments; default "
                    + "<store>/rejects (with --uri: ~/.local/state/graphrec/<host>-<port>-<db>/rejects)",
                    defaultValue = ShellOption.NULL) String rejectsDir,
            @ShellOption(value = "--lease-seconds", help = "lock lease (renewed while running; a crashed run's lock "
                    + "is taken over after it)", defaultValue = "600") long leaseSeconds,
            @ShellOption(help = "re-propagate even when nothing new was imported", defaultValue = "false")
            boolean force,
            @ShellOption(help = "print the report as JSON", defaultValue = "false") boolean json) {
        SplitPolicy policy = SplitPolicy.parse(split);
        PropagateParameters propagate = PropagateCommands.parameters(mode, dimension, 10, null, false, false, 0.3,
                0.3, 0.3, 6, 0.5, 0.4, 4, seed, false, false, null);
        propagate = PropagateCommands.withBudget(propagate, budget);
        Path state = StateDirectory.of(session.settings(), System.getenv());
        RefreshParameters p = new RefreshParameters(Path.of(input), propagate, maxRecallDrop, keep, maxRejects,
                policy, seed, log != null ? Path.of(log) : StateDirectory.refreshLog(state),
                rejectsDir != null ? Path.of(rejectsDir) : StateDirectory.refreshRejects(state),
                Duration.ofSeconds(leaseSeconds),
                JobOwner.current().label(), force);
        RefreshReport report = new RefreshService(session.get(), ConsoleProgress.forStdout()).run(p);
        new RunLog(p.logFile(), LOG_BYTES, LOG_FILES).append(report.asJson());
        String text = json ? Json.write(report.asJson()) + "\n" : report.summary() + "run log: "
                + p.logFile().toAbsolutePath() + "\n";
        if (report.outcome() != ExitCode.PUBLISHED) {
            throw new JobOutcome(text, report.outcome().code());
        }
        return text;
    }

    @ShellMethod(key = "versions", value = "List the fused-embedding versions (state, and why a version failed "
            + "or was rejected); publish one (roll back), prune old ones, or release a job's lock.", group = "Jobs")
    public String versions(
            @ShellOption(help = "publish this staged or retired version (a rollback when older)",
                    defaultValue = ShellOption.NULL) Long publish,
            @ShellOption(help = "delete the vectors of all but this many versions (and of any left by a killed job)",
                    defaultValue = ShellOption.NULL) Integer prune,
            @ShellOption(help = "release the refresh/propagate lock whoever holds it (for a job on another machine "
                    + "that is known to be gone; a gone job on this machine is detected by itself)",
                    defaultValue = "false") boolean unlock,
            @ShellOption(help = "print JSON", defaultValue = "false") boolean json) {
        var graph = session.get();
        ConsoleProgress progress = json ? ConsoleProgress.forStderr() : ConsoleProgress.forStdout();
        EmbeddingVersions versions = new EmbeddingVersions(graph, progress);
        StringBuilder out = new StringBuilder();
        if (unlock) {
            out.append(VersionCommands.unlock(graph)).append('\n');
        }
        if (publish != null || prune != null) {
            VersionCommands.changeUnderLock(graph, progress, versions, publish, prune, out);
        }
        if (json) { // what was done goes to standard error, so standard output stays one JSON document
            System.err.print(out);
            return VersionCommands.render(versions.list(), true);
        }
        return out + VersionCommands.render(versions.list(), false);
    }
}
