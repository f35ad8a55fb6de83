package org.graphrec.recommend;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.graphrec.config.Suggestions;
import org.graphrec.config.UserException;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The analysts' Cypher library as packaged on the classpath ({@code cypher/<area>/<name>.cypher}, the pom copies
 * the project's {@code cypher/} folder into the jar). {@code schema/} is not part of it: that is applied at start.
 * Loaded once; the services run the same files the analysts do, so the shell and the library agree.
 */
public final class CypherLibrary {

    private static final String LOCATION = "classpath*:cypher/**/*.cypher";
    private static volatile CypherLibrary instance;

    private final Map<String, LibraryQuery> queries;

    private CypherLibrary(Map<String, LibraryQuery> queries) {
        this.queries = queries;
    }

    /** The library on the classpath (loaded on first use). */
    public static CypherLibrary load() {
        CypherLibrary library = instance;
        if (library == null) {
            synchronized (CypherLibrary.class) {
                if (instance == null) {
                    instance = new CypherLibrary(read());
                }
                library = instance;
            }
        }
        return library;
    }

    private static Map<String, LibraryQuery> read() {
        try {
            Map<String, LibraryQuery> out = new TreeMap<>();
            for (Resource file : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
                String url = file.getURL().toString();
                int at = url.lastIndexOf("cypher/");
                String path = url.substring(at + "cypher/".length());
                if (path.startsWith("schema/")) {
                    continue;
                }
                String name = path.substring(0, path.length() - ".cypher".length());
                try (InputStream in = file.getInputStream()) {
                    out.putIfAbsent(name, LibraryQuery.parse(name,
                            new String(in.readAllBytes(), StandardCharsets.UTF_8), "cypher/" + path));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All queries by name, sorted. */
    public Collection<LibraryQuery> all() {
        return queries.values();
    }

    /** Names such as {@code recommend/for-user}, sorted. */
    public List<String> names() {
        return new ArrayList<>(queries.keySet());
    }

    /**
     * The query called {@code name}: the full name ({@code recommend/for-user}), with or without
     * {@code .cypher}, or just the file name when that is unique. Unknown names are a user error with a
     * "did you mean".
     */
    public LibraryQuery get(String name) {
        String key = name.strip();
        if (key.startsWith("cypher/")) {
            key = key.substring("cypher/".length());
        }
        if (key.endsWith(".cypher")) {
            key = key.substring(0, key.length() - ".cypher".length());
        }
        LibraryQuery exact = queries.get(key);
        if (exact != null) {
            return exact;
        }
        String shortName = key;
        List<LibraryQuery> byFile = queries.values().stream()
                .filter(q -> q.name().substring(q.name().lastIndexOf('/') + 1).equals(shortName)).toList();
        if (byFile.size() == 1) {
            return byFile.get(0);
        }
        if (byFile.size() > 1) {
            throw new UserException("'" + name + "' is ambiguous: " + String.join(", ",
                    byFile.stream().map(LibraryQuery::name).toList()));
        }
        List<String> candidates = new ArrayList<>(queries.keySet());
        queries.keySet().forEach(n -> candidates.add(n.substring(n.lastIndexOf('/') + 1)));
        throw new UserException("no query '" + name + "' in the Cypher library"
                + Suggestions.didYouMean(key, candidates) + " (run 'cypher' without a name for the list)");
    }
}
