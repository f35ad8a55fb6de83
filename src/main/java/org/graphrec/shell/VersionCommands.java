package org.graphrec.shell;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graphrec.config.UserException;
import org.graphrec.graph.GraphConnection;
import org.graphrec.config.ExitCode;
import org.graphrec.config.Json;
import org.graphrec.jobs.JobLock;
import org.graphrec.jobs.JobOwner;
import org.graphrec.jobs.WriterLock;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.versions.EmbeddingVersion;
import org.graphrec.versions.EmbeddingVersions;

/** The work behind {@code versions}: unlocking, publishing and pruning under the writer lock, the listing. */
final class VersionCommands {

    private VersionCommands() {
    }

    /**
     * Releases the writer lock and says whose it was. A holder that is a running process of this host is refused:
     * its job is alive, and taking its lock would let a second writer run beside it.
     */
    static String unlock(GraphConnection graph) {
        var holder = JobLock.holder(graph, EmbeddingVersions.WRITER_LOCK);
        if (holder.isEmpty()) {
            return "no lock is held";
        }
        JobOwner who = holder.get().who();
        if (who.isLocal() && !who.isDeadLocalProcess() && who.pid() != ProcessHandle.current().pid()) {
            throw new UserException("--unlock: the lock is held by " + holder.get().describe() + ", and process "
                    + who.pid() + " is still running on this host; stop that job first (its lock is released when "
                    + "it ends, or taken over at once when it is killed)");
        }
        return JobLock.release(graph, EmbeddingVersions.WRITER_LOCK)
                .map(h -> "released the lock of " + h.describe())
                .orElse("no lock is held");
    }

    /** Publishes and/or prunes while holding the writer lock, so no job is writing a version meanwhile. */
    static void changeUnderLock(GraphConnection graph, ProgressTracker progress, EmbeddingVersions versions,
                                Long publish, Integer prune, StringBuilder out) {
        var attempt = WriterLock.acquire(graph, Duration.ofMinutes(10), progress,
                note -> out.append("note: ").append(note).append('\n'));
        if (!attempt.acquired()) {
            throw new UserException(WriterLock.heldMessage(attempt.holder()) + "; try again when it has finished",
                    ExitCode.LOCK_HELD.code());
        }
        try (var lock = attempt.lock().orElseThrow()) {
            if (publish != null) {
                var before = versions.publish(publish);
                out.append("published version ").append(publish)
                        .append(before.map(b -> " (was " + b + ")").orElse("")).append('\n');
            }
            if (prune != null) {
                var removed = versions.prune(prune, -1);
                out.append(removed.isEmpty() ? "nothing to prune\n" : "removed versions " + removed + "\n");
            }
        }
    }

    /** The versions as a table with a reason column, or as JSON. */
    static String render(List<EmbeddingVersion> list, boolean json) {
        if (json) {
            return Json.write(list.stream().map(v -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("version", v.version());
                m.put("run", v.runId());
                m.put("state", v.state().label());
                m.put("mode", String.valueOf(v.mode()));
                m.put("dimension", v.dimension());
                m.put("reason", v.reason());
                return m;
            }).toList()) + "\n";
        }
        if (list.isEmpty()) {
            return "no embedding versions yet — run 'propagate' or 'refresh'\n";
        }
        TextTable table = new TextTable("version", "state", "mode", "d", "run", "reason");
        for (EmbeddingVersion v : list) {
            table.row(String.valueOf(v.version()), v.state().label(), String.valueOf(v.mode()),
                    String.valueOf(v.dimension()), v.runId(), v.reason() == null ? "" : v.reason());
        }
        return table.render();
    }
}
