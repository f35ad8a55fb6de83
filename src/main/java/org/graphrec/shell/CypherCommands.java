package org.graphrec.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.graphrec.config.Json;
import org.graphrec.config.UserException;
import org.graphrec.recommend.CypherLibrary;
import org.graphrec.recommend.LibraryQuery;
import org.graphrec.recommend.LibraryRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.command.CommandRegistration.OptionArity;

/**
 * {@code cypher NAME --param k=v …}: runs a query of the analysts' library and prints the result.
 *
 * <p>Registered programmatically ({@link CommandRegistration}) rather than with {@code @ShellMethod}: Spring Shell
 * keeps only the last value of an option given twice (3.4: each parsed option is put into a map by name), so
 * {@code --param a=1 --param b=2} would lose {@code a}. The handler reads every {@code --param} from the raw
 * arguments instead. All of these give both parameters: {@code --param a=1 b=2}, {@code --param a=1 --param b=2},
 * {@code --param a=1,b=2}.
 */
@Configuration
public class CypherCommands {

    @Bean
    public CommandRegistration cypherCommand(GraphSession session) {
        return CommandRegistration.builder()
                .command("cypher")
                .group("Serving")
                .description("Run a query of the Cypher library (cypher/…) with parameters and print the result; "
                        + "without a name, list the queries.")
                .withOption().longNames("name").type(String.class).position(0).arity(OptionArity.ZERO_OR_ONE)
                .description("query name, e.g. recommend/for-user (or for-user)").and()
                .withOption().longNames("param").type(String[].class).arity(0, Integer.MAX_VALUE)
                .description("parameters as key=value: --param userId=u1 k=5 (or repeated --param, or "
                        + "comma-separated)").and()
                .withOption().longNames("json").type(boolean.class).arity(OptionArity.ZERO_OR_ONE)
                .defaultValue("false").description("print JSON for scripts").and()
                .withTarget().function(ctx -> run(session, ctx.getOptionValue("name"),
                        params(ctx.getRawArgs()), Boolean.TRUE.equals(ctx.getOptionValue("json")))).and()
                .build();
    }

    static String run(GraphSession session, String name, List<String> params, boolean json) {
        CypherLibrary library = CypherLibrary.load();
        if (name == null) {
            return json ? Json.write(library.all().stream().map(q -> Map.of("name", q.name(), "title", q.title(),
                    "example", q.exampleArguments())).toList()) : list(library);
        }
        LibraryQuery query = library.get(name);
        Map<String, Object> given = new LinkedHashMap<>();
        for (String one : params) {
            int eq = one.indexOf('=');
            if (eq <= 0) {
                throw new UserException("--param expects key=value, found '" + one + "'");
            }
            String key = one.substring(0, eq).strip();
            given.put(key, query.parameter(key).convert(one.substring(eq + 1), query.name()));
        }
        LibraryRunner.Table table = LibraryRunner.run(session.get(), query, query.bind(given));
        if (json) {
            return Json.write(table.rows());
        }
        return render(table);
    }

    /**
     * The {@code key=value} pairs of every {@code --param} in the command's raw arguments, in order: the words
     * after each {@code --param} up to the next option, each split where a comma or blank starts a new
     * {@code key=} (so a list value {@code ids=a,b} stays whole).
     */
    static List<String> params(String[] rawArgs) {
        List<String> out = new ArrayList<>();
        boolean inParam = false;
        for (String word : rawArgs == null ? new String[0] : rawArgs) {
            if (word.startsWith("--")) {
                inParam = word.equals("--param");
                continue;
            }
            if (inParam) {
                for (String piece : word.strip().split("(\\s+|,)(?=[A-Za-z_]\\w*=)")) {
                    if (!piece.isBlank()) {
                        out.add(piece.strip());
                    }
                }
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
