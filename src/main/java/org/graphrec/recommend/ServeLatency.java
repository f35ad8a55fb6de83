package org.graphrec.recommend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.graphrec.graph.GraphConnection;
import org.graphrec.versions.EmbeddingVersions;
import org.graphrec.progress.ProgressTracker;

/**
 * Warm latency of the serving operations and of their Cypher-library equivalents, for {@code bench serve}:
 * each operation is called {@code warmup} times unmeasured (at most {@link #WARMUP_SECONDS} seconds: the slow
 * neighbourhood operations stop earlier), then {@code samples} times on sampled users or items (seeded), one call
 * at a time, and the wall-clock percentiles are reported. The service rows are what the shell runs (in-process
 * on the embedded store); the "cypher" rows run the library files through the driver over Bolt, as an analyst's
 * client does. Warm-up matters: the JIT needs a few hundred calls through Cypher's runtime before the latency
 * settles (with 100 warm-up calls, recommend's p50 was 2–3× its settled value). Also measures how often the
 * shell's recommend and the index-backed {@code recommend/for-user-index} return exactly the top-K of a full
 * scan (recall@K against an exact dot-product ranking computed here in Java).
 */
public final class ServeLatency {

    /** Upper bound of one operation's warm-up, in seconds. */
    public static final int WARMUP_SECONDS = 20;

    private ServeLatency() {
    }

    /**
     * What to measure.
     *
     * @param warmup  unmeasured calls per operation
     * @param samples measured calls per operation
     * @param k       list length
     * @param seed    seed of the user/item sample
     */
    public record Parameters(int warmup, int samples, int k, long seed) {
        public Parameters {
            if (warmup < 0 || samples < 1 || k < 1) {
                throw new IllegalArgumentException("warmup >= 0, samples >= 1, k >= 1");
            }
        }
    }

    /** Percentiles of one operation, in milliseconds. */
    public record Row(String operation, int calls, double p50, double p95, double p99, double max) {
    }

