package org.graphrec.propagation;
import org.graphrec.core.InteractionGraph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.graphrec.config.Suggestions;
import org.graphrec.config.UserException;
import org.graphrec.graph.GraphConnection;
import org.graphrec.progress.ProgressTracker;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.Value;

/**
 * Streams the graph of {@code cypher/README.md} through the driver into an {@link InteractionGraph}: users, items
 * (including items without interactions), {@code INTERACTED} by split, brand and category memberships, and the item
 * modality vectors named by {@code (:Modality)} nodes. One stage per query, each reported to the progress tracker.
 * Memory: about 24 bytes per interaction plus 4 bytes per vector component.
 */
public final class GraphLoader {

    /** Records per PULL request of the driver. */
    static final int FETCH_SIZE = 10_000;

    private static final Pattern PROPERTY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final GraphConnection graph;
    private final ProgressTracker progress;

    public GraphLoader(GraphConnection graph, ProgressTracker progress) {
        this.graph = graph;
        this.progress = progress;
    }

    /** The modalities declared in the graph, as (name, property, dimension). */
    public List<ModalityInfo> modalities() {
        return graph.read(tx -> tx.run("MATCH (m:Modality) RETURN m.name AS name, m.property AS property, "
                + "m.dimension AS dimension ORDER BY name").list(r -> new ModalityInfo(r.get("name").asString(),
                r.get("property").asString(r.get("name").asString() + "Embedding"),
                r.get("dimension").isNull() ? 0 : r.get("dimension").asInt())));
    }

    /** One modality as declared by a {@code (:Modality)} node. */
    public record ModalityInfo(String name, String property, int dimension) {
    }

    public InteractionGraph load(LoadOptions options) {
        InteractionGraph.Builder builder = new InteractionGraph.Builder();
        List<ModalityInfo> selected = selectModalities(options.modalities());
        // plans chosen on stale index samples can be quadratic here (see SchemaBootstrap.refreshStatistics)
        org.graphrec.graph.SchemaBootstrap.refreshStatistics(graph);
        long users = count("MATCH (u:User) RETURN count(u) AS c");
        long items = count("MATCH (i:Item) RETURN count(i) AS c");
        for (ModalityInfo m : selected) {
            builder.modality(m.name(), m.property(), m.dimension());
        }
        List<String> properties = selected.stream().map(ModalityInfo::property).toList();
        long[] wrongLength = new long[selected.size()];
        stream("load items" + (selected.isEmpty() ? "" : " and " + selected.stream().map(ModalityInfo::name)
                        .toList() + " vectors"), items,
                "MATCH (i:Item) RETURN i.id AS id, [p IN $properties | i[p]] AS vectors",
                Map.of("properties", properties), r -> {
                    String id = r.get(0).asString();
                    builder.item(id);
                    List<Value> vectors = r.get(1).asList(v -> v);
                    for (int m = 0; m < selected.size(); m++) {
                        Value v = vectors.get(m);
                        if (v.isNull()) {
                            continue;
                        }
                        float[] vec = toFloats(v);
                        if (vec.length != selected.get(m).dimension()) {
                            wrongLength[m]++;
                            continue;
                        }
                        builder.vector(selected.get(m).name(), id, vec);
                    }
                });
        for (int m = 0; m < selected.size(); m++) {
            if (wrongLength[m] > 0) {
                progress.log(String.format("warning: %,d items have a %s vector whose length is not %d; ignored",
                        wrongLength[m], selected.get(m).property(), selected.get(m).dimension()));
            }
        }
        // one record per user with all of its interactions as two parallel lists: ~7× fewer Bolt records than one
        // per interaction, and each user id crosses the wire once
        long[] unknownSplit = {0};
        stream("load users and interactions", users,
                "MATCH (u:User) CALL { WITH u MATCH (u)-[r:INTERACTED]->(i:Item) WHERE i.id IS NOT NULL "
                        + "RETURN collect(i.id) AS items, collect(coalesce(r.split, '')) AS splits } "
                        + "RETURN u.id AS id, items, splits",
                Map.of(), r -> {
                    String user = r.get(0).asString();
                    builder.user(user);
                    Value itemIds = r.get(1);
                    Value splits = r.get(2);
                    int n = itemIds.size();
                    for (int e = 0; e < n; e++) {
                        InteractionGraph.Split split = InteractionGraph.Split.parse(splits.get(e).asString());
                        if (split == null) {
                            unknownSplit[0]++;
                            continue;
                        }
                        builder.interaction(user, itemIds.get(e).asString(), split);
                    }
                });
        if (unknownSplit[0] > 0) {
            progress.log(String.format("warning: %,d INTERACTED relationships have no split train/valid/test; "
                    + "ignored", unknownSplit[0]));
        }
        if (options.brands()) {
            stream("load brands", count("MATCH (:Item)-[r:MADE_BY]->(:Brand) RETURN count(r) AS c"),
                    "MATCH (i:Item)-[:MADE_BY]->(b:Brand) RETURN i.id AS item, b.name AS name", Map.of(),
                    r -> builder.brand(r.get(0).asString(), r.get(1).asString()));
        }
        if (options.categories()) {
            stream("load categories", count("MATCH (:Item)-[r:IN_CATEGORY]->(:Category) RETURN count(r) AS c"),
                    "MATCH (i:Item)-[:IN_CATEGORY]->(c:Category) RETURN i.id AS item, c.name AS name", Map.of(),
                    r -> builder.category(r.get(0).asString(), r.get(1).asString()));
        }
        InteractionGraph result = builder.build();
        progress.log("loaded " + result.describe());
        return result;
    }

