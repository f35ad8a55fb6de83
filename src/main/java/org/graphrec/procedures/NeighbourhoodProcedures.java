package org.graphrec.procedures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Transaction;
import org.neo4j.logging.Log;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;

/**
 * The graph-neighbourhood procedures: {@code graphrec.neighbourhood} (the bounded neighbourhood the walk runs on)
 * and {@code graphrec.neighbours} (personalised PageRank on it, ranked), both read from the {@link NeighbourIndex}
 * kept in memory and rebuilt after an import or publish.
 */
public class NeighbourhoodProcedures {

    private static final Label USER = Label.label("User");
    private static final Label POINTER = Label.label("PublishedVersion");

    @Context
    public Transaction tx;

    @Context
    public GraphDatabaseService db;

    @Context
    public Log log;

    /** A loaded neighbourhood, as {@code recommend.Neighbourhood} holds it. */
    public static final class NeighbourhoodRow {
        public List<String> keys;
        public List<Long> edgeFrom;
        public List<Long> edgeTo;
        public List<Double> edgeWeight;
        public List<String> seen;
        public boolean capped;

        NeighbourhoodRow(NeighbourIndex.Loaded loaded, List<String> seen) {
            this.keys = loaded.keys();
            this.edgeFrom = Arrays.stream(loaded.from()).asLongStream().boxed().toList();
            this.edgeTo = Arrays.stream(loaded.to()).asLongStream().boxed().toList();
            this.edgeWeight = Arrays.stream(loaded.weight()).boxed().toList();
            this.seen = seen;
            this.capped = loaded.capped();
        }
    }

    @Procedure(name = "graphrec.neighbourhood", mode = Mode.READ)
    @Description("graphrec.neighbourhood(seed, hops = 3, fanout = 50, maxNodes = 5000) :: (keys, edgeFrom, edgeTo, "
            + "edgeWeight, seen, capped) — the bounded neighbourhood of 'User:<id>' or 'Item:<id>' that the "
            + "neighbours walk runs on: breadth-first over INTERACTED, MADE_BY, IN_CATEGORY and the published "
            + "version's SIMILAR, each node's first fanout relationships by SIMILAR score, then newest ts, "
            + "key and element id; new nodes admitted up to maxNodes; parallel relationships summed into one edge; "
            + "seen = the user's items. Read from an in-memory copy of those relationships, rebuilt after an import or publish; no "
            + "row for an unknown seed")
    public Stream<NeighbourhoodRow> neighbourhood(@Name("seed") String seed,
                                                  @Name(value = "hops", defaultValue = "3") long hops,
                                                  @Name(value = "fanout", defaultValue = "50") long fanout,
                                                  @Name(value = "maxNodes", defaultValue = "5000") long maxNodes) {
        Hood hood = hood("graphrec.neighbourhood", seed, hops, fanout, maxNodes);
        return hood == null ? Stream.empty() : Stream.of(new NeighbourhoodRow(hood.loaded(), hood.seen()));
    }

    /** Recommendations by the walk on a neighbourhood, and what they were computed on. */
    public static final class NeighbourRecommendations {
        public List<String> itemIds;
        public List<Double> scores;
        public long nodes;
        public long edges;
        public boolean capped;
        public long iterations;

        NeighbourRecommendations(List<String> itemIds, List<Double> scores, long nodes, long edges, boolean capped,
                                 long iterations) {
            this.itemIds = itemIds;
            this.scores = scores;
            this.nodes = nodes;
            this.edges = edges;
            this.capped = capped;
            this.iterations = iterations;
        }
    }

    private static final List<String> NEIGHBOURS_OPTIONS = List.of("hops", "fanout", "maxNodes", "restart",
            "iterations", "tolerance");

