package org.graphrec.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import org.graphrec.config.UserException;
import org.graphrec.graph.GraphConnection;
import org.graphrec.graph.ResultRow;
import org.graphrec.importer.TextEmbedder;
import org.graphrec.recommend.CypherLibrary;
import org.graphrec.recommend.EmbeddingRecommender;
import org.graphrec.recommend.Explainer;
import org.graphrec.recommend.Explanation;
import org.graphrec.recommend.GraphLookup;
import org.graphrec.recommend.GraphLookup.Kind;
import org.graphrec.recommend.LibraryQuery;

/**
 * Search: encodes the query with the encoder of the catalogue's text vectors (refusing when the catalogue's text
 * vectors came from another one: comparing two vector spaces gives nonsense), runs the library's
 * {@code recommend/search.cypher} (the {@code graphrec.search} procedure; so the shell and an analyst running the
 * file get the same list), and explains each hit: its text similarity and, for a personalised hit, the paths
 * {@code explain} shows. An empty answer is diagnosed: unknown user, brand or category (with "did you mean").
 */
public final class SearchService {

    /** Graph paths shown per personalised hit. */
    public static final int PATHS_PER_HIT = 2;

    private static final Map<GraphConnection, Boolean> PROCEDURE = Collections.synchronizedMap(new WeakHashMap<>());

    private final GraphConnection graph;
    private final Supplier<TextEmbedder> encoder;
    private final LibraryQuery query;

    /** Search with the MiniLM encoder of {@code import --embed-text}. */
    public SearchService(GraphConnection graph) {
        this(graph, QueryEncoder::miniLm);
    }

    /** Search with another encoder (its {@link TextEmbedder#model()} must be the catalogue's text encoder). */
    public SearchService(GraphConnection graph, Supplier<TextEmbedder> encoder) {
        this.graph = graph;
        this.encoder = encoder;
        this.query = CypherLibrary.load().get("recommend/search");
    }

    /** Searches and explains every hit. */
    public SearchResult search(SearchRequest request) {
        SearchResult ranked = rank(request, encode(request.query()));
        if (!ranked.personalised()) {
            return ranked;
        }
        Explainer explainer = new Explainer(graph);
        List<SearchResult.Hit> hits = new ArrayList<>();
        for (SearchResult.Hit h : ranked.hits()) {
            List<String> why = new ArrayList<>(h.why());
            Explanation e = explainer.explain(request.userId(), h.itemId(), PATHS_PER_HIT);
            e.paths().forEach(p -> why.add(p.line()));
            if (e.alreadySeen() != null) {
                why.add("the user already interacted with it (" + e.alreadySeen() + ")");
            }
            hits.add(new SearchResult.Hit(h.rank(), h.itemId(), h.title(), h.score(), h.textSimilarity(),
                    h.personalScore(), List.copyOf(why)));
        }
        return new SearchResult(ranked.query(), ranked.userId(), ranked.personal(), true, ranked.note(),
                List.copyOf(hits));
    }

    /**
     * The query's vector, after checking that the catalogue's text vectors came from the same encoder (a user
     * error otherwise, and when the catalogue has no text vectors).
     */
    public float[] encode(String text) {
        requireTextVectors();
        return encoder.get().embed(List.of(text)).get(0);
    }

    /** The query encoder (loaded on first use). */
    public TextEmbedder encoder() {
        return encoder.get();
    }

