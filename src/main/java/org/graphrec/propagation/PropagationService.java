package org.graphrec.propagation;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.graphrec.eval.DotProductScorer;
import org.graphrec.eval.EvaluationParameters;
import org.graphrec.eval.EvaluationResult;
import org.graphrec.eval.Evaluator;
import org.graphrec.eval.ItemSimilarityScorer;
import org.graphrec.eval.Scorer;
import org.graphrec.graph.GraphConnection;
import org.graphrec.propagation.InteractionGraph.Split;
import org.graphrec.propagation.PropagateParameters.Mode;
import org.graphrec.propagation.trained.TrainedPropagation;
import org.graphrec.propagation.trained.TrainingGraph;
import org.graphrec.propagation.trained.TrainingParameters;
import org.graphrec.propagation.trained.TrainingResult;
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
            throw new org.graphrec.config.UserException("--keep must be at least 1, got " + keep);
        }
        return new PropagationService(graph, progress, publish, keep);
    }

    public PropagationSummary run(PropagateParameters p) {
        PeakHeap.reset();
        long inUse = PeakHeap.inUseBytes();
        Map<String, Double> timings = new LinkedHashMap<>();
        long start = System.nanoTime();
        long t = System.nanoTime();
        boolean closedForm = p.mode() == Mode.CLOSED_FORM;
        ClosedFormParameters cf = p.closedForm();
        List<String> modalities = closedForm && p.modalityWeight() > 0 || p.mode() == Mode.TRAINED
                ? p.modalities() : List.of();
        // brand/category memberships feed the closed form and the trained mode's item–item graph (or its warm start)
        boolean groups = closedForm || p.mode() == Mode.TRAINED || p.trained() && p.training().warmStart();
        LoadOptions load = new LoadOptions(modalities, groups && cf.brandWeight() > 0,
                groups && cf.categoryWeight() > 0);
        InteractionGraph g = new GraphLoader(graph, progress).load(load);
        if (g.users() == 0 || g.items() == 0 || g.train().nonZeros() == 0) {
            throw new org.graphrec.config.UserException("the graph has no users, items or train interactions to "
                    + "propagate over (import a dataset first)");
        }
        timings.put("load", seconds(t));
        return run(g, p, timings, start, inUse);
    }

    /** Runs on the loaded graph; {@code inUse} = heap held before loading it (for the memory estimate). */
    private PropagationSummary run(InteractionGraph g, PropagateParameters p, Map<String, Double> timings,
                                   long start, long inUse) {
        Faults.pause("propagate");
        long t;
        FactorModel model = null;
        Scorer scorer;
        String note = null;
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("mode", p.mode().label());
        parameters.put("k", p.k());
        if (p.mode() == Mode.ITEMKNN) {
            parameters.put("shrink", p.shrink());
        }
        long estimate;
        Map<String, ModalityMatrix> usedModalities = new LinkedHashMap<>();
        List<ModalityKnn.Result> similar = new java.util.ArrayList<>(); // written with the version (SimilarGraph)
        switch (p.mode()) {
            case CLOSED_FORM -> {
                Map<String, Double> weights = new HashMap<>();
                for (ModalityMatrix m : g.modalities()) {
                    weights.put(m.name(), p.modalityWeight());
                    usedModalities.put(m.name(), m);
                }
                ClosedFormParameters cf = p.closedForm().withModalityWeights(weights);
                estimate = logEstimate(inUse, g, "kNN + spectral working set",
                        ClosedFormPropagation.memoryEstimate(g, cf, Map.of())
                        + g.modalities().stream().mapToLong(m -> KnnParameters.of(p.k())
                        .memoryEstimate(g.items(), m.dimension()) + (long) g.items() * (p.k() + 1) * 8).sum());
                t = System.nanoTime();
                Map<String, Csr> knn = new HashMap<>();
                for (ModalityMatrix m : g.modalities()) {
                    ModalityKnn.Result r = new ModalityKnn(KnnParameters.of(p.k()), progress).compute(m);
                    knn.put(m.name(), r.neighbours());
                    if (p.writeSimilar() && p.writeBack()) {
                        similar.add(r);
                    }
                }
                timings.put("knn", seconds(t));
                t = System.nanoTime();
                ClosedFormPropagation.Result result = new ClosedFormPropagation(cf, progress).compute(g, knn);
                timings.put("propagate", seconds(t));
                model = result.model();
                parameters.putAll(cf.asMap());
                scorer = new DotProductScorer(model);
            }
            case MOSTPOP -> {
                estimate = logEstimate(inUse, g, "popularity", 4L * (g.users() + g.items()));
                t = System.nanoTime();
                model = MostPopular.compute(g);
                timings.put("propagate", seconds(t));
                scorer = new DotProductScorer(model);
            }
            case ITEMKNN -> {
                estimate = logEstimate(inUse, g, "item similarities",
                        8L * g.items() * p.k() + 8L * g.items() * Parallel.threads());
                t = System.nanoTime();
                Csr sims = new ItemKnn(p.k(), p.shrink(), progress).similarities(g);
                timings.put("propagate", seconds(t));
                scorer = new ItemSimilarityScorer(g.train(), sims);
                note = "item-kNN has no fixed-dimension embedding: it was evaluated in-process (validation and test "
                        + "below) and nothing was written to the graph";
            }
            case LIGHTGCN, TRAINED -> {
                TrainingParameters tp = p.training().withValidationUsers(p.validationUsers());
                TrainingGraph tg = tp.mode() == TrainingParameters.Mode.MULTIMODAL && p.closedForm() != null
                        ? TrainingGraphAdapter.from(g, p.closedForm().brandWeight(), p.closedForm().categoryWeight())
                        : TrainingGraphAdapter.from(g);
                if (tp.mode() == TrainingParameters.Mode.MULTIMODAL) {
                    for (ModalityMatrix m : g.modalities()) {
                        usedModalities.put(m.name(), m);
                    }
                }
                estimate = logEstimate(inUse, g, "training state", TrainedPropagation.memoryEstimate(tg, tp));
                t = System.nanoTime();
                TrainedPropagation training = new TrainedPropagation(tg, tp, progress);
                if (tp.warmStart()) {
                    FactorModel initial = closedFormModel(g, p, tp.dimension());
                    training.warmStartedFrom(initial.userVectors(), initial.itemVectors());
                    timings.put("warmStart", seconds(t));
                    t = System.nanoTime();
                }
                TrainingResult result;
                try {
                    result = training.train();
                } catch (java.io.UncheckedIOException | IllegalArgumentException e) {
                    if (tp.checkpoint() == null) {
                        throw e;
                    }
                    // a checkpoint from other settings or an unreadable/unwritable file is the user's to fix
                    throw new org.graphrec.config.UserException("--checkpoint: " + e.getMessage()
                            .replace('\n', ' ') + " (delete the file or choose another)");
                }
                timings.put("propagate", seconds(t));
                model = factorModel(result, tp.dimension());
                parameters.putAll(asMap(tp));
                parameters.put("bestEpoch", result.bestEpoch());
                parameters.put("epochsRun", result.epochsRun());
                parameters.put("stoppedEarly", result.stoppedEarly());
                double meanEpoch = result.meanEpochSeconds();
                if (!Double.isNaN(meanEpoch)) {
                    timings.put("epochMean", meanEpoch);
                }
                scorer = new DotProductScorer(model);
                note = String.format(Locale.ROOT, "embeddings of the best validation epoch %d of %d%s",
                        result.bestEpoch(), result.epochsRun(), result.stoppedEarly() ? " (stopped early)" : "");
            }
            default -> throw new IllegalStateException();
        }
        t = System.nanoTime();
        // a seeded user sample keeps the run cheap; `evaluate` ranks for every user (item-kNN cannot be evaluated
        // later, so it always gets the full protocol)
        int sample = p.mode() == Mode.ITEMKNN ? 0 : p.validationUsers();
        long seed = p.closedForm() == null ? 42 : p.closedForm().seed();
        Map<String, Double> validation = metrics(g, scorer, Split.VALID, sample, seed);
        timings.put("evaluate", seconds(t));
        Map<String, Double> test = p.mode() == Mode.ITEMKNN ? metrics(g, scorer, Split.TEST, 0, seed) : null;
        String runId = null;
        long version = 0;
        boolean published = false;
        double mipsNorm = Double.NaN;
        if (model != null && p.writeBack()) {
            t = System.nanoTime();
            Map<String, Object> timingsObj = new LinkedHashMap<>(timings);
            EmbeddingStore.WriteSummary w = new EmbeddingStore(graph, progress).write(g, model, p.mode().label(),
                    parameters, timingsObj, new LinkedHashMap<>(validation), usedModalities,
                    v -> similar.forEach(r -> new SimilarGraph(graph, progress).write(v, r.modality(),
                            r.neighbours().offsets(), r.neighbours().targets(), r.neighbours().weights(), g::itemId)));
            timings.put("write", seconds(t));
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
                timings.put("publish", seconds(t));
            }
        }
        timings.put("total", seconds(start));
        return new PropagationSummary(p.mode().label(), g.describe(), model == null ? 0 : model.dimension(), runId,
                version, published, mipsNorm, estimate, PeakHeap.bytes(), PeakHeap.liveBytes(), timings, validation, test, note);
    }

    /**
     * The closed-form solution at dimension {@code d} (the warm start of a trained run): the same modality kNN
     * graphs and brand/category weights as mode closed-form, nothing written.
     */
    private FactorModel closedFormModel(InteractionGraph g, PropagateParameters p, int d) {
        Map<String, Double> weights = new HashMap<>();
        Map<String, Csr> knn = new HashMap<>();
        for (ModalityMatrix m : g.modalities()) {
            weights.put(m.name(), p.modalityWeight());
            knn.put(m.name(), new ModalityKnn(KnnParameters.of(p.k()), progress).compute(m).neighbours());
        }
        ClosedFormParameters base = p.closedForm() != null ? p.closedForm() : ClosedFormParameters.defaults(d);
        ClosedFormParameters cf = base.withDimension(d).withModalityWeights(weights);
        progress.log("warm start: closed-form solution at d = " + d);
        return new ClosedFormPropagation(cf, progress).compute(g, knn).model();
    }

    /** The best-epoch embeddings as a row-major factor model (same dense ids as the interaction graph). */
    static FactorModel factorModel(TrainingResult r, int d) {
        int users = r.userEmbeddings().length;
        int items = r.itemEmbeddings().length;
        float[] u = new float[users * d];
        float[] v = new float[items * d];
        for (int i = 0; i < users; i++) {
            System.arraycopy(r.userEmbeddings()[i], 0, u, i * d, d);
        }
        for (int i = 0; i < items; i++) {
            System.arraycopy(r.itemEmbeddings()[i], 0, v, i * d, d);
        }
        return new FactorModel(d, users, items, u, v);
    }

    /** The training settings recorded on the PropagationRun (checkpoint path and threads are not). */
    static Map<String, Object> asMap(TrainingParameters tp) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dimension", tp.dimension());
        m.put("layers", tp.layers());
        m.put("itemItemLayers", tp.itemItemLayers());
        m.put("learningRate", tp.learningRate());
        m.put("l2", tp.l2());
        m.put("batchSize", tp.batchSize());
        m.put("maxEpochs", tp.maxEpochs());
        m.put("patience", tp.patience());
        m.put("evalEvery", tp.evalEvery());
        m.put("seed", tp.seed());
        m.put("knnK", tp.knnK());
        m.put("edgeDropout", tp.edgeDropout());
        m.put("alignWeight", tp.alignWeight());
        m.put("cutoff", tp.cutoff());
        m.put("validationUsers", tp.validationUsers());
        m.put("warmStart", tp.warmStart());
        m.put("itemGraphShrink", tp.itemGraphShrink());
        return m;
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
        for (String name : List.of("recall@10", "recall@20", "ndcg@10", "ndcg@20", "coldRecall@20")) {
            out.put(name, r.get(name));
        }
        out.put("users", (double) r.users());
        out.put("eligibleUsers", (double) r.eligibleUsers());
        return out;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /**
     * Logs and returns the heap the run is estimated to need at its peak: what the process held before (the
     * embedded database included), the loaded graph, the mode's working set and one block of validation scores.
     */
    private long logEstimate(long inUse, InteractionGraph g, String workingSetName, long workingSet) {
        long evaluation = Evaluator.memoryEstimate(g.items());
        long total = inUse + g.bytes() + workingSet + evaluation;
        progress.log(String.format(Locale.ROOT, "memory estimate: %s (in use before %s, graph %s, %s %s, "
                + "validation scores %s)", bytes(total), bytes(inUse), bytes(g.bytes()), workingSetName,
                bytes(workingSet), bytes(evaluation)));
        return total;
    }

    static String bytes(long b) {
        return b >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", b / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.0f MiB", b / (double) (1L << 20));
    }
}