    @Procedure(name = "graphrec.neighbours", mode = Mode.READ)
    @Description("graphrec.neighbours(seed, k = 10, options = {hops: 3, fanout: 50, maxNodes: 5000, restart: 0.15, "
            + "iterations: 100, tolerance: 1e-10}) :: (itemIds, scores, nodes, edges, capped, iterations) — items by "
            + "personalised PageRank (random walk with restart) from 'User:<id>' or 'Item:<id>' on the neighbourhood "
            + "graphrec.neighbourhood loads, best first, ties by item id; the user's items and the seed left out "
            + "(the shell's neighbours); no row for an unknown seed")
    public Stream<NeighbourRecommendations> neighbours(@Name("seed") String seed,
                                                       @Name(value = "k", defaultValue = "10") long k,
                                                       @Name(value = "options", defaultValue = "{}")
                                                       Map<String, Object> options) {
        int n = ServingProcedures.checkK(k);
        Map<String, Object> opts = ServingProcedures.checkOptions("graphrec.neighbours", options, NEIGHBOURS_OPTIONS);
        double restart = number(opts, "restart", 0.15);
        long iterations = (long) number(opts, "iterations", 100);
        double tolerance = number(opts, "tolerance", 1e-10);
        if (!(restart > 0 && restart < 1) || iterations < 1 || iterations > 100_000 || !(tolerance > 0)) {
            throw new IllegalArgumentException("graphrec.neighbours: restart must be in (0, 1), iterations 1..100000 "
                    + "and tolerance > 0, found " + restart + ", " + iterations + ", " + tolerance);
        }
        Hood hood = hood("graphrec.neighbours", seed, (long) number(opts, "hops", 3), (long) number(opts, "fanout", 50),
                (long) number(opts, "maxNodes", 5000));
        if (hood == null) {
            return Stream.empty();
        }
        NeighbourIndex.Loaded loaded = hood.loaded();
        RandomWalkWithRestart.Scores walk = RandomWalkWithRestart.run(loaded.keys().size(), loaded.from(),
                loaded.to(), loaded.weight(), 0, restart, (int) iterations, tolerance);
        List<String> ids = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (int v : RandomWalkWithRestart.topItems(loaded.keys(), walk.scores(), Set.copyOf(hood.seen()), n)) {
            ids.add(loaded.keys().get(v).substring("Item:".length()));
            scores.add(walk.scores()[v]);
        }
        return Stream.of(new NeighbourRecommendations(ids, scores, loaded.keys().size(), loaded.from().length,
                loaded.capped(), walk.iterations()));
    }

    private static double number(Map<String, Object> options, String name, double otherwise) {
        Object v = options.get(name);
        if (v == null) {
            return otherwise;
        }
        if (v instanceof Number number) {
            return number.doubleValue();
        }
        throw new IllegalArgumentException("graphrec.neighbours: option " + name + " must be a number, found " + v);
    }

    /** A neighbourhood loaded from the index and the user's items (empty for an item seed). */
    private record Hood(NeighbourIndex.Loaded loaded, List<String> seen) {
    }

    /** The neighbourhood of {@code seed} from the index (built if missing or stale), or null for an unknown seed. */
    private Hood hood(String procedure, String seed, long hops, long fanout, long maxNodes) {
        if (hops < 0 || hops > 10 || fanout < 1 || fanout > 100_000 || maxNodes < 1 || maxNodes > 10_000_000) {
            throw new IllegalArgumentException(procedure + ": hops must be 0..10, fanout 1..100000 and "
                    + "maxNodes 1..10000000, found " + hops + ", " + fanout + ", " + maxNodes);
        }
        boolean user = seed != null && seed.startsWith("User:");
        if (seed == null || !user && !seed.startsWith("Item:")) {
            throw new IllegalArgumentException(procedure + ": the seed must be 'User:<id>' or 'Item:<id>', "
                    + "found " + (seed == null ? "null" : "'" + seed + "'"));
        }
        Node node = tx.findNode(user ? USER : ItemVectorCache.ITEM, "id", seed.substring(5));
        if (node == null) {
            return null;
        }
        Node pointer = tx.findNode(POINTER, "name", "fused");
        Long similarVersion = pointer != null && pointer.getProperty("similarVersion", null) instanceof Number v
                ? v.longValue() : null;
        String stamp = ServingProcedures.importStamp(tx) + "#" + (pointer == null ? "" : ServingProcedures.publishStamp(pointer)) + "#" + similarVersion;
        NeighbourIndex index = NeighbourIndex.get(tx, db.databaseName(), stamp, similarVersion, log);
        int v = index.index(node);
        if (v < 0) {
            return null;
        }
        List<String> seen = new ArrayList<>();
        if (user) {
            for (Relationship r : node.getRelationships(Direction.OUTGOING, NeighbourIndex.INTERACTED)) {
                Node item = r.getEndNode();
                if (item.hasLabel(ItemVectorCache.ITEM) && item.getProperty("id", null) != null) {
                    seen.add("Item:" + item.getProperty("id"));
                }
            }
        }
        return new Hood(index.load(v, (int) hops, (int) fanout, (int) maxNodes), seen);
    }

}