    /** The ranked hits for an already encoded query, explained by their text similarity only. */
    public SearchResult rank(SearchRequest request, float[] vector) {
        requireProcedure();
        List<ResultRow> rows = graph.query(query.cypher(), parameters(request, vector));
        if (rows.isEmpty()) {
            diagnose(request);
        }
        // the procedure yields the version only when the user's fused score took part
        boolean personalised = rows.stream().anyMatch(r -> !r.get("version").isNull());
        List<SearchResult.Hit> hits = new ArrayList<>();
        for (ResultRow r : rows) {
            double text = r.get("textSimilarity").asDouble();
            Double personal = r.get("personalScore").isNull() ? null : r.get("personalScore").asDouble();
            List<String> why = new ArrayList<>();
            why.add(String.format(Locale.ROOT, "text similarity %.3f", text));
            if (personal != null) {
                why.add(String.format(Locale.ROOT, "model score dot(user, item) %.4f", personal));
            } else if (personalised) {
                why.add("no fused embedding yet (newer than the last propagation run): neutral personal score");
            }
            hits.add(new SearchResult.Hit(r.get("rank").asInt(), r.get("itemId").asString(),
                    r.get("title").asString(null), r.get("score").asDouble(), text, personal, List.copyOf(why)));
        }
        String note = null;
        if (request.userId() != null && !personalised && !rows.isEmpty()) {
            note = "user '" + request.userId() + "' has no fused embedding yet (no train interactions before the "
                    + "last propagation run): ranked by text similarity only";
        } else if (rows.isEmpty()) {
            note = "no items" + EmbeddingRecommender.filterText(request.brand(), request.category()) + (request.excludeSeen() && request.userId() != null
                    ? " that the user has not seen" : "") + " have text vectors";
        }
        return new SearchResult(request.query(), request.userId(), request.personal(), personalised, note,
                List.copyOf(hits));
    }

    /** The parameters of {@code recommend/search.cypher} for a request and its query vector. */
    public Map<String, Object> parameters(SearchRequest request, float[] vector) {
        List<Double> v = new ArrayList<>(vector.length);
        for (float x : vector) {
            v.add((double) x);
        }
        Map<String, Object> p = new HashMap<>();
        p.put("queryVector", v);
        p.put("userId", request.userId());
        p.put("k", (long) request.k());
        p.put("brand", request.brand());
        p.put("category", request.category());
        p.put("personal", request.personal());
        p.put("excludeSeen", request.excludeSeen());
        return query.bind(p);
    }

    /** Throws a one-line user error unless the text modality's vectors all came from this service's encoder. */
    void requireTextVectors() {
        // graph.query runs in-process on the embedded store: over Bolt this check cost ~7 ms of every search
        ResultRow row = graph.query("""
                OPTIONAL MATCH (m:Modality {name: 'text'})
                RETURN m IS NOT NULL AS exists, m.encoders AS encoders, m.model AS model
                """, Map.of()).get(0);
        if (!row.get("exists").asBoolean()) {
            throw new UserException("this catalogue has no text vectors, so there is nothing to search — import it "
                    + "with --embed-text (search compares the query with the items' text vectors)");
        }
        String model = encoder.get().model();
        List<String> encoders = row.get("encoders").isNull() ? null : row.get("encoders").asList(v -> v.asString());
        boolean same = encoders == null ? model.equals(row.get("model").asString(null)) : encoders.equals(List.of(model));
        if (!same) {
            String from = encoders == null ? "an unrecorded source (written outside import --embed-text)"
                    : String.join(" + ", encoders.stream().map(e -> e.equals("external") ? "vector files" : e)
                    .toList());
            throw new UserException("the catalogue's text vectors came from " + from + ", but search encodes the "
                    + "query with " + model + " — refusing to compare two vector spaces; re-import the catalogue "
                    + "without its text vector files, with --embed-text");
        }
    }

    private void requireProcedure() {
        boolean available = PROCEDURE.computeIfAbsent(graph, g -> g.read(tx -> tx.run(
                "SHOW PROCEDURES YIELD name WHERE name = 'graphrec.search' RETURN count(*) = 1 AS ok")
                .single().get("ok").asBoolean()));
        if (!available) {
            throw new UserException("search needs graphrec's procedure graphrec.search, which this Neo4j server "
                    + "lacks — install target/graphrec-procedures.jar (cypher/README.md)", UserException.DATABASE_ERROR);
        }
    }

    private void diagnose(SearchRequest request) {
        if (request.userId() != null) {
            GraphLookup.require(graph, Kind.USER, request.userId());
        }
        if (request.brand() != null) {
            GraphLookup.require(graph, Kind.BRAND, request.brand());
        }
        if (request.category() != null) {
            GraphLookup.require(graph, Kind.CATEGORY, request.category());
        }
    }
}