    /**
     * The measurement.
     *
     * @param users          users with a fused embedding
     * @param items          items with a fused embedding
     * @param rows           one row per operation
     * @param recallAtK      mean recall@K of the shell's recommend (recommend/for-user) against an exact full scan
     *                       computed here (NaN if not measured)
     * @param exactLists     share of sampled users whose list equals the exact one, in order
     * @param indexRecallAtK the same for recommend/for-user-index (the vector indexes, no procedures)
     * @param indexExactLists the same for recommend/for-user-index
     * @param similar        per modality ("fused" first), the default similar lists against the exact ones (empty
     *                       if not measured)
     */
    public record Result(long users, long items, List<Row> rows, double recallAtK, double exactLists,
                         double indexRecallAtK, double indexExactLists, List<SimilarRecall> similar) {

        /** A measurement without similar recall. */
        public Result(long users, long items, List<Row> rows, double recallAtK, double exactLists,
                      double indexRecallAtK, double indexExactLists) {
            this(users, items, rows, recallAtK, exactLists, indexRecallAtK, indexExactLists, List.of());
        }

        /** The same measurement with {@code extra} rows appended (operations measured elsewhere, e.g. search). */
        public Result withRows(List<Row> extra) {
            List<Row> all = new ArrayList<>(rows);
            all.addAll(extra);
            return new Result(users, items, List.copyOf(all), recallAtK, exactLists, indexRecallAtK, indexExactLists,
                    similar);
        }

        /** A Markdown table of the rows. */
        public String markdown() {
            StringBuilder out = new StringBuilder("| operation | calls | p50 ms | p95 ms | p99 ms | max ms |\n"
                    + "|---|---|---|---|---|---|\n");
            for (Row r : rows) {
                out.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f |%n", r.operation(),
                        r.calls(), r.p50(), r.p95(), r.p99(), r.max()));
            }
            return out.toString();
        }
    }

    /**
     * The shell's default {@code similar} lists against {@code similar --exact} on the same items.
     *
     * @param modality    "fused" or a modality name
     * @param recallAtK   mean share of the exact list found
     * @param exactLists  share of items whose list equals the exact one, in order
     * @param approximate share of answers the inverted file gave (the rest were exact anyway)
     * @param items       items compared
     */
    public record SimilarRecall(String modality, double recallAtK, double exactLists, double approximate, int items) {
    }

    /** The groups of rows {@link #measure(GraphConnection, Parameters, ProgressTracker, Set)} can be limited to. */
    public static final List<String> PARTS = List.of("recommend", "similar", "neighbours");

    /** Measures every row on the graph as it is (needs a propagation run). */
    public static Result measure(GraphConnection graph, Parameters p, ProgressTracker progress) {
        return measure(graph, p, progress, Set.copyOf(PARTS));
    }

    /**
     * Measures the rows of {@code parts} (of {@link #PARTS}) on the graph as it is; the recall against an exact
     * scan comes with "recommend" (NaN without it).
     */
    public static Result measure(GraphConnection graph, Parameters p, ProgressTracker progress, Set<String> parts) {
        String prop = new EmbeddingVersions(graph).requirePublished().embeddingProperty();
        Random random = new Random(p.seed());
        List<String> users = sample(graph, "MATCH (u:User) WHERE u[$prop] IS NOT NULL RETURN u.id AS id "
                + "ORDER BY id", prop, random);
        List<String> items = sample(graph, "MATCH (i:Item) WHERE i[$prop] IS NOT NULL RETURN i.id AS id "
                + "ORDER BY id", prop, random);
        List<String> modalities = GraphLookup.modalities(graph);
        CypherLibrary library = CypherLibrary.load();
        EmbeddingRecommender recommender = new EmbeddingRecommender(graph);
        SimilarItems similar = new SimilarItems(graph);
        NeighbourhoodRecommender neighbours = new NeighbourhoodRecommender(graph);
        NeighbourhoodParameters hood = NeighbourhoodParameters.defaults(p.k());
        LibraryQuery forUser = library.get("recommend/for-user");
        LibraryQuery forUserIndex = library.get("recommend/for-user-index");
        LibraryQuery similarItems = library.get("recommend/similar-items");
        LibraryQuery similarItemsIndex = library.get("recommend/similar-items-index");
        LibraryQuery neighbourhood = library.get("recommend/neighbourhood");
        List<Row> rows = new ArrayList<>();
        if (parts.contains("recommend")) {
            rows.add(time("recommend (service)", p, users, progress,
                    u -> recommender.recommend(RecommendRequest.of(u, p.k()))));
            rows.add(time("cypher recommend/for-user", p, users, progress,
                    u -> graph.boltQuery(forUser.cypher(), forUser.bind(Map.of("userId", u, "k", (long) p.k())))));
            rows.add(time("cypher recommend/for-user-index", p, users, progress,
                    u -> graph.boltQuery(forUserIndex.cypher(), forUserIndex.bind(Map.of("userId", u,
                            "k", (long) p.k())))));
        }
        if (parts.contains("similar")) {
            rows.add(time("similar --by fused (service)", p, items, progress,
                    i -> similar.similar(i, p.k(), "fused")));
            rows.add(time("cypher recommend/similar-items fused", p, items, progress,
                    i -> graph.boltQuery(similarItems.cypher(), similarItems.bind(Map.of("itemId", i,
                            "k", (long) p.k(), "modality", "fused")))));
            rows.add(time("cypher recommend/similar-items-index fused", p, items, progress,
                    i -> graph.boltQuery(similarItemsIndex.cypher(), similarItemsIndex.bind(Map.of("itemId", i,
                            "k", (long) p.k(), "modality", "fused")))));
            for (String modality : modalities) {
                if (!modality.equals("fused")) {
                    rows.add(time("similar --by " + modality + " (service)", p, items, progress,
                            i -> similar.similar(i, p.k(), modality)));
                }
            }
        }
        if (parts.contains("neighbours")) {
            rows.add(time("neighbours --user (service)", p, users, progress, u -> neighbours.forUser(u, hood)));
            rows.add(time("neighbours --item (service)", p, items, progress, i -> neighbours.forItem(i, hood)));
            rows.add(time("cypher recommend/neighbourhood", p, users, progress,
                    u -> graph.boltQuery(neighbourhood.cypher(), neighbourhood.bind(Map.of("userId", u,
                            "k", (long) p.k())))));
        }
        double[] recall = {Double.NaN, Double.NaN};
        double[] indexRecall = {Double.NaN, Double.NaN};
        if (parts.contains("recommend")) {
            List<String> checked = users.subList(0, Math.min(users.size(), p.samples()));
            recall = recall(graph, checked, p.k(), prop,
                    u -> recommender.recommend(RecommendRequest.of(u, p.k())).itemIds());
            indexRecall = recall(graph, checked, p.k(), prop,
                    u -> graph.read(tx -> tx.run(forUserIndex.cypher(), forUserIndex.bind(Map.of("userId", u,
                            "k", (long) p.k()))).list(r -> r.get("itemId").asString())));
        }
        List<SimilarRecall> similarRecall = new ArrayList<>();
        if (parts.contains("similar")) {
            List<String> checked = items.subList(0, Math.min(items.size(), p.samples()));
            for (String modality : modalities) {
                similarRecall.add(similarRecall(similar, checked, p.k(), modality));
            }
        }
        long userCount = graph.read(tx -> tx.run("MATCH (u:User) WHERE u[$prop] IS NOT NULL RETURN count(u) AS c",
                Map.of("prop", prop)).single().get("c").asLong());
        long itemCount = graph.read(tx -> tx.run("MATCH (i:Item) WHERE i[$prop] IS NOT NULL RETURN count(i) AS c",
                Map.of("prop", prop)).single().get("c").asLong());
        return new Result(userCount, itemCount, List.copyOf(rows), recall[0], recall[1], indexRecall[0], indexRecall[1],
                List.copyOf(similarRecall));
    }

    /** The default similar lists of {@code items} by {@code modality} against the exact ones. */
    private static SimilarRecall similarRecall(SimilarItems similar, List<String> items, int k, String modality) {
        double recallSum = 0;
        int identical = 0;
        int approximate = 0;
        int compared = 0;
        for (String item : items) {
            SimilarItems.Result served;
            SimilarItems.Result exact;
            try {
                served = similar.similar(item, k, modality, false);
                exact = similar.similar(item, k, modality, true);
            } catch (org.graphrec.config.UserException e) {
                continue; // no vector of this modality, or no procedures (no exact list to compare with)
            }
            List<String> got = served.items().stream().map(Recommendations.Item::itemId).toList();
            List<String> truth = exact.items().stream().map(Recommendations.Item::itemId).toList();
            Set<String> hit = new HashSet<>(got);
            hit.retainAll(truth);
            recallSum += truth.isEmpty() ? 1 : (double) hit.size() / truth.size();
            identical += got.equals(truth) ? 1 : 0;
            approximate += served.exact() ? 0 : 1;
            compared++;
        }
        return compared == 0 ? new SimilarRecall(modality, Double.NaN, Double.NaN, Double.NaN, 0)
                : new SimilarRecall(modality, recallSum / compared, (double) identical / compared,
                        (double) approximate / compared, compared);
    }

    private static List<String> sample(GraphConnection graph, String query, String prop, Random random) {
        List<String> ids = new ArrayList<>(graph.read(tx -> tx.run(query, Map.of("prop", prop))
                .list(r -> r.get("id").asString())));
        Collections.shuffle(ids, random);
        return ids;
    }

    /**
     * Times {@code call} on {@code ids} (cycled): {@code p.warmup()} unmeasured calls (at most
     * {@link #WARMUP_SECONDS}), then {@code p.samples()} measured ones.
     */
    public static Row time(String name, Parameters p, List<String> ids, ProgressTracker progress,
                           Consumer<String> call) {
        if (ids.isEmpty()) {
            return new Row(name + " (no ids)", 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        progress.begin("bench serve: " + name, p.warmup() + p.samples());
        long warmupEnd = System.nanoTime() + WARMUP_SECONDS * 1_000_000_000L;
        for (int i = 0; i < p.warmup(); i++) {
            call.accept(ids.get(i % ids.size()));
            progress.advance(1);
            if (System.nanoTime() > warmupEnd) {
                progress.advance(p.warmup() - i - 1);
                break;
            }
        }
        double[] millis = new double[p.samples()];
        for (int i = 0; i < p.samples(); i++) {
            String id = ids.get((p.warmup() + i) % ids.size());
            long start = System.nanoTime();
            call.accept(id);
            millis[i] = (System.nanoTime() - start) / 1e6;
            progress.advance(1);
        }
        progress.end();
        Arrays.sort(millis);
        return new Row(name, p.samples(), percentile(millis, 0.50), percentile(millis, 0.95),
                percentile(millis, 0.99), millis[millis.length - 1]);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The k best items by dot product with {@code u}, unseen only, ties by id: a bounded heap, not a full sort. */
    static List<String> exactTopK(Map<String, double[]> items, double[] u, Set<String> seen, int k) {
        record Scored(String id, double score) {
        }
        java.util.Comparator<Scored> better = java.util.Comparator.comparingDouble(Scored::score).reversed()
                .thenComparing(Scored::id);
        java.util.PriorityQueue<Scored> heap = new java.util.PriorityQueue<>(k + 1, better.reversed());
        for (Map.Entry<String, double[]> e : items.entrySet()) {
            if (!seen.contains(e.getKey())) {
                heap.add(new Scored(e.getKey(), Mmr.dot(u, e.getValue())));
                if (heap.size() > k) {
                    heap.poll();
                }
            }
        }
        return heap.stream().sorted(better).map(Scored::id).toList();
    }

    /** [mean recall@k, share of identical lists] of the served lists against an exact scan of all items. */
    private static double[] recall(GraphConnection graph, List<String> users, int k, String prop,
                                   java.util.function.Function<String, List<String>> served) {
        if (users.isEmpty()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        Map<String, double[]> items = new HashMap<>();
        graph.read(tx -> {
            tx.run("MATCH (i:Item) WHERE i[$prop] IS NOT NULL RETURN i.id AS id, i[$prop] AS v", Map.of("prop", prop))
                    .forEachRemaining(r -> items.put(r.get("id").asString(), EmbeddingRecommender.vector(r.get("v"))));
            return null;
        });
        double recallSum = 0;
        int identical = 0;
        for (String user : users) {
            var row = graph.read(tx -> tx.run("""
                    MATCH (u:User {id: $id})
                    RETURN u[$prop] AS v, COLLECT { MATCH (u)-[:INTERACTED]->(i:Item) RETURN i.id } AS seen
                    """, Map.of("id", user, "prop", prop)).single());
            double[] u = EmbeddingRecommender.vector(row.get("v"));
            Set<String> seen = new HashSet<>(row.get("seen").asList(v -> v.asString()));
            List<String> exact = exactTopK(items, u, seen, k);
            List<String> list = served.apply(user);
            Set<String> hit = new HashSet<>(list);
            hit.retainAll(exact);
            recallSum += exact.isEmpty() ? 1 : (double) hit.size() / exact.size();
            if (list.equals(exact)) {
                identical++;
            }
        }
        return new double[] {recallSum / users.size(), (double) identical / users.size()};
    }
}
