package org.graphrec.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.graphrec.config.ConnectionSettings;
import org.graphrec.config.UserException;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionCallback;
import org.neo4j.driver.Value;
import org.neo4j.driver.Values;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.FatalDiscoveryException;
import org.neo4j.driver.exceptions.SecurityException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.graphdb.Entity;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.graphdb.QueryExecutionType;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.TransientFailureException;

/**
 * The one way graphrec talks to Neo4j: a driver session factory over either an embedded store (started
 * in-process with Bolt on loopback) or an external server or cluster. Everything above this class uses the
 * driver, so both paths run the same code, except {@link #query}: latency-bound serving queries run in-process on
 * the embedded store (same Cypher, same procedures, no socket).
 */
public final class GraphConnection implements AutoCloseable {

    private volatile Driver driver;
    private final String database;
    private volatile String uri;
    private volatile EmbeddedNeo4j embedded;
    private final String serverVersion;
    private volatile boolean inProcessWritesAllowed = !"driver".equals(System.getProperty("graphrec.writes"));

    private GraphConnection(Driver driver, String database, String uri, EmbeddedNeo4j embedded) {
        this.driver = driver;
        this.database = database;
        this.uri = uri;
        this.embedded = embedded;
        this.serverVersion = probe(driver, database, uri);
    }

    /**
     * Opens the graph named by {@code settings}: starts the embedded store or connects to the server, checks that
     * the database answers, and fails with a one-line {@link UserException} otherwise.
     */
    public static GraphConnection open(ConnectionSettings settings) {
        if (settings.isEmbedded()) {
            return openEmbedded(settings.dbPath(), BoltServing.loopback(settings.boltPort()), settings.pageCacheMiB());
        }
        var auth = settings.password() == null ? AuthTokens.none()
                : AuthTokens.basic(settings.user(), settings.password());
        Driver driver = GraphDatabase.driver(settings.uri(), auth, driverConfig());
        try {
            return new GraphConnection(driver, settings.database(), settings.uri(), null);
        } catch (RuntimeException e) {
            driver.close();
            throw e;
        }
    }

