package org.graphrec.shell;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.graphrec.config.UserException;
import org.graphrec.graph.GraphConnection;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/**
 * {@code server}: keeps the embedded store open as a Neo4j server on loopback, so cypher-shell, Neo4j
 * Browser/Desktop and other graphrec processes ({@code --uri}) can use the same graph at once.
 */
@ShellComponent
public class ServerCommands {

    private final GraphSession session;

    public ServerCommands(GraphSession session) {
        this.session = session;
    }

    @ShellMethod(key = "server", value = "Serve the embedded store over Bolt on loopback until interrupted "
            + "(Ctrl-C).", group = "Graph")
    public String server(
            @ShellOption(help = "Bolt port on 127.0.0.1 (0 = any free port)", defaultValue = "7687") int port,
            @ShellOption(help = "stop after this many seconds (0 = run until interrupted)", defaultValue = "0")
            int seconds) throws InterruptedException {
        if (!session.settings().isEmbedded()) {
            throw new UserException("server serves the embedded store; with --uri the graph is already on a server");
        }
        boolean alreadyOpen = session.current().isPresent();
        GraphConnection graph = session.openWithPort(port);
        System.out.println("graphrec server: " + graph.uri() + " (store " + graph.embedded().orElseThrow().home()
                + ", Neo4j " + graph.serverVersion() + ", no authentication, loopback only)");
        System.out.println("connect with: graphrec --uri " + graph.uri() + " <command>   or   cypher-shell -a "
                + graph.uri());
        if (alreadyOpen) {
            return "this shell already serves the store at " + graph.uri() + " for as long as it runs";
        }
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
