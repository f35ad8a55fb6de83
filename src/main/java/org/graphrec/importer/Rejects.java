package org.graphrec.importer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.graphrec.config.UserException;

/**
 * Rows an import refused: where each one is, why, and its raw text. Readers add to it and skip the row; the
 * importer fails before writing anything when there are more than {@code maxRejects}. Written as a
 * tab-separated file {@code location, reason, raw} (tabs, newlines and backslashes in the raw text escaped).
 */
public final class Rejects {

    /** At most this many rejects are kept in memory; beyond that only the count grows. */
    static final int KEEP = 100_000;

    /** One refused row. */
    public record Reject(String location, String reason, String raw) {
        /** One line: {@code file:line: reason — found: raw}. */
        public String describe() {
            String shown = raw == null ? "" : raw.length() > 200 ? raw.substring(0, 200) + "…" : raw;
            return location + ": " + reason + (shown.isEmpty() ? "" : " — found: " + shown);
        }
    }

    private final List<Reject> kept = new ArrayList<>();
    private long count;

    /** Records a refused line. */
    public void add(SourceLine line, String reason) {
        add(line.where(), reason, line.text());
    }

    /** Records a refused row at {@code location} (e.g. {@code image_feat.npy row 17}). */
    public synchronized void add(String location, String reason, String raw) {
        count++;
        if (kept.size() < KEEP) {
            kept.add(new Reject(location, reason, raw));
        }
    }

    public synchronized long count() {
        return count;
    }

    public synchronized List<Reject> list() {
        return List.copyOf(kept);
    }

    /** Writes the rejects to {@code file} (replacing it). */
    public synchronized void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write("location\treason\traw\n");
                for (Reject r : kept) {
                    out.write(escape(r.location()) + "\t" + escape(r.reason()) + "\t" + escape(r.raw()) + "\n");
                }
                if (count > kept.size()) {
                    out.write("…\t" + (count - kept.size()) + " more rejects not listed\t\n");
                }
            }
        } catch (IOException e) {
            throw new UserException("cannot write the rejects file " + file + ": " + e.getMessage());
        }
    }

    private static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}