    /**
     * Starts the embedded store on {@code dbPath} with Bolt served as {@code serving} says, and connects to it
     * (with the server's password when it requires one, trusting its own certificate when it speaks TLS).
     */
    public static GraphConnection openEmbedded(java.nio.file.Path dbPath, BoltServing serving, int pageCacheMiB) {
        EmbeddedNeo4j db = EmbeddedNeo4j.start(dbPath, serving, pageCacheMiB);
        try {
            var auth = serving.authenticated() ? AuthTokens.basic(BoltServing.USER, serving.password())
                    : AuthTokens.none();
            Config.ConfigBuilder config = driverConfigBuilder();
            if (serving.tls()) {
                config = config.withEncryption().withTrustStrategy(Config.TrustStrategy.trustAllCertificates());
            }
            Driver driver = GraphDatabase.driver(db.boltUri(), auth, config.build());
            return new GraphConnection(driver, null, db.boltUri(), db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Wraps an existing driver (tests, or a caller that manages its own driver). */
    public static GraphConnection of(Driver driver, String database, String uri) {
        return new GraphConnection(driver, database, uri, null);
    }

    private static Config driverConfig() {
        return driverConfigBuilder().build();
    }

    private static Config.ConfigBuilder driverConfigBuilder() {
        return Config.builder()
                .withConnectionTimeout(10, TimeUnit.SECONDS)
                .withMaxTransactionRetryTime(15, TimeUnit.SECONDS)
                .withLogging(Logging.none())
                .withUserAgent("graphrec");
    }

    private static String probe(Driver driver, String database, String uri) {
        try {
            driver.verifyConnectivity();
            SessionConfig config = database == null ? SessionConfig.defaultConfig()
                    : SessionConfig.forDatabase(database);
            try (Session session = driver.session(config)) {
                session.run("RETURN 1").consume();
            }
            try (Session session = driver.session(config)) {
                return session.run("CALL dbms.components() YIELD versions RETURN versions[0] AS v")
                        .single().get("v").asString();
            }
        } catch (RuntimeException e) {
            throw translate(e, uri, database);
        }
    }

    /** Turns a driver exception into a one-line message naming the URI (never the password). */
    public static UserException translate(RuntimeException e, String uri, String database) {
        if (e instanceof UserException u) {
            return u;
        }
        if (e instanceof AuthenticationException || (e instanceof SecurityException
                && String.valueOf(e.getMessage()).toLowerCase().contains("auth"))) {
            return new UserException("Neo4j at " + uri + " rejected the credentials (check --neo4j-user and "
                    + "GRAPHREC_NEO4J_PASSWORD)", UserException.DATABASE_ERROR, e);
        }
        if (e instanceof FatalDiscoveryException || (e instanceof ClientException ce
                && ce.code() != null && ce.code().contains("DatabaseNotFound"))) {
            return new UserException("database '" + database + "' does not exist on " + uri
                    + " (check --database)", UserException.DATABASE_ERROR, e);
        }
        if (e instanceof ServiceUnavailableException) {
            return new UserException("cannot reach Neo4j at " + uri + " — is the server running and the address "
                    + "right? (" + StartupErrors.firstLine(e.getMessage()) + ")", UserException.DATABASE_ERROR, e);
        }
        return new UserException("Neo4j error at " + uri + ": " + StartupErrors.firstLine(e.getMessage()),
                UserException.DATABASE_ERROR, e);
    }

    public Driver driver() {
        return driver;
    }

    /** The database name, or null for the server's default database. */
    public String database() {
        return database;
    }

    public SessionConfig sessionConfig() {
        return database == null ? SessionConfig.defaultConfig() : SessionConfig.forDatabase(database);
    }

    public Session session() {
        return driver.session(sessionConfig());
    }

    /** Runs {@code work} in a retrying read transaction. */
    public <T> T read(TransactionCallback<T> work) {
        try (Session session = session()) {
            return session.executeRead(work);
        } catch (RuntimeException e) {
            throw e instanceof UserException ? e : translateIfConnection(e);
        }
    }

    /**
     * Runs one read-only query and returns all its rows, for latency-bound serving queries. On the embedded store
     * the query runs in-process (no Bolt socket, no driver threads: about 1 ms less per call and a far shorter
     * tail on 2 cores); on a server it is one auto-commit transaction (one round trip instead of the three of
     * {@link #read}). A transient failure (e.g. a cluster leader switch) is retried once. The query must return
     * plain values (properties, lists, maps), not nodes or relationships, and must not write.
     */
    public List<ResultRow> query(String cypher, Map<String, Object> parameters) {
        return embedded != null ? inProcessQuery(cypher, parameters) : boltQuery(cypher, parameters);
    }

    /**
     * {@link #query} always through the driver, as an analyst's client (cypher-shell, Browser, an application)
     * runs it: used by {@code bench serve} to measure the Cypher library the way analysts see it.
     */
    public List<ResultRow> boltQuery(String cypher, Map<String, Object> parameters) {
        SessionConfig.Builder config = SessionConfig.builder().withDefaultAccessMode(org.neo4j.driver.AccessMode.READ);
        if (database != null) {
            config = config.withDatabase(database);
        }
        for (int attempt = 1; ; attempt++) {
            try (Session session = driver.session(config.build())) {
                return session.run(cypher, parameters).list(r -> new ResultRow(r.asMap(v -> v)));
            } catch (org.neo4j.driver.exceptions.TransientException e) {
                if (attempt == 2) {
                    throw e;
                }
            } catch (RuntimeException e) {
                throw e instanceof UserException ? e : translateIfConnection(e);
            }
        }
    }

    private List<ResultRow> inProcessQuery(String cypher, Map<String, Object> parameters) {
        GraphDatabaseService db = embedded.defaultDatabase();
        for (int attempt = 1; ; attempt++) {
            try (Transaction tx = db.beginTx(); Result result = tx.execute(cypher, parameters)) {
                if (result.getQueryExecutionType().queryType() != QueryExecutionType.QueryType.READ_ONLY) {
                    throw new IllegalArgumentException("query() runs read-only queries; this one writes");
                }
                List<String> columns = result.columns();
                List<ResultRow> rows = new ArrayList<>();
                while (result.hasNext()) {
                    Map<String, Object> row = result.next();
                    Map<String, Value> values = new LinkedHashMap<>();
                    for (String column : columns) {
                        values.put(column, value(column, row.get(column)));
                    }
                    rows.add(new ResultRow(values));
                }
                tx.commit();
                return rows;
            } catch (TransientFailureException e) {
                if (attempt == 2) {
                    throw new org.neo4j.driver.exceptions.TransientException(e.status().code().serialize(),
                            e.getMessage());
                }
            } catch (QueryExecutionException e) {
                // the driver path reports Cypher and procedure errors as ClientException: keep one contract
                throw new ClientException(e.getStatusCode(), e.getMessage());
            }
        }
    }

    private static Value value(String column, Object value) {
        if (value instanceof Entity || value instanceof org.neo4j.graphdb.Path) {
            throw new IllegalArgumentException("query() returns plain values: column '" + column
                    + "' holds a node, relationship or path (return its properties instead)");
        }
        return Values.value(value);
    }

    /** Runs {@code work} in a retrying write transaction. */
    public <T> T write(TransactionCallback<T> work) {
        try (Session session = session()) {
            return session.executeWrite(work);
        } catch (RuntimeException e) {
            throw e instanceof UserException ? e : translateIfConnection(e);
        }
    }

    private RuntimeException translateIfConnection(RuntimeException e) {
        if (e instanceof ServiceUnavailableException || e instanceof SecurityException) {
            return translate(e, uri, database);
        }
        return e;
    }

    /**
     * Work on the embedded store's files while its DBMS is shut down (e.g. Neo4j's bulk importer, which writes a
     * store offline): closes the driver and the DBMS, runs {@code work} with the store directory, then starts the
     * DBMS again (also when {@code work} fails) and reconnects. Bolt keeps its port when one was chosen, otherwise
     * gets a new free one ({@link #uri()} follows). Callers must not run other queries meanwhile.
     *
     * @throws IllegalStateException on a server connection ({@code --uri}): its files are not ours to touch
     */
    public synchronized void whileStoreOffline(java.util.function.Consumer<java.nio.file.Path> work) {
        if (embedded == null) {
            throw new IllegalStateException("the store of " + uri + " is a server's: it cannot be taken offline");
        }
        EmbeddedNeo4j stopped = embedded;
        driver.close();
        stopped.close();
        try {
            work.accept(stopped.home());
        } finally {
            EmbeddedNeo4j restarted = stopped.restart();
            embedded = restarted;
            uri = restarted.boltUri();
            driver = GraphDatabase.driver(restarted.boltUri(), AuthTokens.none(), driverConfig());
        }
    }

    /**
     * Core-API writes into the embedded store ({@link InProcessWrites}), for writers of large batches; empty on a
     * server connection, or when turned off ({@link #useDriverForWrites}, or {@code -Dgraphrec.writes=driver} to
     * measure the driver path on the same store).
     */
    public Optional<InProcessWrites> inProcessWrites() {
        EmbeddedNeo4j db = embedded;
        return db == null || !inProcessWritesAllowed ? Optional.empty()
                : Optional.of(new InProcessWrites(db.defaultDatabase()));
    }

    /**
     * Sends every write through the driver (parameterised Cypher) even on the embedded store, as on a server:
     * tests and benchmarks compare the two paths with it.
     */
    public void useDriverForWrites(boolean driverOnly) {
        this.inProcessWritesAllowed = !driverOnly;
    }

    /** The Bolt URI, without credentials. */
    public String uri() {
        return uri;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** The embedded DBMS, when this connection started one. */
    public Optional<EmbeddedNeo4j> embedded() {
        return Optional.ofNullable(embedded);
    }

    /** The Neo4j version reported by the server. */
    public String serverVersion() {
        return serverVersion;
    }

    /** One line: where the graph is, which Neo4j, embedded or external. */
    public String describe() {
        return (isEmbedded() ? "embedded " + embedded.home() + " at " : "external ") + uri
                + (database == null ? "" : " database " + database) + " (Neo4j " + serverVersion + ")";
    }

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
