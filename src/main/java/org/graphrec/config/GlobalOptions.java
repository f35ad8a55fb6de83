package org.graphrec.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options every command accepts (where the graph lives), taken out of the argument list wherever they
 * appear, so {@code graphrec --db x stats} and {@code graphrec stats --db x} mean the same. None of them clashes
 * with a command option ({@code recommend --user ID} is the command's). What remains is handed to the shell.
 *
 * @param db           {@code --db PATH}: embedded store directory
 * @param uri          {@code --uri URI}: external server
 * @param user         {@code --neo4j-user NAME} (named so, because commands have a {@code --user ID} of their own)
 * @param password     {@code --neo4j-password SECRET} (prefer GRAPHREC_NEO4J_PASSWORD: arguments are visible to
 *                     others)
 * @param database     {@code --database NAME}
 * @param pageCacheMiB {@code --pagecache MIB}: page cache of the embedded store
 * @param file         {@code --file PATH}: run the commands in a file unattended
 * @param rest         the remaining arguments (a command and its options, or nothing)
 */
public record GlobalOptions(String db, String uri, String user, String password, String database,
                            Integer pageCacheMiB, String file, List<String> rest) {

    /** Names of the global options, for suggestions and for the shell's help. */
    public static final Set<String> NAMES = Set.of("--db", "--uri", "--neo4j-user", "--neo4j-password", "--database",
            "--pagecache", "--file");

    /** Parses {@code args}; throws {@link UserException} for a global option without a value. */
    public static GlobalOptions parse(String[] args) {
        Map<String, String> values = new java.util.HashMap<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!NAMES.contains(name)) {
                rest.add(arg);
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new UserException(name + " needs a value");
                }
                value = args[++i];
            }
            values.put(name, value);
        }
        Integer pageCache = null;
        if (values.containsKey("--pagecache")) {
            try {
                pageCache = Integer.parseInt(values.get("--pagecache"));
            } catch (NumberFormatException e) {
                throw new UserException("--pagecache expects a size in MiB, found '" + values.get("--pagecache") + "'");
            }
        }
        return new GlobalOptions(values.get("--db"), values.get("--uri"), values.get("--neo4j-user"),
                values.get("--neo4j-password"), values.get("--database"), pageCache, values.get("--file"),
                List.copyOf(rest));
    }
}
