package org.graphrec.graph;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.graphrec.config.UserException;

/**
 * How the embedded store's Bolt connector is served: the address it listens on, whether it requires a password
 * (basic auth for user {@value #USER}, the password taken from {@value #PASSWORD_ENV}, never from an argument)
 * and whether it speaks TLS (Neo4j's Bolt SSL policy with a PEM certificate and private key). A non-loopback
 * address is refused without authentication. The password never appears in {@link #toString()}.
 *
 * @param host           listen address, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port           Bolt port; 0 picks a free one
 * @param password       the password of user {@value #USER}, or null for no authentication
 * @param tlsCertificate PEM certificate (chain), or null for no TLS
 * @param tlsKey         PEM private key (PKCS#8, unencrypted), or null for no TLS
 */
public record BoltServing(String host, int port, String password, Path tlsCertificate, Path tlsKey) {

    /** The environment variable the server's password is read from. */
    public static final String PASSWORD_ENV = "GRAPHREC_SERVER_PASSWORD";
    /** The one user of an authenticated graphrec server. */
    public static final String USER = "neo4j";
    /** Neo4j's minimum password length. */
    static final int MIN_PASSWORD = 8;

    /** Loopback, no authentication, no TLS: the store as every command opens it. */
    public static BoltServing loopback(int port) {
        return new BoltServing("127.0.0.1", port, null, null, null);
    }

    /**
     * The serving options of {@code server}, validated: one-line errors for a non-loopback address without
     * {@code --auth}, a missing or short password, an incomplete or unreadable certificate/key pair.
     *
     * @param tlsDir a directory holding {@code public.crt} and {@code private.key} (Neo4j's names), or null
     */
    public static BoltServing parse(String listen, int port, boolean auth, String tlsCert, String tlsKey,
                                    String tlsDir, Map<String, String> env) {
        String host = listen == null || listen.isBlank() ? "127.0.0.1" : listen.strip();
        boolean loopback = isLoopback(host);
        String password = null;
        if (auth) {
            password = env.get(PASSWORD_ENV);
            if (password == null || password.isEmpty()) {
                throw new UserException("--auth: set the password in the environment variable " + PASSWORD_ENV
                        + " (it is never taken from an argument, which other users of the machine can see)");
            }
            if (password.length() < MIN_PASSWORD) {
                throw new UserException("--auth: the password in " + PASSWORD_ENV + " must have at least "
                        + MIN_PASSWORD + " characters, found " + password.length());
            }
        } else if (!loopback) {
            throw new UserException("--listen " + host + " would serve the store beyond this machine without "
                    + "authentication; add --auth (password from " + PASSWORD_ENV + "), ideally with --tls-cert/"
                    + "--tls-key or --tls-dir");
        }
        Path cert = null;
        Path key = null;
        if (tlsDir != null) {
            if (tlsCert != null || tlsKey != null) {
                throw new UserException("--tls-dir excludes --tls-cert and --tls-key (it holds public.crt and "
                        + "private.key)");
            }
            cert = Path.of(tlsDir, "public.crt");
            key = Path.of(tlsDir, "private.key");
        } else if (tlsCert != null || tlsKey != null) {
            if (tlsCert == null || tlsKey == null) {
                throw new UserException("TLS needs both --tls-cert (PEM certificate) and --tls-key (PEM private key), "
                        + "found only " + (tlsCert == null ? "--tls-key" : "--tls-cert"));
            }
            cert = Path.of(tlsCert);
            key = Path.of(tlsKey);
        }
        for (Path f : cert == null ? new Path[0] : new Path[] {cert, key}) {
            if (!Files.isReadable(f) || Files.isDirectory(f)) {
                throw new UserException("TLS: " + f.toAbsolutePath() + ": expected a readable PEM file, found "
                        + (Files.exists(f) ? "an unreadable file or a directory" : "nothing"));
            }
        }
        return new BoltServing(host, port, password, cert == null ? null : cert.toAbsolutePath(),
                key == null ? null : key.toAbsolutePath());
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new UserException("--listen " + host + ": unknown host or address");
        }
    }

    public boolean authenticated() {
        return password != null;
    }

    public boolean tls() {
        return tlsCertificate != null;
    }

    /** The address clients (and this process's own driver) connect to: loopback for a wildcard listener. */
    String connectHost() {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") ? "127.0.0.1" : host;
    }

    /** One line for the user: where, whether authenticated and encrypted (never the password). */
    public String describe() {
        return (authenticated() ? "basic auth as user '" + USER + "' (password from " + PASSWORD_ENV + ")"
                : "no authentication") + ", " + (tls() ? "TLS required (certificate " + tlsCertificate + ")"
                : "no TLS") + ", " + (isLoopback(host) ? "loopback only" : "listening on " + host);
    }

    @Override
    public String toString() {
        return "BoltServing[" + host + ":" + port + ", " + describe() + "]";
    }
}
