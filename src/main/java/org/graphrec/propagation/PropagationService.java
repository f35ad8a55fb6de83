package org.graphrec.propagation;
import org.graphrec.core.InteractionGraph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.graphrec.eval.EvaluationParameters;
import org.graphrec.eval.EvaluationResult;
import org.graphrec.eval.Evaluator;
import org.graphrec.eval.VariableRowsEvaluation;
import org.graphrec.eval.Scorer;
import org.graphrec.eval.ColdItemHoldout;
import org.graphrec.eval.DotProductScorer;
import org.graphrec.core.ModalityMatrix;
import org.graphrec.config.UserException;
import org.graphrec.core.MemoryEstimate;
import org.graphrec.graph.GraphConnection;
import org.graphrec.core.InteractionGraph.Split;
import org.graphrec.progress.PeakHeap;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.jobs.Faults;
import org.graphrec.versions.EmbeddingVersions;
import org.graphrec.versions.SimilarGraph;

/**
 * The {@code propagate} job: load the graph → modality kNN graphs (written as {@code SIMILAR}) → model → validation
 * metrics → write-back of embeddings, vector indexes and a {@code (:PropagationRun)}. Every stage reports progress
 * and is timed; a memory estimate is logged before the heavy stages and the measured peak heap is returned.
 */
public final class PropagationService {

    /** Versions kept by default: the published one and the one before it (rollback, readers mid-publish). */
    public static final int DEFAULT_KEEP = 2;

    private final GraphConnection graph;
    private final ProgressTracker progress;
    private final boolean publish;
    private final int keep;

    public PropagationService(GraphConnection graph, ProgressTracker progress) {
        this(graph, progress, true, DEFAULT_KEEP);
    }

    private PropagationService(GraphConnection graph, ProgressTracker progress, boolean publish, int keep) {
        this.graph = graph;
        this.progress = progress;
        this.publish = publish;
        this.keep = keep;
    }

    /**
     * The same service, publishing the written version ({@code publish}, the default) or only staging it for a
     * caller that decides later (the refresh job's quality gate); {@code keep} versions are retained at publish.
     */
    public PropagationService publishing(boolean publish, int keep) {
        if (keep < 1) {
            throw new UserException("--keep must be at least 1, got " + keep);
        }
        return new PropagationService(graph, progress, publish, keep);
    }

    /**
     * Runs one {@code propagate}: load what the mode needs, check the memory estimate against the heap, fit the mode
     * ({@link PropagateParameters.Mode#algorithm()}), rank validation (and test, for a mode that writes nothing),
     * write the embeddings as a new version and publish it.
     *
     * @throws UserException when the graph holds nothing to propagate over, or the estimate exceeds the heap
     */
    public PropagationSummary run(PropagateParameters p) {
        return run(p, ColdStartOptions.defaults());
    }

