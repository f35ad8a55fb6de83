package org.graphrec.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.graphrec.eval.DotProductScorer;
import org.graphrec.eval.EvaluationParameters;
import org.graphrec.eval.EvaluationResult;
import org.graphrec.eval.Evaluator;
import org.graphrec.graph.GraphConnection;
import org.graphrec.core.FactorModel;
import org.graphrec.propagation.GraphLoader;
import org.graphrec.propagation.GraphLoader.ModalityInfo;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.InteractionGraph.Split;
import org.graphrec.propagation.KnnParameters;
import org.graphrec.propagation.LoadOptions;
import org.graphrec.propagation.ModalityKnn;
import org.graphrec.core.ModalityMatrix;
import org.graphrec.core.Parallel;
import org.graphrec.progress.ProgressTracker;

/**
 * The Neo4j GDS part of {@code bench propagate}, on the graph the modes just ran on, in the same process: registers
 * GDS in the embedded DBMS, times the train projection + {@code gds.fastRP.write} (warm-up + repeats), evaluates the
 * FastRP embeddings with graphrec's own {@link Evaluator} (dot-product scores, MMRec protocol, valid and test), and
 * for every modality times {@code gds.knn} against graphrec's exact {@link ModalityKnn} and measures how many of the
 * exact neighbours GDS's approximate lists contain. The scratch property is removed afterwards.
 */
public final class GdsComparison {

    /** The method name used in measurement names and the quality table. */
    public static final String METHOD = "gds-fastrp";
    /** The metrics recorded for every method on valid and test. */
    public static final List<String> METRICS = List.of("recall@10", "recall@20", "ndcg@10", "ndcg@20");

    /**
     * What the comparison adds to the propagate result.
     *
     * @param measurements every number with its unit
     * @param ratios       same-run ratios
     * @param notes        remarks (settings, what differs between the compared runs)
     * @param parameters   the GDS settings, for the result's parameters
     */
    public record Outcome(List<Measurement> measurements, Map<String, Double> ratios, List<String> notes,
                          Map<String, Object> parameters) {
    }

    private final GraphConnection graph;
    private final ProgressTracker progress;

    public GdsComparison(GraphConnection graph, ProgressTracker progress) {
        this.graph = graph;
        this.progress = progress;
    }

