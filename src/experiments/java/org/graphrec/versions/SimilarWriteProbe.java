package org.graphrec.versions;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.graphrec.experiments.ExperimentOptions;
import org.graphrec.experiments.LayerTimer;
import org.graphrec.graph.GraphConnection;
import org.graphrec.progress.ProgressTracker;
import org.junit.jupiter.api.Test;

/**
 * The SIMILAR write on a real kNN graph: reads one modality's published kNN lists from a propagated store
 * ({@code -Dgraphrec.db=STORE}, a copy: the probe writes to it), writes them again under a scratch version with
 * {@link SimilarGraph#write} and deletes them with {@link SimilarGraph#delete}, {@code -Dgraphrec.repeats} times;
 * prints wall and process CPU time. The store's schema is applied first, as every graphrec command does.
 */
class SimilarWriteProbe {

    @Test
    void write() {
        ExperimentOptions options = ExperimentOptions.of("SimilarWriteProbe", "db", "modality", "repeats");
        try (GraphConnection graph = LayerTimer.openStore(options, "db")) {
            org.graphrec.graph.SchemaBootstrap.apply(graph);
            String modality = options.text("modality", "image");
            PublishedKnnLists published = PublishedKnnLists.read(graph, modality);
            List<String> ids = new ArrayList<>(published.sources());
            Map<String, Integer> index = new HashMap<>();
            for (String a : ids) {
                index.put(a, index.size());
            }
            List<List<String>> lists = published.lists();
            List<List<Double>> scores = published.scores();
            for (List<String> l : lists) {
                for (String b : l) {
                    if (!index.containsKey(b)) {
                        index.put(b, ids.size());
                        ids.add(b);
                    }
                }
            }
            int rows = ids.size();
            int[] offsets = new int[rows + 1];
            for (int i = 0; i < lists.size(); i++) {
                offsets[i + 1] = offsets[i] + lists.get(i).size();
            }
            for (int i = lists.size(); i < rows; i++) {
                offsets[i + 1] = offsets[i];
            }
            int[] targets = new int[offsets[rows]];
            float[] s = new float[offsets[rows]];
            for (int i = 0; i < lists.size(); i++) {
                for (int p = 0; p < lists.get(i).size(); p++) {
                    targets[offsets[i] + p] = index.get(lists.get(i).get(p));
                    s[offsets[i] + p] = scores.get(i).get(p).floatValue();
                }
            }
            System.out.printf(Locale.ROOT, "%s: %,d items, %,d relationships%n", modality, lists.size(),
                    offsets[rows]);
            SimilarGraph similar = new SimilarGraph(graph, ProgressTracker.none());
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            for (int rep = 0; rep < options.integer("repeats", 2, 1, 20); rep++) {
                long version = 900_000 + rep;
                long cpu = os.getProcessCpuTime();
                long t = System.nanoTime();
                long written = similar.write(version, modality, offsets, targets, s, ids::get);
                double secs = (System.nanoTime() - t) / 1e9;
                double cpuSecs = (os.getProcessCpuTime() - cpu) / 1e9;
                System.out.printf(Locale.ROOT, "write %,d in %.2f s = %,.0f/s, process CPU %.2f s (%,.0f per "
                        + "CPU-second)%n", written, secs, written / secs, cpuSecs, written / cpuSecs);
                t = System.nanoTime();
                similar.delete(version);
                System.out.printf(Locale.ROOT, "delete in %.2f s%n", (System.nanoTime() - t) / 1e9);
            }
        }
    }
}
