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