    /**
     * Runs the comparison.
     *
     * @param warmup  unmeasured runs of each timed GDS/graphrec step
     * @param repeats measured runs
     * @param k       neighbours per item for the kNN comparison (propagate's default is 10)
     */
    public Outcome run(int warmup, int repeats, int k) {
        List<Measurement> measurements = new ArrayList<>();
        Map<String, Double> ratios = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();

        GdsProcedures.Registration reg = GdsProcedures.register(graph.embedded().orElseThrow(() ->
                new IllegalStateException("the GDS peer needs the embedded store")));
        progress.log(String.format(Locale.ROOT, "GDS %s: %d procedure classes and %d function classes registered "
                + "in %.1f s", reg.version(), reg.procedureClasses(), reg.functionClasses(), reg.seconds()));
        measurements.add(Measurement.single("gds procedure registration time", "s", reg.seconds()));
        parameters.put("gdsVersion", reg.version());
        parameters.put("gdsProcedureClasses", reg.procedureClasses());
        if (!reg.failures().isEmpty()) {
            notes.add("GDS classes Neo4j refused to register (not used here): " + reg.failures().size() + ", e.g. "
                    + reg.failures().get(0));
        }

        GdsPeer peer = new GdsPeer(graph);
        GraphLoader loader = new GraphLoader(graph, ProgressTracker.none());
        List<ModalityInfo> modalities = loader.modalities();
        InteractionGraph g = loader.load(new LoadOptions(null, false, false));
        GdsPeer.FastRpParameters fp = GdsPeer.FastRpParameters.defaults();
        parameters.put("gdsFastRP", String.format(Locale.ROOT, "embeddingDimension %d, featureProperties %s, "
                        + "propertyRatio %s, iterationWeights [0, 1, 1] (GDS default), randomSeed %d, concurrency %d",
                fp.dimension(), modalities.stream().map(ModalityInfo::property).toList(),
                modalities.isEmpty() ? "– (no modality vectors: topology only)" : fp.propertyRatio(), fp.seed(),
                fp.concurrency()));

        try {
            long estimate = peer.fastRpMemoryEstimate(fp, modalities);
            progress.log(String.format(Locale.ROOT, "GDS FastRP memory estimate (gds.fastRP.write.estimate, max): "
                    + "%,d MiB", estimate >> 20));
            measurements.add(Measurement.single(METHOD + " memory estimate (GDS)", "bytes", estimate));
            GdsPeer.FastRpRun[] last = new GdsPeer.FastRpRun[1];
            Repeater.Runs runs = Repeater.repeat("bench propagate: gds.fastRP", warmup, repeats, progress, i -> {
                GdsPeer.FastRpRun r = peer.fastRp(fp, modalities);
                last[0] = r;
                Map<String, Double> v = new LinkedHashMap<>();
                v.put("project", r.projectSeconds());
                v.put("fastrp", r.fastRpSeconds());
                v.put("compute", r.computeMillis() / 1000.0);
                v.put("write", r.writeMillis() / 1000.0);
                v.put("total", r.projectSeconds() + r.fastRpSeconds());
                return v;
            });
            measurements.add(runs.measure("project", METHOD + " project time", "s"));
            measurements.add(runs.measure("fastrp", METHOD + " fastRP.write time", "s"));
            measurements.add(runs.measure("compute", METHOD + " compute time (reported by GDS)", "s"));
            measurements.add(runs.measure("write", METHOD + " write time (reported by GDS)", "s"));
            measurements.add(runs.measure("total", METHOD + " total time", "s"));
            measurements.add(Measurement.single(METHOD + " peak heap", "bytes", runs.peakHeapBytes()));
            measurements.add(Measurement.single(METHOD + " nodes projected", "nodes", last[0].nodes()));
            measurements.add(Measurement.single(METHOD + " relationships projected (train, both directions)",
                    "relationships", last[0].relationships()));
            measurements.add(Measurement.single(METHOD + " node properties written", "nodes", last[0].written()));

            long t = System.nanoTime();
            FactorModel model = peer.readEmbeddings(g, fp.dimension());
            measurements.add(Measurement.single(METHOD + " read-back time", "s", Repeater.secondsSince(t)));
            t = System.nanoTime();
            for (Split split : List.of(Split.VALID, Split.TEST)) {
                if (g.heldOut(split).nonZeros() == 0) {
                    continue;
                }
                EvaluationResult r = new Evaluator(g, EvaluationParameters.of(split, 10, 20), progress)
                        .evaluate(new DotProductScorer(model));
                for (String metric : METRICS) {
                    measurements.add(Measurement.single(METHOD + " " + split.label() + " " + metric, "fraction",
                            r.get(metric)));
                }
            }
            measurements.add(Measurement.single(METHOD + " evaluate time (valid + test)", "s",
                    Repeater.secondsSince(t)));
        } finally {
            long t = System.nanoTime();
            long removed = peer.removeEmbeddings();
            measurements.add(Measurement.single(METHOD + " cleanup time (remove " + GdsPeer.PROPERTY + ")", "s",
                    Repeater.secondsSince(t)));
            progress.log(String.format(Locale.ROOT, "removed %s from %,d nodes", GdsPeer.PROPERTY, removed));
        }
        notes.add("GDS FastRP: projection of every User and Item with the train INTERACTED relationships only, "
                + "undirected (Cypher projection: a native projection cannot select split = 'train'); "
                + (modalities.isEmpty() ? "no modality vectors in this graph, so FastRP used topology only; "
                : "featureProperties = the item modality vectors, a zero vector for users and for items without "
                + "one (FastRP needs the property on every node); ")
                + "written to Item/User." + GdsPeer.PROPERTY + " and removed afterwards; evaluated by graphrec's "
                + "Evaluator with dot-product scores like the product's embeddings.");

        for (ModalityMatrix m : g.modalities()) {
            ModalityInfo info = modalities.stream().filter(x -> x.name().equals(m.name())).findFirst().orElseThrow();
            knn(m, info, g.itemIds(), warmup, repeats, k, peer, measurements, ratios);
        }
        if (g.modalities().isEmpty()) {
            notes.add("gds.knn vs graphrec kNN: skipped, the graph has no modality vectors.");
        } else {
            notes.add(String.format(Locale.ROOT, "kNN: graphrec's ModalityKnn is exact (blocked GEMM, %d threads) and "
                    + "times the computation from the loaded vectors; gds.knn (randomSeed 42, so concurrency 1 as GDS "
                    + "requires, default sampleRate 0.5 / deltaThreshold 0.001, COSINE) is approximate and timed with "
                    + "its projection and the streamed result mapped to item ids. 'recall vs exact' = share of the "
                    + "exact top-%d neighbours found in GDS's top-%d, averaged over items.", Parallel.shared().threads(), k, k));
        }
        return new Outcome(measurements, ratios, notes, parameters);
    }

