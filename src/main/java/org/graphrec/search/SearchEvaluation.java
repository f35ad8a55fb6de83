package org.graphrec.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.graphrec.graph.GraphConnection;
import org.graphrec.progress.ProgressTracker;

/**
 * The search protocols of docs/quality.md, run through {@link SearchService#rank} (the same procedure call as the
 * shell) on a graph with MiniLM text vectors and, for (b), a published fused embedding version:
 * <ol>
 *   <li><b>known-item search</b>: for sampled items with a title, a query of the title's lower-cased words,
 *       shuffled, each dropped with a probability (at least one kept); MRR (over the top 100) and Recall@10 of
 *       the item;</li>
 *   <li><b>personalised search</b> (the protocol of Ai et al. 2017, HEM): for sampled interactions of a split, a
 *       query from the held-out item's category and brand words plus a few of its title words, searched without
 *       and with the user at several weights; Recall@10 and NDCG@10 of the item, the user's train items masked
 *       (as the recommender protocol does) in every variant.</li>
 * </ol>
 * Every random step takes the seed.
 */
public final class SearchEvaluation {

    /** Words kept from the title in a personalised query: each with this probability. */
    public static final double TITLE_WORD_SHARE = 0.3;
    private static final int ENCODE_BATCH = 64;
    private static final int DEPTH = 100;

    private final GraphConnection graph;
    private final SearchService service;
    private final ProgressTracker progress;

    public SearchEvaluation(GraphConnection graph, SearchService service, ProgressTracker progress) {
        this.graph = graph;
        this.service = service;
        this.progress = progress;
    }

    /** Mean metrics over {@code queries} queries. */
    public record Metrics(int queries, double mrr, double recallAt10, double ndcgAt10) {

        /** One Markdown table cell group: MRR, Recall@10, NDCG@10. */
        public String cells() {
            return String.format(Locale.ROOT, "%.4f | %.4f | %.4f", mrr, recallAt10, ndcgAt10);
        }
    }

    /** The lower-cased words of a text (letters and digits; everything else separates). */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /** A known-item query: the title's words shuffled, each dropped with probability {@code drop}, one kept. */
    public static String knownItemQuery(String title, double drop, Random random) {
        List<String> kept = new ArrayList<>();
        List<String> all = words(title);
        for (String w : all) {
            if (random.nextDouble() >= drop) {
                kept.add(w);
            }
        }
        if (kept.isEmpty() && !all.isEmpty()) {
            kept.add(all.get(random.nextInt(all.size())));
        }
        Collections.shuffle(kept, random);
        return String.join(" ", kept);
    }

    /**
     * A personalised-search query (HEM style): the words of the item's categories and brand, without repeats, plus
     * each title word with probability {@link #TITLE_WORD_SHARE} (one title word when there is nothing else).
     */
    public static String personalQuery(String title, List<String> categories, String brand, Random random) {
        Set<String> out = new LinkedHashSet<>();
        categories.forEach(c -> out.addAll(words(c)));
        if (brand != null) {
            out.addAll(words(brand));
        }
        List<String> titleWords = words(title == null ? "" : title);
        for (String w : titleWords) {
            if (random.nextDouble() < TITLE_WORD_SHARE) {
                out.add(w);
            }
        }
        if (out.isEmpty() && !titleWords.isEmpty()) {
            out.add(titleWords.get(random.nextInt(titleWords.size())));
        }
        List<String> shuffled = new ArrayList<>(out);
        Collections.shuffle(shuffled, random);
        return String.join(" ", shuffled);
    }

    /** Known-item search over at most {@code maxItems} sampled items with a title and a text vector. */
    public Metrics knownItem(int maxItems, double drop, long seed) {
        Random random = new Random(seed);
        List<String[]> items = new ArrayList<>(graph.read(tx -> tx.run("""
                MATCH (m:Modality {name: 'text'}) MATCH (i:Item)
                WHERE i.title IS NOT NULL AND trim(i.title) <> '' AND i[m.property] IS NOT NULL
                RETURN i.id AS id, i.title AS title ORDER BY id
                """).list(r -> new String[] {r.get("id").asString(), r.get("title").asString()})));
        Collections.shuffle(items, random);
        List<String[]> sample = items.subList(0, Math.min(maxItems, items.size()));
        List<String> queries = new ArrayList<>();
        for (String[] item : sample) {
            queries.add(knownItemQuery(item[1], drop, random));
        }
        List<float[]> vectors = encodeAll(queries, "known-item queries");
        progress.begin("known-item search", sample.size());
        Accumulator acc = new Accumulator();
        try {
            for (int q = 0; q < sample.size(); q++) {
                SearchRequest request = SearchRequest.of(queries.get(q), DEPTH);
                acc.add(rankOf(service.rank(request, vectors.get(q)).itemIds(), sample.get(q)[0], Set.of()));
                progress.advance(1);
            }
        } finally {
            progress.end();
        }
        return acc.metrics();
    }

