package org.graphrec.shell;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.graphrec.config.UserException;
import org.graphrec.graph.BoltServing;
import org.graphrec.graph.GraphConnection;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/**
 * {@code server}: keeps the embedded store open as a Neo4j server, so cypher-shell, Neo4j Browser/Desktop and
 * other graphrec processes ({@code --uri}) can use the same graph at once. Loopback without authentication by
 * default; {@code --auth} requires the password from {@code GRAPHREC_SERVER_PASSWORD}, which any other address
 * ({@code --listen}) demands; {@code --tls-cert/--tls-key} or {@code --tls-dir} turn on TLS.
 */
@ShellComponent
public class ServerCommands extends SessionCommands {

    public ServerCommands(GraphSession session) {
        super(session);
    }

    @ShellMethod(key = "server", value = "Serve the embedded store over Bolt until interrupted (Ctrl-C): loopback "
            + "by default; --auth for a password (from GRAPHREC_SERVER_PASSWORD), required with --listen on "
            + "another address; TLS with --tls-cert/--tls-key or --tls-dir.", group = "Graph")
    public String server(
            @ShellOption(help = "Bolt port (0 = any free port)", defaultValue = "7687") int port,
            @ShellOption(help = "address to listen on, e.g. 0.0.0.0 (anything but loopback needs --auth)",
                    defaultValue = "127.0.0.1") String listen,
            @ShellOption(help = "require basic auth as user neo4j with the password in GRAPHREC_SERVER_PASSWORD",
                    defaultValue = "false") boolean auth,
            @ShellOption(value = "--tls-cert", help = "PEM certificate (chain) for TLS", defaultValue = ShellOption.NULL)
            String tlsCert,
            @ShellOption(value = "--tls-key", help = "PEM private key (PKCS#8, unencrypted) for TLS",
                    defaultValue = ShellOption.NULL) String tlsKey,
            @ShellOption(value = "--tls-dir", help = "directory with public.crt and private.key for TLS",
                    defaultValue = ShellOption.NULL) String tlsDir,
            @ShellOption(help = "stop after this many seconds (0 = run until interrupted)", defaultValue = "0")
            int seconds) throws InterruptedException {
        if (!session.settings().isEmbedded()) {
            throw new UserException("server serves the embedded store; with --uri the graph is already on a server");
        }
        BoltServing serving = BoltServing.parse(listen, port, auth, tlsCert, tlsKey, tlsDir, System.getenv());
        if (session.current().isPresent()) {
            GraphConnection open = session.current().get();
            BoltServing current = open.embedded().orElseThrow().serving();
            if (!current.host().equals(serving.host()) || current.authenticated() != serving.authenticated()
                    || current.tls() != serving.tls()) {
                throw new UserException("this shell already serves the store at " + open.uri() + " ("
                        + current.describe() + "); to serve it otherwise, start 'graphrec server …' from a new "
                        + "process");
            }
            return "this shell already serves the store at " + open.uri() + " for as long as it runs";
        }
        GraphConnection graph = session.openServing(serving);
        String uri = serving.tls() ? graph.uri().replaceFirst("^bolt://", "bolt+ssc://") : graph.uri();
        System.out.println("graphrec server: " + uri + " (store " + graph.embedded().orElseThrow().home()
                + ", Neo4j " + graph.serverVersion() + ", " + serving.describe() + ")");
        System.out.println("connect with: " + (serving.authenticated()
                ? "GRAPHREC_NEO4J_PASSWORD=<the password> graphrec --uri " + uri + " --neo4j-user neo4j <command>"
                + "   or   cypher-shell -a " + uri + " -u neo4j"
                : "graphrec --uri " + uri + " <command>   or   cypher-shell -a " + uri));
        System.out.println("press Ctrl-C to stop");
        System.out.flush();
        CountDownLatch forever = new CountDownLatch(1);
        if (seconds > 0) {
            forever.await(seconds, TimeUnit.SECONDS);
        } else {
            forever.await();
        }
        return "server stopped";
    }
}