    /**
     * {@link #run(PropagateParameters)} with cold-start settings: the hold-out protocol is applied to the loaded
     * graph before the mode fits, and the cold-start mapping to the fitted model before it is evaluated and written.
     */
    public PropagationSummary run(PropagateParameters p, ColdStartOptions cold) {
        PeakHeap.reset();
        long inUse = PeakHeap.inUseBytes();
        Map<String, Double> timings = new LinkedHashMap<>();
        long start = System.nanoTime();
        PropagationAlgorithm algorithm = p.mode().algorithm();
        InteractionGraph loaded = new GraphLoader(graph, progress).load(algorithm.loadOptions(p));
        if (loaded.users() == 0 || loaded.items() == 0 || loaded.train().nonZeros() == 0) {
            throw new UserException("the graph has no users, items or train interactions to propagate over (import "
                    + "a dataset first)");
        }
        ColdItemHoldout holdOut = cold.holdOut();
        InteractionGraph g = holdOut == null ? loaded : holdOut.apply(loaded);
        if (holdOut != null) {
            progress.log(String.format(Locale.ROOT, "held out %,d items as new (fraction %s, seed %d): %s",
                    holdOut.heldOut(g), holdOut.fraction(), holdOut.seed(), g.describe()));
        }
        timings.put("load", PropagationAlgorithm.seconds(start));
        Faults.pause("propagate");
        MemoryEstimate estimate = MemoryEstimate.sum("propagate " + p.mode().label(),
                MemoryEstimate.of("in use before", inUse), MemoryEstimate.of("interaction graph", g.bytes()),
                algorithm.memoryEstimate(g, p), MemoryEstimate.of("validation scores",
                        Evaluator.memoryEstimate(g.items())), MemoryEstimate.of("cold-start step", !cold.mapping() ? 0
                        : ColdStartMapping.memoryEstimate(g.items(), g.modalities().stream()
                        .mapToInt(ModalityMatrix::dimension).sum(), modelDimension(p))));
        checkHeap(estimate, Runtime.getRuntime().maxMemory());
        progress.log("memory estimate: " + estimate.describe());
        // the kNN lists are written with the version they belong to (SimilarGraph), not while the mode runs
        List<ModalityKnn.Result> similar = new ArrayList<>();
        long seed = p.closedForm() == null ? 42 : p.closedForm().seed();
        double[] coldSeconds = {0};
        UnaryOperator<PropagationAlgorithm.Fitted> finish = f -> {
            long t0 = System.nanoTime();
            PropagationAlgorithm.Fitted done = withColdStart(g, p, cold, f, seed);
            coldSeconds[0] += PropagationAlgorithm.seconds(t0);
            return done;
        };
        PropagationAlgorithm.Fitted fitted = algorithm.fit(g, p, new PropagationAlgorithm.Context(progress, timings,
                p.writeSimilar() && p.writeBack() ? similar::add : r -> { }, finish));
        if (!algorithm.finishesItsModels()) {
            fitted = finish.apply(fitted);
        }
        if (fitted.model() != null && cold.mapping()) {
            timings.put("coldStart", coldSeconds[0]);
        }
        long t = System.nanoTime();
        // a seeded user sample keeps the run cheap; `evaluate` ranks for every user (a mode without embeddings
        // cannot be evaluated later, so it always gets the full protocol)
        boolean inProcessOnly = fitted.model() == null;
        Map<String, Double> validation = metrics(g, fitted.scorer(), Split.VALID, inProcessOnly ? 0
                : p.validationUsers(), seed);
        timings.put("evaluate", PropagationAlgorithm.seconds(t));
        Map<String, Double> test = inProcessOnly ? metrics(g, fitted.scorer(), Split.TEST, 0, seed) : null;
        String runId = null;
        long version = 0;
        boolean published = false;
        double mipsNorm = Double.NaN;
        if (!inProcessOnly && p.writeBack()) {
            t = System.nanoTime();
            EmbeddingStore.WriteSummary w = new EmbeddingStore(graph, progress).write(g, fitted.model(),
                    p.mode().label(), fitted.parameters(), new LinkedHashMap<String, Object>(timings),
                    new LinkedHashMap<String, Object>(validation), fitted.modalities(),
                    v -> similar.forEach(r -> new SimilarGraph(graph, progress).write(v, r.modality(),
                            r.neighbours().offsets(), r.neighbours().targets(), r.neighbours().weights(), g::itemId)));
            timings.put("write", PropagationAlgorithm.seconds(t));
            runId = w.runId();
            version = w.version();
            mipsNorm = w.mipsNorm();
            if (publish) {
                t = System.nanoTime();
                EmbeddingVersions versions = new EmbeddingVersions(graph, progress);
                Faults.pause("publish");
                versions.publish(version);
                published = true;
                versions.prune(keep, version);
                timings.put("publish", PropagationAlgorithm.seconds(t));
            }
        }
        timings.put("total", PropagationAlgorithm.seconds(start));
        return new PropagationSummary(p.mode().label(), g.describe(), inProcessOnly ? 0 : fitted.model().dimension(),
                runId, version, published, mipsNorm, estimate.bytes(), PeakHeap.bytes(), PeakHeap.liveBytes(),
                timings, validation, test, fitted.note());
    }