    /** One sampled held-out interaction and its query. */
    public record Case(String userId, String itemId, String query, Set<String> train) {
    }

    /** At most {@code max} sampled interactions of {@code split} whose item has a text vector, with queries. */
    public List<Case> personalCases(String split, int max, long seed) {
        Random random = new Random(seed);
        List<Map<String, Object>> rows = new ArrayList<>(graph.read(tx -> tx.run("""
                MATCH (m:Modality {name: 'text'})
                MATCH (u:User)-[r:INTERACTED {split: $split}]->(i:Item) WHERE i[m.property] IS NOT NULL
                RETURN u.id AS user, i.id AS item, i.title AS title,
                       COLLECT { MATCH (i)-[:IN_CATEGORY]->(c:Category) RETURN c.name ORDER BY c.name } AS categories,
                       head(COLLECT { MATCH (i)-[:MADE_BY]->(b:Brand) RETURN b.name ORDER BY b.name }) AS brand
                ORDER BY user, item
                """, Map.of("split", split)).list(r -> r.asMap())));
        Collections.shuffle(rows, random);
        List<Case> cases = new ArrayList<>();
        for (Map<String, Object> row : rows.subList(0, Math.min(max, rows.size()))) {
            @SuppressWarnings("unchecked")
            List<String> categories = (List<String>) row.get("categories");
            String query = personalQuery((String) row.get("title"), categories, (String) row.get("brand"), random);
            if (!query.isBlank()) {
                String user = (String) row.get("user");
                cases.add(new Case(user, (String) row.get("item"), query, trainItems(user)));
            }
        }
        return cases;
    }

    /**
     * Personalised search of {@code cases}: one row per weight (null = without a user), the user's train items
     * masked in every variant.
     */
    public List<Metrics> personal(List<Case> cases, List<Double> weights) {
        List<float[]> vectors = encodeAll(cases.stream().map(Case::query).toList(), "personalised queries");
        List<Metrics> out = new ArrayList<>();
        for (Double weight : weights) {
            progress.begin("personalised search, weight " + (weight == null ? "none" : weight), cases.size());
            Accumulator acc = new Accumulator();
            try {
                for (int q = 0; q < cases.size(); q++) {
                    Case c = cases.get(q);
                    int k = Math.min(1000, 10 + c.train().size());
                    SearchRequest request = SearchRequest.of(c.query(), k);
                    if (weight != null) {
                        request = request.forUser(c.userId(), weight);
                    }
                    acc.add(rankOf(service.rank(request, vectors.get(q)).itemIds(), c.itemId(), c.train()));
                    progress.advance(1);
                }
            } finally {
                progress.end();
            }
            out.add(acc.metrics());
        }
        return out;
    }

    private Set<String> trainItems(String user) {
        return new HashSet<>(graph.read(tx -> tx.run("""
                MATCH (:User {id: $id})-[:INTERACTED {split: 'train'}]->(i:Item) RETURN i.id AS id
                """, Map.of("id", user)).list(r -> r.get("id").asString())));
    }

    private List<float[]> encodeAll(List<String> queries, String what) {
        service.requireTextVectors();
        progress.begin("encode " + what, queries.size());
        List<float[]> out = new ArrayList<>(queries.size());
        try {
            for (int from = 0; from < queries.size(); from += ENCODE_BATCH) {
                List<String> batch = queries.subList(from, Math.min(queries.size(), from + ENCODE_BATCH));
                out.addAll(service.encoder().embed(batch));
                progress.advance(batch.size());
            }
        } finally {
            progress.end();
        }
        return out;
    }

    /** 1-based rank of {@code item} in {@code ranked} after removing {@code masked}; 0 when absent. */
    static int rankOf(List<String> ranked, String item, Set<String> masked) {
        int rank = 0;
        for (String id : ranked) {
            if (!masked.contains(id)) {
                rank++;
                if (id.equals(item)) {
                    return rank;
                }
            }
        }
        return 0;
    }

    /** Sums of reciprocal rank (within the depth), hits@10 and DCG@10 of one relevant item per query. */
    static final class Accumulator {
        private int queries;
        private double reciprocal;
        private double hits;
        private double dcg;

        void add(int rank) {
            queries++;
            if (rank > 0) {
                reciprocal += 1.0 / rank;
            }
            if (rank > 0 && rank <= 10) {
                hits++;
                dcg += 1 / (Math.log(rank + 1) / Math.log(2));
            }
        }

        Metrics metrics() {
            return queries == 0 ? new Metrics(0, Double.NaN, Double.NaN, Double.NaN)
                    : new Metrics(queries, reciprocal / queries, hits / queries, dcg / queries);
        }
    }
}
