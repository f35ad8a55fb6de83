package org.graphrec.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.graphrec.config.Json;

/**
 * An append-only JSON-lines log of job runs (one line per run), rotated by size: when the file would exceed
 * {@code maxBytes} it is renamed to {@code .1} (older files shift up to {@code keep}) and a new one starts.
 */
public final class RunLog {

    private final Path file;
    private final long maxBytes;
    private final int keep;

    public RunLog(Path file, long maxBytes, int keep) {
        if (maxBytes <= 0 || keep < 1) {
            throw new IllegalArgumentException("maxBytes must be positive and keep at least 1");
        }
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = keep;
    }

    /** Appends {@code record} as one JSON line, rotating first if needed. */
    public synchronized void append(Object record) {
        try {
            byte[] line = (Json.line(record) + "\n").getBytes(StandardCharsets.UTF_8);
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            if (Files.exists(file) && Files.size(file) + line.length > maxBytes) {
                rotate();
            }
            Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run log " + file, e);
        }
    }

    private void rotate() throws IOException {
        Files.deleteIfExists(sibling(keep));
        for (int i = keep - 1; i >= 1; i--) {
            if (Files.exists(sibling(i))) {
                Files.move(sibling(i), sibling(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, sibling(1), StandardCopyOption.REPLACE_EXISTING);
    }

    private Path sibling(int generation) {
        return file.resolveSibling(file.getFileName() + "." + generation);
    }
}