    /**
     * The fitted model after the cold-start step ({@link ColdStartMapping}, chosen on the run's validation sample by
     * the {@link ColdStartMapping.Objective} of {@code cold.tolerance()}), with the choice and the hold-out recorded
     * in its parameters; unchanged for a mode without a factor model (item-kNN ranks from co-occurrence, which a cold
     * item has none of). Mode auto applies it to each candidate before comparing them.
     */
    private PropagationAlgorithm.Fitted withColdStart(InteractionGraph g, PropagateParameters p,
                                                      ColdStartOptions cold, PropagationAlgorithm.Fitted fitted,
                                                      long seed) {
        Map<String, Object> parameters = new LinkedHashMap<>(fitted.parameters());
        if (cold.holdOut() != null) {
            parameters.put("coldItemsHeldOut", cold.holdOutFraction());
            parameters.put("coldItemsSeed", cold.holdOutSeed());
        }
        if (fitted.model() == null || !cold.mapping()) {
            parameters.put("coldStart", fitted.model() == null ? "off: no factor model" : "off: disabled");
            return new PropagationAlgorithm.Fitted(fitted.scorer(), fitted.model(), parameters,
                    fitted.modalities(), fitted.note());
        }
        Evaluator validation = new Evaluator(g, EvaluationParameters.of(Split.VALID, 20)
                .withUserSample(p.validationUsers(), seed), ProgressTracker.none());
        List<org.graphrec.eval.UserMetric> metrics = validation.defaultUserMetrics().stream()
                .filter(m -> m.cutoff() == 20 && !m.label().equals("precision")).toList();
        List<EvaluationResult> seen = new ArrayList<>();
        ColdStartMapping.Objective objective = new ColdStartMapping.Objective(cold.tolerance(),
                validationInteractions(g, p.validationUsers()), 0);
        List<ModalityMatrix> modalities = modalitiesFor(g, p);
        int[] coldItems = ColdStartMapping.coldItems(g, modalities);
        // the candidates differ from the mode's model in the cold rows only: the other items are ranked once
        VariableRowsEvaluation candidates = coldItems.length == 0 ? null
                : validation.forVariableRows(fitted.model(), coldItems, metrics);
        ColdStartMapping.Result r = ColdStartMapping.apply(g, fitted.model(), modalities, m -> {
            EvaluationResult e = candidates.evaluate(m);
            seen.add(e);
            return new ColdStartMapping.Score(e.get("recall@20"), e.get("coldRecall@20"), e.get("coldOnlyRecall@20"));
        }, objective, progress);
        int c = 0;
        for (String candidate : r.choice().candidates().keySet()) {
            EvaluationResult e = seen.get(c++);
            progress.log(String.format(Locale.ROOT, "cold-start candidate %-16s valid recall@20 %.4f ndcg@20 %.4f "
                    + "coldRecall@20 %.4f coldOnlyRecall@20 %.4f", candidate, e.get("recall@20"), e.get("ndcg@20"),
                    e.get("coldRecall@20"), e.get("coldOnlyRecall@20")));
        }
        progress.log(r.choice().describe());
        parameters.putAll(r.choice().asMap());
        String note = fitted.note() == null ? r.choice().describe() : fitted.note() + "; " + r.choice().describe();
        return new PropagationAlgorithm.Fitted(r.model() == fitted.model() ? fitted.scorer()
                : new DotProductScorer(r.model()), r.model(), parameters, fitted.modalities(), note);
    }

