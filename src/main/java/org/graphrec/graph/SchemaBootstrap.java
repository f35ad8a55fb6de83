package org.graphrec.graph;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Applies the schema in {@code cypher/schema/*.cypher} (packaged on the classpath), file by file in name order.
 * Every statement uses {@code IF NOT EXISTS}, so applying it again changes nothing.
 */
public final class SchemaBootstrap {

    private static final String LOCATION = "classpath*:cypher/schema/*.cypher";
    private static final Pattern CREATE_NAMED = Pattern.compile(
            "(?is)^CREATE\\s+(?:(RANGE|LOOKUP|TEXT|POINT|VECTOR|FULLTEXT)\\s+)?(?:CONSTRAINT|INDEX)\\s+"
                    + "([A-Za-z_][A-Za-z0-9_]*)\\s+IF\\s+NOT\\s+EXISTS\\b.*");
    private static final Pattern DROP_NAMED = Pattern.compile(
            "(?is)^DROP\\s+(?:CONSTRAINT|INDEX)\\s+([A-Za-z_][A-Za-z0-9_]*)\\s+IF\\s+EXISTS\\s*");

    private SchemaBootstrap() {
    }

    /**
     * Applies every schema statement whose index or constraint is not there yet, and every drop of one that is (by
     * name; one {@code SHOW} query each for indexes and constraints instead of a planned statement per schema
     * element, which cost ~1 s of every start) and waits for the indexes to come online. Returns the number of statements run.
     */
    public static int apply(GraphConnection graph) {
        List<String> statements = statements();
        int run = 0;
        try (var session = graph.session()) {
            Set<String> present = new HashSet<>();
            try {
                session.run("SHOW INDEXES YIELD name, type, entityType").list().forEach(r -> {
                    present.add(r.get("name").asString());
                    if ("LOOKUP".equals(r.get("type").asString())) {
                        present.add("LOOKUP " + r.get("entityType").asString()); // a store's own, of any name
                    }
                });
                session.run("SHOW CONSTRAINTS YIELD name").list(r -> r.get("name").asString()).forEach(present::add);
            } catch (org.neo4j.driver.exceptions.ClientException e) {
                present.clear(); // a server that refuses SHOW to this user: every statement runs, as before
            }
            for (String statement : statements) {
                String key = presenceKey(statement);
                String dropped = droppedName(statement);
                if (dropped != null ? present.isEmpty() || present.contains(dropped)
                        : key == null || !present.contains(key)) {
                    session.run(statement).consume();
                    run++;
                }
            }
            session.run("CALL db.awaitIndexes(300)").consume();
        } catch (RuntimeException e) {
            throw GraphConnection.translate(e, graph.uri(), graph.database());
        }
        return run;
    }

    /**
     * The index or constraint a {@code DROP INDEX|CONSTRAINT name IF EXISTS} statement removes (it runs only where
     * that element exists), null for any other statement.
     */
    static String droppedName(String statement) {
        Matcher m = DROP_NAMED.matcher(statement.strip());
        return m.matches() ? m.group(1) : null;
    }

    /**
     * What makes a schema statement a no-op when present: the name a {@code CREATE … INDEX|CONSTRAINT name IF NOT
     * EXISTS} statement gives its element, or for a token lookup index {@code LOOKUP NODE|RELATIONSHIP} (a store
     * has at most one of each, under whatever name, and {@code IF NOT EXISTS} then does nothing); null for any
     * other statement, which is always run.
     */
    static String presenceKey(String statement) {
        Matcher m = CREATE_NAMED.matcher(statement.strip());
        if (!m.matches()) {
            return null;
        }
        if ("LOOKUP".equalsIgnoreCase(m.group(1))) {
            return "LOOKUP " + (statement.contains("]-") ? "RELATIONSHIP" : "NODE");
        }
        return m.group(2);
    }

    /**
     * Brings the query planner's statistics up to date after bulk writes: resamples the indexes, waits for the
     * samples (at most 5 minutes) and clears the query caches ({@code db.prepareForReplanning}). Right after an
     * import the index samples may still describe the empty graph, and the planner then picks plans that are
     * quadratic on the real one: the propagation loader once scanned every item per user (Expand(Into) from an
     * index scan estimated at 0 rows) and ran for minutes on 100,000 interactions instead of a second. Best
     * effort: a server that refuses the call (it may be admin-only) is asked to schedule the resampling instead,
     * and otherwise keeps its background sampling. Returns whether the statistics were refreshed and awaited.
     */
    public static boolean refreshStatistics(GraphConnection graph) {
        try (var session = graph.session()) {
            session.run("CALL db.prepareForReplanning(300)").consume();
            return true;
        } catch (org.neo4j.driver.exceptions.Neo4jException e) {
            try (var session = graph.session()) {
                session.run("CALL db.resampleOutdatedIndexes()").consume();
            } catch (org.neo4j.driver.exceptions.Neo4jException ignored) {
                // background sampling will catch up
            }
            return false;
        }
    }

    /** The schema statements in application order, comments removed. */
    public static List<String> statements() {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources(LOCATION);
            Arrays.sort(files, Comparator.comparing(Resource::getFilename));
            List<String> statements = new ArrayList<>();
            for (Resource file : files) {
                try (InputStream in = file.getInputStream()) {
                    statements.addAll(split(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
            if (statements.isEmpty()) {
                throw new IllegalStateException("no schema files found at " + LOCATION);
            }
            return statements;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits a Cypher script into statements at semicolons ending a line; drops {@code //} comment lines. */
    public static List<String> split(String script) {
        StringBuilder current = new StringBuilder();
        List<String> out = new ArrayList<>();
        for (String line : script.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("//")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                out.add(statement.substring(0, statement.length() - 1).strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
