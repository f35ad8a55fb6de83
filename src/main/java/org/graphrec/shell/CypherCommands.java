package org.graphrec.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.graphrec.config.UserException;
import org.graphrec.recommend.CypherLibrary;
import org.graphrec.recommend.LibraryQuery;
import org.graphrec.recommend.LibraryRunner;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/** {@code cypher NAME --param k=v …}: runs a query of the analysts' library and prints the result. */
@ShellComponent
public class CypherCommands {

    private final GraphSession session;

    public CypherCommands(GraphSession session) {
        this.session = session;
    }

    @ShellMethod(key = "cypher", group = "Serving", value = "Run a query of the Cypher library (cypher/…) with "
            + "parameters and print the result; without a name, list the queries.")
    public String cypher(
            @ShellOption(value = "--name", help = "query name, e.g. recommend/for-user (or for-user)",
                    defaultValue = ShellOption.NULL) String name,
            @ShellOption(value = "--param", help = "parameters as key=value, all after one --param: "
                    + "--param userId=u1 k=5", defaultValue = ShellOption.NULL, arity = Integer.MAX_VALUE) String[] param,
            @ShellOption(value = "--json", help = "print JSON for scripts", defaultValue = "false") boolean json) {
        CypherLibrary library = CypherLibrary.load();
        if (name == null) {
            return json ? Json.write(library.all().stream().map(q -> Map.of("name", q.name(), "title", q.title(),
                    "example", q.exampleArguments())).toList()) : list(library);
        }
        LibraryQuery query = library.get(name);
        Map<String, Object> given = new LinkedHashMap<>();
        for (String pair : param == null ? new String[0] : param) {
            for (String one : splitPairs(pair)) {
                int eq = one.indexOf('=');
                if (eq <= 0) {
                    throw new UserException("--param expects key=value, found '" + one + "'");
                }
                String key = one.substring(0, eq).strip();
                given.put(key, query.parameter(key).convert(one.substring(eq + 1), query.name()));
            }
        }
        LibraryRunner.Table table = LibraryRunner.run(session.get(), query, query.bind(given));
        if (json) {
            return Json.write(table.rows());
        }
        return render(table);
    }

    private static List<String> splitPairs(String text) {
        // "a=1 b=2" (one --param with several values joined by the shell) or a single "a=1"
        List<String> out = new ArrayList<>();
        for (String piece : text.strip().split("\\s+(?=[A-Za-z_]\\w*=)")) {
            if (!piece.isBlank()) {
                out.add(piece.strip());
            }
        }
        return out;
    }

    static String list(CypherLibrary library) {
        TextTable table = new TextTable("query", "answers", "example");
        for (LibraryQuery q : library.all()) {
            table.row(q.name(), ServingOutput.shorten(q.title()), q.exampleArguments());
        }
        return table.render();
    }

    static String render(LibraryRunner.Table table) {
        if (table.rows().isEmpty()) {
            return "(no rows)\n";
        }
        TextTable out = new TextTable(table.columns().toArray(String[]::new));
        for (Map<String, Object> row : table.rows()) {
            out.row(table.columns().stream().map(c -> format(row.get(c))).toArray());
        }
        return out.render() + String.format(Locale.ROOT, "%d row%s%n", table.rows().size(),
                table.rows().size() == 1 ? "" : "s");
    }

    static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%.4f", d);
        }
        if (value instanceof List<?> list) {
            List<String> parts = list.stream().limit(8).map(CypherCommands::format).toList();
            return "[" + String.join(", ", parts) + (list.size() > 8 ? ", … (" + list.size() + ")" : "") + "]";
        }
        return ServingOutput.shorten(String.valueOf(value));
    }
}
