package org.graphrec.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Where graphrec keeps the files that belong to a graph (import and refresh rejects, the refresh run log), so they
 * go with the store instead of the current directory (under cron: the home directory):
 * <ul>
 *   <li>embedded store: the store directory itself, {@code <store>/rejects/…} and {@code <store>/logs/…} (next to
 *       Neo4j's own logs);</li>
 *   <li>{@code --uri}: a per-user directory named after the server and database,
 *       {@code $XDG_STATE_HOME/graphrec/<host>-<port>-<database>} ({@code ~/.local/state/graphrec/…} when
 *       {@code XDG_STATE_HOME} is unset), or {@code $GRAPHREC_STATE_DIR} when set.</li>
 * </ul>
 * Every command that writes such a file also takes an explicit path option.
 */
public final class StateDirectory {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private StateDirectory() {
    }

    /** The directory for {@code settings} (not created here). */
    public static Path of(ConnectionSettings settings, Map<String, String> env) {
        if (settings.isEmbedded()) {
            return settings.dbPath().toAbsolutePath().normalize();
        }
        String explicit = env.get("GRAPHREC_STATE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        String xdg = env.get("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("graphrec").resolve(serverKey(settings.uri(), settings.database())).toAbsolutePath();
    }

    /** {@code <host>-<port>-<database>} of a Bolt URI, safe as a file name. */
    static String serverKey(String uri, String database) {
        URI u = URI.create(uri);
        String host = u.getHost() == null ? "server" : u.getHost();
        int port = u.getPort() < 0 ? 7687 : u.getPort();
        String key = host + "-" + port + "-" + (database == null ? "default" : database);
        return key.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The rejects file of an import started now: {@code <dir>/rejects/import-<UTC time>.tsv}. */
    public static Path importRejects(Path dir) {
        return dir.resolve("rejects").resolve("import-" + STAMP.format(Instant.now()) + ".tsv");
    }

    /** The directory of the rejects files of refresh runs: {@code <dir>/rejects}. */
    public static Path refreshRejects(Path dir) {
        return dir.resolve("rejects");
    }

    /** The refresh run log: {@code <dir>/logs/refresh.jsonl}. */
    public static Path refreshLog(Path dir) {
        return dir.resolve("logs").resolve("refresh.jsonl");
    }
}
