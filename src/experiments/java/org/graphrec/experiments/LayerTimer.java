package org.graphrec.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import org.graphrec.config.ConnectionSettings;
import org.graphrec.graph.GraphConnection;
import org.junit.jupiter.api.Assumptions;

/**
 * Times the layers of one serving call, interleaved call by call (call c of every layer, then call c + 1), so a
 * change of the machine's load hits every layer alike; the probes' shared part.
 */
public final class LayerTimer {

    private final List<String> names = new ArrayList<>();
    private final List<IntConsumer> layers = new ArrayList<>();

    /** Adds a layer; {@code call} gets the call's index (warm-up calls first). */
    public LayerTimer layer(String name, IntConsumer call) {
        names.add(name);
        layers.add(call);
        return this;
    }

    /** Runs {@code warmup} unmeasured and {@code samples} measured calls of every layer; a markdown table. */
    public String run(int warmup, int samples) {
        long[][] nanos = new long[layers.size()][samples];
        long collections = 0;
        long collectionMillis = 0;
        for (int c = 0; c < warmup + samples; c++) {
            if (c == warmup) {
                for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
                    collections -= gc.getCollectionCount();
                    collectionMillis -= gc.getCollectionTime();
                }
            }
            for (int l = 0; l < layers.size(); l++) {
                long t0 = System.nanoTime();
                layers.get(l).accept(c);
                if (c >= warmup) {
                    nanos[l][c - warmup] = System.nanoTime() - t0;
                }
            }
        }
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            collections += gc.getCollectionCount();
            collectionMillis += gc.getCollectionTime();
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "garbage collections during the measured "
                + "calls: %d, %d ms%n| layer | p50 ms | p95 ms | p99 ms | max ms |%n|---|---|---|---|---|%n",
                collections, collectionMillis));
        for (int l = 0; l < layers.size(); l++) {
            long[] t = nanos[l];
            Arrays.sort(t);
            out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f |%n", names.get(l),
                    t[samples / 2] / 1e6, t[(int) (samples * 0.95)] / 1e6, t[(int) (samples * 0.99)] / 1e6,
                    t[samples - 1] / 1e6));
        }
        return out.toString();
    }

    /** The existing embedded store named by {@code -Dgraphrec.<key>} (the probe is skipped without it). */
    public static GraphConnection openStore(ExperimentOptions options, String key) {
        String db = options.text(key, null);
        Assumptions.assumeTrue(db != null, "probe: run with -Dgraphrec." + key + "=STORE");
        return GraphConnection.open(ConnectionSettings.embedded(Path.of(db)));
    }

    /**
     * {@code count} ids drawn with replacement, seeded, from the first {@code limit} {@code label} nodes by id: the
     * calls every layer of a probe makes.
     */
    public static List<String> seededIds(GraphConnection graph, String label, int limit, int count, long seed) {
        List<String> ids = graph.query("MATCH (n:" + label + ") RETURN n.id AS id ORDER BY id LIMIT $limit",
                java.util.Map.of("limit", limit)).stream().map(r -> r.get("id").asString()).toList();
        java.util.Random random = new java.util.Random(seed);
        List<String> sampled = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            sampled.add(ids.get(random.nextInt(ids.size())));
        }
        return sampled;
    }
}