    /**
     * The validation interactions the run's validation recall is measured on: all of them, or pro rata for a
     * seeded sample of {@code sample} users (0 = all).
     */
    static long validationInteractions(InteractionGraph g, int sample) {
        org.graphrec.core.Csr valid = g.heldOut(Split.VALID);
        long eligible = java.util.stream.IntStream.range(0, valid.rows()).filter(u -> valid.degree(u) > 0).count();
        long users = sample == 0 ? eligible : Math.min(sample, eligible);
        return eligible == 0 ? 0 : Math.round((double) valid.nonZeros() * users / eligible);
    }

    /** The largest dimension a fitted model of the run may have (the cold-start step copies its item rows). */
    private static int modelDimension(PropagateParameters p) {
        int closedForm = p.closedForm() == null ? 64 : p.closedForm().dimension();
        return p.training() == null ? closedForm : Math.max(closedForm, p.training().dimension());
    }

    /**
     * The modality vectors the cold-start mapping reads: those the mode loaded, else the run's {@code --modalities}
     * (all declared ones by default) loaded now and indexed like {@code g}.
     */
    private List<ModalityMatrix> modalitiesFor(InteractionGraph g, PropagateParameters p) {
        if (!g.modalities().isEmpty() || (p.modalities() != null && p.modalities().isEmpty())) {
            return g.modalities();
        }
        GraphLoader loader = new GraphLoader(graph, progress);
        if (loader.modalities().isEmpty()) {
            return List.of();
        }
        InteractionGraph loaded = loader.load(new LoadOptions(p.modalities(), false, false));
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < g.items(); i++) {
            index.put(g.itemId(i), i);
        }
        List<ModalityMatrix> out = new ArrayList<>();
        for (ModalityMatrix m : loaded.modalities()) {
            int d = m.dimension();
            float[] vectors = new float[g.items() * d];
            boolean[] present = new boolean[g.items()];
            for (int i = 0; i < loaded.items(); i++) {
                Integer to = index.get(loaded.itemId(i));
                if (to != null && m.present()[i]) {
                    System.arraycopy(m.vectors(), i * d, vectors, to * d, d);
                    present[to] = true;
                }
            }
            out.add(new ModalityMatrix(m.name(), m.property(), d, vectors, present));
        }
        return out;
    }

    /**
     * Refuses a run whose estimate exceeds the heap the JVM may use, naming the {@code JAVA_OPTS} to run it with.
     */
    static void checkHeap(MemoryEstimate estimate, long maxHeap) {
        if (!estimate.fits(maxHeap)) {
            throw new UserException(String.format(Locale.ROOT, "%s is estimated to need %s of heap, more than the "
                    + "%s this JVM may use; run with JAVA_OPTS=%s (estimate: %s)", estimate.name(),
                    MemoryEstimate.format(estimate.bytes()), MemoryEstimate.format(maxHeap), estimate.suggestedXmx(),
                    estimate.describe()));
        }
    }

    /**
     * Recall/NDCG@10/20 and cold-start Recall@20 on {@code split}, on a seeded sample of at most {@code sample} users
     * (0 = all), plus {@code users} (evaluated) and {@code eligibleUsers} (with held-out interactions).
     */
    private Map<String, Double> metrics(InteractionGraph g, Scorer scorer, Split split, int sample, long seed) {
        if (g.heldOut(split).nonZeros() == 0) {
            return Map.of();
        }
        EvaluationResult r = new Evaluator(g, EvaluationParameters.of(split, 10, 20).withUserSample(sample, seed),
                progress).evaluate(scorer);
        Map<String, Double> out = new LinkedHashMap<>();
        for (String name : List.of("recall@10", "recall@20", "ndcg@10", "ndcg@20", "coldRecall@20",
                "coldOnlyRecall@20")) {
            out.put(name, r.get(name));
        }
        out.put("users", (double) r.users());
        out.put("eligibleUsers", (double) r.eligibleUsers());
        return out;
    }
}