    private List<ModalityInfo> selectModalities(List<String> wanted) {
        List<ModalityInfo> available = modalities();
        if (wanted == null) {
            return available;
        }
        List<ModalityInfo> selected = new ArrayList<>();
        List<String> names = available.stream().map(ModalityInfo::name).toList();
        for (String name : wanted) {
            ModalityInfo m = available.stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
            if (m == null) {
                throw new UserException("--modalities: the graph has no modality '" + name + "' (it has "
                        + (names.isEmpty() ? "none" : String.join(", ", names)) + ")"
                        + Suggestions.didYouMean(name, names));
            }
            if (!PROPERTY.matcher(m.property()).matches()) {
                throw new UserException("Modality " + name + " names the property '" + m.property()
                        + "', which is not a plain property name");
            }
            selected.add(m);
        }
        return selected;
    }

    static float[] toFloats(Value v) {
        float[] out = new float[v.size()];
        int k = 0;
        for (Value x : v.values()) {
            out[k++] = (float) x.asDouble();
        }
        return out;
    }

    private long count(String query) {
        return graph.read(tx -> tx.run(query).single().get("c").asLong());
    }

    private void stream(String task, long total, String query, Map<String, Object> params,
                        java.util.function.Consumer<Record> sink) {
        progress.begin(task, total);
        // larger batches per PULL than the driver's 1,000 records: fewer round trips on the big streams
        org.neo4j.driver.SessionConfig.Builder config = org.neo4j.driver.SessionConfig.builder()
                .withFetchSize(FETCH_SIZE);
        if (graph.database() != null) {
            config.withDatabase(graph.database());
        }
        try (org.neo4j.driver.Session session = graph.driver().session(config.build())) {
            session.executeRead(tx -> {
                Result result = tx.run(query, params);
                long n = 0;
                while (result.hasNext()) {
                    sink.accept(result.next());
                    if (++n % 10_000 == 0) {
                        progress.advance(10_000);
                    }
                }
                progress.advance(n % 10_000);
                return n;
            });
        } catch (RuntimeException e) {
            if (e instanceof UserException) {
                throw e;
            }
            throw e instanceof org.neo4j.driver.exceptions.ServiceUnavailableException
                    ? GraphConnection.translate(e, graph.uri(), graph.database()) : e;
        } finally {
            progress.end();
        }
    }
}
