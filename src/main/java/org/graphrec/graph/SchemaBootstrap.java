package org.graphrec.graph;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Applies the schema in {@code cypher/schema/*.cypher} (packaged on the classpath), file by file in name order.
 * Every statement uses {@code IF NOT EXISTS}, so applying it again changes nothing.
 */
public final class SchemaBootstrap {

    private static final String LOCATION = "classpath*:cypher/schema/*.cypher";

    private SchemaBootstrap() {
    }

    /** Applies every schema statement and waits for the indexes to come online. Returns the statement count. */
    public static int apply(GraphConnection graph) {
        List<String> statements = statements();
        try (var session = graph.session()) {
            for (String statement : statements) {
                session.run(statement).consume();
            }
            session.run("CALL db.awaitIndexes(300)").consume();
        } catch (RuntimeException e) {
            throw GraphConnection.translate(e, graph.uri(), graph.database());
        }
        return statements.size();
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
