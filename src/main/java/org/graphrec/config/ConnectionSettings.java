package org.graphrec.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where the graph lives: an embedded store on disk ({@link #dbPath}) or an external server ({@link #uri}).
 * Validated on construction; the password is never part of {@link #toString()}.
 *
 * @param dbPath         embedded store directory (used when {@code uri} is null)
 * @param uri            bolt:// or neo4j:// URI of an external server, or null for the embedded store
 * @param user           user name for the external server
 * @param password       password for the external server (never printed)
 * @param database       database name, or null for the server's default
 * @param boltPort       port for the embedded store's Bolt connector; 0 picks a free port
 * @param pageCacheMiB   page cache of the embedded store in MiB, or {@link #AUTO_PAGE_CACHE} to size it from the
 *                       store at each start ({@code PageCacheSize})
 */
public record ConnectionSettings(Path dbPath, String uri, String user, String password, String database,
                                 int boltPort, int pageCacheMiB) {

    public static final Path DEFAULT_DB = Path.of("graphrec-db");
    /** A fixed page cache, for runs that compare stores under equal settings (the benchmarks). */
    public static final int DEFAULT_PAGE_CACHE_MIB = 512;
    /** The page cache sized from the store when it starts: what a command gets without {@code --pagecache}. */
    public static final int AUTO_PAGE_CACHE = 0;

    public ConnectionSettings {
        Objects.requireNonNull(dbPath, "dbPath");
        if (uri != null) {
            String scheme = URI.create(uri).getScheme();
            if (scheme == null || !scheme.matches("bolt|bolt\\+s|bolt\\+ssc|neo4j|neo4j\\+s|neo4j\\+ssc")) {
                throw new UserException("--uri must start with bolt://, neo4j:// (or their +s/+ssc variants), found '"
                        + uri + "'");
            }
        }
        if (boltPort < 0 || boltPort > 65535) {
            throw new UserException("--port must be between 0 and 65535, found " + boltPort);
        }
        if (pageCacheMiB != AUTO_PAGE_CACHE && pageCacheMiB < 16) {
            throw new UserException("--pagecache must be at least 16 (MiB), found " + pageCacheMiB);
        }
        if (database != null && !database.matches("[A-Za-z][A-Za-z0-9.\\-]{2,62}")) {
            throw new UserException("--database must be a Neo4j database name (letters, digits, '.', '-'), found '"
                    + database + "'");
        }
    }

    /** The embedded store at the default location. */
    public static ConnectionSettings embeddedDefault() {
        return new ConnectionSettings(DEFAULT_DB, null, null, null, null, 0, AUTO_PAGE_CACHE);
    }

    /** An embedded store at {@code path}. */
    public static ConnectionSettings embedded(Path path) {
        return new ConnectionSettings(path, null, null, null, null, 0, AUTO_PAGE_CACHE);
    }

    /** An external server. */
    public static ConnectionSettings external(String uri, String user, String password, String database) {
        return new ConnectionSettings(DEFAULT_DB, uri, user, password, database, 0, AUTO_PAGE_CACHE);
    }

    public boolean isEmbedded() {
        return uri == null;
    }

    public ConnectionSettings withBoltPort(int port) {
        return new ConnectionSettings(dbPath, uri, user, password, database, port, pageCacheMiB);
    }

    /**
     * Settings from the global options and, for what they leave open, the environment
     * ({@code GRAPHREC_NEO4J_URI}, {@code GRAPHREC_NEO4J_USER}, {@code GRAPHREC_NEO4J_PASSWORD},
     * {@code GRAPHREC_NEO4J_DATABASE}, {@code GRAPHREC_DB}).
     */
    public static ConnectionSettings from(GlobalOptions options, Map<String, String> env) {
        String uri = firstNonBlank(options.uri(), env.get("GRAPHREC_NEO4J_URI"));
        String user = firstNonBlank(options.user(), env.get("GRAPHREC_NEO4J_USER"), uri == null ? null : "neo4j");
        String password = firstNonBlank(options.password(), env.get("GRAPHREC_NEO4J_PASSWORD"));
        String database = firstNonBlank(options.database(), env.get("GRAPHREC_NEO4J_DATABASE"));
        String db = firstNonBlank(options.db(), env.get("GRAPHREC_DB"));
        if (options.db() != null && options.uri() != null) {
            throw new UserException("--db and --uri exclude each other: --db opens an embedded store, "
                    + "--uri connects to a server");
        }
        return new ConnectionSettings(db == null ? DEFAULT_DB : Path.of(db), uri, user, password, database,
                0,
                options.pageCacheMiB() == null ? AUTO_PAGE_CACHE : options.pageCacheMiB());
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    /** Where the graph is, without credentials. */
    public String describe() {
        return isEmbedded() ? "embedded store " + dbPath.toAbsolutePath().normalize() : uri;
    }

    @Override
    public String toString() {
        return "ConnectionSettings[" + describe() + (user == null ? "" : ", user=" + user)
                + (database == null ? "" : ", database=" + database) + "]";
    }
}