    private void knn(ModalityMatrix m, ModalityInfo info, String[] itemIds, int warmup, int repeats, int k, GdsPeer peer,
                     List<Measurement> measurements, Map<String, Double> ratios) {
        String name = "knn " + m.name();
        ModalityKnn.Result[] exact = new ModalityKnn.Result[1];
        Repeater.Runs ours = Repeater.repeat("bench propagate: graphrec kNN " + m.name(), warmup, repeats, progress,
                i -> {
                    long t = System.nanoTime();
                    exact[0] = new ModalityKnn(KnnParameters.of(k), ProgressTracker.none()).compute(m);
                    return Map.of("time", Repeater.secondsSince(t));
                });
        GdsPeer.KnnRun[] gds = new GdsPeer.KnnRun[1];
        Repeater.Runs theirs = Repeater.repeat("bench propagate: gds.knn " + m.name(), warmup, repeats, progress,
                i -> {
                    GdsPeer.KnnRun r = peer.knn(info, k, 42);
                    gds[0] = r;
                    return Map.of("project", r.projectSeconds(), "knn", r.knnSeconds(),
                            "total", r.projectSeconds() + r.knnSeconds());
                });
        Measurement oursTime = ours.measure("time", name + " graphrec ModalityKnn time", "s");
        Measurement theirTime = theirs.measure("total", name + " gds total time", "s");
        measurements.add(Measurement.single(name + " items with a vector", "items", m.presentCount()));
        measurements.add(oursTime);
        measurements.add(theirs.measure("project", name + " gds project time", "s"));
        measurements.add(theirs.measure("knn", name + " gds knn.stream time", "s"));
        measurements.add(theirTime);
        measurements.add(Measurement.single(name + " gds recall@" + k + " vs exact", "fraction",
                recallVsExact(exact[0], gds[0].neighbours(), m.items(), itemIds)));
        if (oursTime.median() > 0) {
            ratios.put(name + " time gds (project + knn) ÷ graphrec ModalityKnn (median)",
                    theirTime.median() / oursTime.median());
        }
    }

    /**
     * Mean over items with exact neighbours of |approximate ∩ exact| / |exact|.
     *
     * @param itemIds item id of every dense item index
     */
    static double recallVsExact(ModalityKnn.Result exact, Map<String, List<String>> approximate, int items,
                                String[] itemIds) {
        double sum = 0;
        int counted = 0;
        for (int i = 0; i < items; i++) {
            int degree = exact.neighbours().degree(i);
            if (degree == 0) {
                continue;
            }
            List<String> theirs = approximate.getOrDefault(itemIds[i], List.of());
            int hits = 0;
            for (int r = 0; r < degree; r++) {
                if (theirs.contains(itemIds[exact.neighbour(i, r)])) {
                    hits++;
                }
            }
            sum += hits / (double) degree;
            counted++;
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }
}
