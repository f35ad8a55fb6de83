package org.graphrec.shell;

import java.util.Locale;
import java.util.Map;
import org.graphrec.config.Json;
import org.graphrec.stats.GraphStats;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/** {@code stats}: what is in the graph and which Neo4j holds it. */
@ShellComponent
public class StatsCommands extends SessionCommands {

    public StatsCommands(GraphSession session) {
        super(session);
    }

    @ShellMethod(key = "stats", value = "Counts per label and relationship type, embedding coverage per modality, "
            + "and the connection in use.", group = "Graph")
    public String stats(@ShellOption(help = "print JSON for scripts", defaultValue = "false") boolean json) {
        GraphStats stats = GraphStats.read(session.get());
        return json ? Json.write(stats) : render(stats);
    }

    /** The human-readable form of {@code stats}. */
    public static String render(GraphStats stats) {
        StringBuilder out = new StringBuilder();
        var c = stats.connection();
        out.append("connection: ").append(c.embedded() ? "embedded store " + c.store() : "external server")
                .append("\nbolt:       ").append(c.uri())
                .append(c.database() == null ? "" : "\ndatabase:   " + c.database())
                .append("\nneo4j:      ").append(c.neo4jVersion()).append("\n\n");
        out.append(table("label", "nodes", stats.labels())).append('\n');
        out.append(table("relationship", "count", stats.relationships())).append('\n');
        TextTable modalities = new TextTable("modality", "property", "dimension", "items", "coverage");
        for (var m : stats.modalities()) {
            modalities.row(m.name(), m.property(), m.dimension(), m.items(),
                    String.format(Locale.ROOT, "%.1f%%", 100 * m.fraction()));
        }
        out.append(modalities.isEmpty() ? "no modality embeddings imported yet\n" : modalities.render());
        out.append("\nfused embeddings: ").append(stats.fused().get("User")).append(" users, ")
                .append(stats.fused().get("Item")).append(" items\n");
        return out.toString();
    }

    private static String table(String key, String value, Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "(no " + key + "s yet)\n";
        }
        TextTable table = new TextTable(key, value);
        counts.forEach((k, v) -> table.row(k, String.format(Locale.ROOT, "%,d", v)));
        return table.render();
    }
}
