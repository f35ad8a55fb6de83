package org.graphrec.graph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.graphrec.config.ConnectionSettings;
import org.graphrec.config.UserException;
import org.graphrec.procedures.NeighbourhoodProcedures;
import org.graphrec.procedures.ServingProcedures;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.configuration.ssl.ClientAuth;
import org.neo4j.configuration.ssl.SslPolicyConfig;
import org.neo4j.configuration.ssl.SslPolicyScope;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * A Neo4j DBMS running inside this JVM on a store directory, with Bolt bound to loopback so that the driver
 * (and other processes: cypher-shell, Neo4j Browser, a second graphrec with {@code --uri}) can reach it.
 * Neo4j's own logs go to {@code <store>/logs}, never to the console.
 */
public final class EmbeddedNeo4j implements AutoCloseable {

    /** File in the store directory naming the Bolt URI of the process that holds the store. */
    static final String BOLT_URI_FILE = "bolt.uri";

    private final Path home;
    private final DatabaseManagementService dbms;
    private final String boltUri;
    private final BoltServing serving;
    private final int requestedPageCacheMiB;
    private final int pageCacheMiB;

    private EmbeddedNeo4j(Path home, DatabaseManagementService dbms, String boltUri, BoltServing serving,
                          int requestedPageCacheMiB, int pageCacheMiB) {
        this.home = home;
        this.dbms = dbms;
        this.boltUri = boltUri;
        this.serving = serving;
        this.requestedPageCacheMiB = requestedPageCacheMiB;
        this.pageCacheMiB = pageCacheMiB;
    }

    /**
     * Starts the DBMS on {@code home} (created if missing) with Bolt on loopback, no authentication.
     * {@code boltPort} 0 picks a free port.
     *
     * @throws UserException when the store is held by another process or was written by an incompatible Neo4j
     */
    public static EmbeddedNeo4j start(Path home, int boltPort, int pageCacheMiB) {
        return start(home, BoltServing.loopback(boltPort), pageCacheMiB);
    }

    /**
     * Starts the DBMS on {@code home} with Bolt served as {@code serving} says: its address, basic auth (the
     * password of user {@code neo4j} is set from {@link BoltServing#password()} at every start) and TLS through
     * Neo4j's Bolt SSL policy.
     */
    public static EmbeddedNeo4j start(Path home, BoltServing serving, int pageCacheMiB) {
        Path absolute = home.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new UserException("cannot create the store directory " + absolute + ": " + e.getMessage(),
                    UserException.DATABASE_ERROR, e);
        }
        int effectivePageCache = pageCacheMiB == ConnectionSettings.AUTO_PAGE_CACHE
                ? PageCacheSize.forStore(absolute) : pageCacheMiB;
        DatabaseManagementService dbms;
        try {
            var builder = new DatabaseManagementServiceBuilder(absolute);
            if (serving.tls()) {
                SslPolicyConfig bolt = SslPolicyConfig.forScope(SslPolicyScope.BOLT);
                builder.setConfig(bolt.enabled, true)
                        .setConfig(bolt.base_directory, serving.tlsCertificate().getParent())
                        .setConfig(bolt.public_certificate, serving.tlsCertificate())
                        .setConfig(bolt.private_key, serving.tlsKey())
                        .setConfig(bolt.client_auth, ClientAuth.NONE)
                        .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.REQUIRED);
            }
            dbms = builder
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(serving.host(), serving.port()))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(serving.connectHost(),
                            serving.port()))
                    .setConfig(GraphDatabaseSettings.auth_enabled, serving.authenticated())
                    .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(effectivePageCache))
                    .setConfig(GraphDatabaseSettings.logs_directory, absolute.resolve("logs"))
                    .setConfig(GraphDatabaseSettings.procedure_unrestricted, java.util.List.of("gds.*"))
                    .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ZERO)
                    .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ZERO)
                    .build();
        } catch (RuntimeException e) {
            throw StartupErrors.translate(e, absolute);
        }
        try {
            GraphDatabaseAPI system = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
            var address = system.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
                    .getLocalAddress(ConnectorType.BOLT);
            String uri = "bolt://" + serving.connectHost() + ":" + address.getPort();
            if (serving.authenticated()) {
                // in-process access needs no login; the password is a parameter, never part of the query text
                system.executeTransactionally("ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                        java.util.Map.of("password", serving.password()));
            }
            GraphDatabaseAPI neo4j = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            if (!neo4j.isAvailable(Duration.ofSeconds(60).toMillis())) {
                throw new UserException("the embedded store " + absolute + " did not become available within 60 s; "
                        + "see " + absolute.resolve("logs/debug.log"), UserException.DATABASE_ERROR);
            }
            // graphrec's own procedures (exact serving); an external server loads them from the plugin jar
            registerProcedures(neo4j);
            Files.writeString(absolute.resolve(BOLT_URI_FILE), uri + "\n", StandardCharsets.UTF_8);
            return new EmbeddedNeo4j(absolute, dbms, uri, serving, pageCacheMiB, effectivePageCache);
        } catch (IOException | RuntimeException e) {
            dbms.shutdown();
            if (e instanceof UserException u) {
                throw u;
            }
            throw StartupErrors.translate(e, absolute);
        }
    }

    private static void registerProcedures(GraphDatabaseAPI neo4j) {
        try {
            GlobalProcedures procedures = neo4j.getDependencyResolver().resolveDependency(GlobalProcedures.class);
            procedures.registerProcedure(ServingProcedures.class);
            procedures.registerProcedure(NeighbourhoodProcedures.class);
        } catch (org.neo4j.internal.kernel.api.exceptions.ProcedureException e) {
            throw new IllegalStateException("cannot register graphrec's procedures: " + e.getMessage(), e);
        }
    }

    /** The Bolt URI on loopback, e.g. {@code bolt://127.0.0.1:40123}. */
    public String boltUri() {
        return boltUri;
    }

    /** How Bolt is served (address, authentication, TLS). */
    public BoltServing serving() {
        return serving;
    }

    /** Starts this store again after {@link #close()}, with the same settings (Bolt port 0 picks a new one). */
    public EmbeddedNeo4j restart() {
        return start(home, serving, requestedPageCacheMiB);
    }

    /** Page cache of the store as started, MiB (as asked for, or sized from the store when asked for auto). */
    public int pageCacheMiB() {
        return pageCacheMiB;
    }

    /** The store directory. */
    public Path home() {
        return home;
    }

    /** The DBMS, for in-process extensions (procedure registration in benchmarks). */
    public DatabaseManagementService managementService() {
        return dbms;
    }

    /** The default database, for in-process queries ({@link GraphConnection#query}). */
    public GraphDatabaseService defaultDatabase() {
        return dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(home.resolve(BOLT_URI_FILE));
        } catch (IOException ignored) {
            // the file only helps the "store in use" message; a stale one is harmless
        }
        dbms.shutdown();
    }
}
