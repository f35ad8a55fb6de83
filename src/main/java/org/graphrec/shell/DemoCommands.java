package org.graphrec.shell;

import org.graphrec.graph.GraphStats;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;

/** {@code demo}: the first command of the README, growing with the product. */
@ShellComponent
public class DemoCommands {

    private final GraphSession session;

    public DemoCommands(GraphSession session) {
        this.session = session;
    }

    @ShellMethod(key = "demo", value = "Start the embedded store, apply the schema and show what is in it.",
            group = "Graph")
    public String demo() {
        var graph = session.get();
        return "graph ready: " + graph.describe() + "\n\n" + StatsCommands.render(GraphStats.read(graph));
    }
}
