package org.graphrec.refresh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.graphrec.config.ExitCode;

/**
 * What one refresh run did: written as one JSON line to the run log and rendered as a short human summary.
 * Mutable while the run fills it in; {@link #asJson()} is the contract of the log line.
 */
public final class RefreshReport {

    /** One input entry and what happened to it. */
    public record Entry(String name, String status, String detail, long interactions, long rejects) {
    }

    String startedAt;
    String finishedAt;
    String owner;
    String input;
    String mode;
    ExitCode outcome = ExitCode.INTERNAL_ERROR;
    String message;
    String tookOverLockFrom;
    String tookOverLockBecause;
    final List<Entry> entries = new ArrayList<>();
    final Map<String, Double> timings = new LinkedHashMap<>();
    Long publishedBefore;
    Long newVersion;
    boolean published;
    Map<String, Double> metricsBefore;
    Map<String, Double> metricsNew;
    Double relativeDrop;
    List<Long> removedVersions = List.of();

    public ExitCode outcome() {
        return outcome;
    }

    public String message() {
        return message;
    }

    public boolean published() {
        return published;
    }

    public Long newVersion() {
        return newVersion;
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public Map<String, Double> metricsBefore() {
        return metricsBefore;
    }

    public Map<String, Double> metricsNew() {
        return metricsNew;
    }

    public Map<String, Double> timings() {
        return Map.copyOf(timings);
    }

    /** The JSON-lines record. */
    public Map<String, Object> asJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("startedAt", startedAt);
        out.put("finishedAt", finishedAt);
        out.put("owner", owner);
        out.put("input", input);
        out.put("mode", mode);
        out.put("outcome", outcome.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        out.put("exitCode", outcome.code());
        out.put("message", message);
        if (tookOverLockFrom != null) {
            out.put("tookOverLockFrom", tookOverLockFrom);
            out.put("tookOverLockBecause", tookOverLockBecause);
        }
        List<Map<String, Object>> files = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", e.name());
            f.put("status", e.status());
            f.put("interactions", e.interactions());
            f.put("rejects", e.rejects());
            if (e.detail() != null) {
                f.put("detail", e.detail());
            }
            files.add(f);
        }
        out.put("files", files);
        out.put("imported", entries.stream().filter(e -> e.status().equals("imported")).count());
        out.put("interactionsImported", entries.stream().filter(e -> e.status().equals("imported"))
                .mapToLong(Entry::interactions).sum());
        out.put("timings", timings);
        out.put("publishedBefore", publishedBefore);
        out.put("newVersion", newVersion);
        out.put("published", published);
        out.put("metricsBefore", metricsBefore);
        out.put("metricsNew", metricsNew);
        out.put("relativeRecallDrop", relativeDrop);
        out.put("removedVersions", removedVersions);
        return out;
    }

    /** A few lines for a person reading the job's output. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append("refresh: ").append(message).append('\n');
        if (tookOverLockFrom != null) {
            out.append("  took over the lock of ").append(tookOverLockFrom).append(" (").append(tookOverLockBecause)
                    .append(")\n");
        }
        for (Entry e : entries) {
            out.append(String.format(Locale.ROOT, "  %-9s %s%s%n", e.status(), e.name(),
                    e.detail() == null ? "" : " — " + e.detail()));
        }
        if (metricsNew != null) {
            out.append(String.format(Locale.ROOT, "  validation recall@20: %s → %s (version %s → %d)%n",
                    metricsBefore == null ? "–" : String.format(Locale.ROOT, "%.4f", metricsBefore.get("recall@20")),
                    String.format(Locale.ROOT, "%.4f", metricsNew.get("recall@20")),
                    publishedBefore == null ? "none" : publishedBefore, newVersion));
        }
        if (!timings.isEmpty()) {
            StringBuilder t = new StringBuilder();
            timings.forEach((k, v) -> t.append(t.length() == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%s %.1f s", k, v)));
            out.append("  timings: ").append(t).append('\n');
        }
        out.append("  exit code ").append(outcome.code()).append(" (")
                .append(outcome.name().toLowerCase(Locale.ROOT).replace('_', '-')).append(")\n");
        return out.toString();
    }
}
