package org.graphrec.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.graphrec.config.ConnectionSettings;
import org.graphrec.config.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.exceptions.AuthenticationException;

/**
 * {@code server --auth}: the embedded store served with basic auth (and TLS when a certificate is given) refuses
 * unauthenticated and wrongly authenticated {@code --uri} clients and serves authenticated ones; a non-loopback
 * address is refused without authentication. All against a real embedded DBMS on loopback.
 */
class ServerAuthTest {

    static final String PASSWORD = "correct-horse-42";

    @TempDir
    Path dir;

    static long items(GraphConnection graph) {
        return graph.read(tx -> tx.run("MATCH (i:Item) RETURN count(i) AS c").single().get("c").asLong());
    }

    @Test
    void withAuthAnUnauthenticatedClientIsRefusedAndAnAuthenticatedOneWorks() {
        BoltServing serving = BoltServing.parse("127.0.0.1", 0, true, null, null, null,
                Map.of(BoltServing.PASSWORD_ENV, PASSWORD));
        assertThat(serving.toString()).doesNotContain(PASSWORD);
        try (GraphConnection server = GraphConnection.openEmbedded(dir.resolve("db"), serving, 64)) {
            server.write(tx -> tx.run("CREATE (:Item {id: 'i1'})").consume()); // the server's own connection
            String uri = server.uri();

            assertThatThrownBy(() -> GraphConnection.open(ConnectionSettings.external(uri, "neo4j", null, null)))
                    .isInstanceOfSatisfying(UserException.class, e -> {
                        assertThat(e.getMessage()).contains("rejected the credentials");
                        assertThat(e.exitCode()).isEqualTo(UserException.DATABASE_ERROR);
                    });
            assertThatThrownBy(() -> GraphConnection.open(ConnectionSettings.external(uri, "neo4j", "wrong-pass-1",
                    null))).isInstanceOf(UserException.class).hasMessageContaining("rejected the credentials")
                    .hasMessageNotContaining("wrong-pass-1");
            try (var driver = GraphDatabase.driver(uri, AuthTokens.none())) {
                assertThatThrownBy(driver::verifyConnectivity).isInstanceOf(AuthenticationException.class);
            }
            try (GraphConnection client = GraphConnection.open(ConnectionSettings.external(uri, "neo4j", PASSWORD,
                    null))) {
                assertThat(items(client)).isEqualTo(1);
            }
        }
        // without --auth the same store is open again, as every command opens it
        try (GraphConnection plain = GraphConnection.open(ConnectionSettings.embedded(dir.resolve("db")))) {
            assertThat(items(plain)).isEqualTo(1);
        }
    }

    @Test
    void tlsWithTheGivenCertificateServesEncryptedClientsOnly() throws Exception {
        Path tls = dir.resolve("tls");
        Files.createDirectories(tls);
        Process openssl;
        try {
            openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=localhost", "-keyout", tls.resolve("private.key").toString(), "-out",
                    tls.resolve("public.crt").toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            openssl = null;
        }
        assumeThat(openssl).as("openssl makes the test certificate").isNotNull();
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0).isTrue();

        BoltServing serving = BoltServing.parse("127.0.0.1", 0, true, null, null, tls.toString(),
                Map.of(BoltServing.PASSWORD_ENV, PASSWORD));
        try (GraphConnection server = GraphConnection.openEmbedded(dir.resolve("db"), serving, 64)) {
            String plain = server.uri();
            String encrypted = plain.replace("bolt://", "bolt+ssc://");
            try (GraphConnection client = GraphConnection.open(ConnectionSettings.external(encrypted, "neo4j",
                    PASSWORD, null))) {
                assertThat(items(client)).isZero();
            }
            assertThatThrownBy(() -> GraphConnection.open(ConnectionSettings.external(plain, "neo4j", PASSWORD,
                    null))).isInstanceOf(UserException.class);
        }
    }

    @Test
    void aNonLoopbackAddressNeedsAuthAndThePasswordComesOnlyFromTheEnvironment() {
        assertThatThrownBy(() -> BoltServing.parse("0.0.0.0", 7687, false, null, null, null, Map.of()))
                .isInstanceOf(UserException.class).hasMessageContaining("--listen 0.0.0.0")
                .hasMessageContaining("add --auth");
        assertThatThrownBy(() -> BoltServing.parse("0.0.0.0", 7687, true, null, null, null, Map.of()))
                .isInstanceOf(UserException.class).hasMessageContaining(BoltServing.PASSWORD_ENV);
        assertThatThrownBy(() -> BoltServing.parse("127.0.0.1", 7687, true, null, null, null,
                Map.of(BoltServing.PASSWORD_ENV, "short"))).isInstanceOf(UserException.class)
                .hasMessageContaining("at least 8 characters").hasMessageNotContaining("short\"");
        assertThatThrownBy(() -> BoltServing.parse("127.0.0.1", 7687, true, "cert.pem", null, null,
                Map.of(BoltServing.PASSWORD_ENV, PASSWORD))).isInstanceOf(UserException.class)
                .hasMessageContaining("both --tls-cert");
        assertThatThrownBy(() -> BoltServing.parse("127.0.0.1", 7687, true, null, null, dir.toString(),
                Map.of(BoltServing.PASSWORD_ENV, PASSWORD))).isInstanceOf(UserException.class)
                .hasMessageContaining("public.crt").hasMessageContaining("found nothing");
        BoltServing wide = BoltServing.parse("0.0.0.0", 7687, true, null, null, null,
                Map.of(BoltServing.PASSWORD_ENV, PASSWORD));
        assertThat(wide.authenticated()).isTrue();
        assertThat(wide.describe()).contains("basic auth", "listening on 0.0.0.0").doesNotContain(PASSWORD);
        assertThat(BoltServing.parse("localhost", 0, false, null, null, null, Map.of()).authenticated()).isFalse();
    }
}
