package org.graphrec.propagation.trained;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.graphrec.core.Csr;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.ModalityMatrix;
import org.graphrec.core.Parallel;
import org.graphrec.core.SplitMix64;
import org.graphrec.eval.EvaluationResult;
import org.graphrec.eval.Evaluator;
import org.graphrec.progress.ProgressTracker;

/**
 * BPR-trained graph propagation on a 2-core CPU with hand-written gradients: the trainer (initialisation, epochs,
 * early stopping on validation with the shared {@link Evaluator}, checkpoints). The model's passes are
 * {@link GraphModel}, the optimiser {@link Adam}, the per-epoch edge pruning {@link EdgePruning}, the frozen item
 * graphs {@link ItemItemGraph}, the served rows of cold items {@link ColdItems}.
 *
 * <p><b>LightGCN</b> (He et al., SIGIR 2020): ego embeddings {@code E0} (users then items, Xavier-uniform),
 * {@code E = 1/(K+1) Σ_{k=0..K} Â^k E0} with {@code Â = D^-1/2 A D^-1/2} of the train graph, BPR with one
 * uniformly sampled negative per positive (every train edge once per epoch, shuffled), L2 on the batch's ego
 * embeddings divided by the batch size, Adam.
 *
 * <p><b>Multimodal</b> (FREEDOM, Zhou et al., MM 2023): frozen item–item kNN graphs {@code S} built once from
 * the modality features (or co-interactions), item representation {@code E_item + S^L E0_item}; each epoch the
 * user–item graph is pruned degree-sensitively and renormalised; evaluation uses the full graph. Each modality's
 * features are projected to d by a learned linear map and aligned with the users by a second BPR loss.
 *
 * <p>Cost per epoch: O(|E|/B · (K · nnz(Â) + L · nnz(S)) · d) for the full-graph products of each batch, plus
 * evaluation O(users · items · d) (ND4J GEMM). Deterministic for a seed, for any thread count. Checkpoints hold
 * everything needed to resume bit-identically.
 */
public final class TrainedPropagation {

    private final InteractionGraph graph;
    private final TrainingParameters params;
    private final ProgressTracker progress;
    private final int d;
    private final int users;
    private final int items;
    private final int nodes;
    private final boolean multimodal;
    private final List<ModalityMatrix> modalities;
    private final List<ItemGroups> itemGroups = new ArrayList<>();
    private final GraphModel model;
    private final int[] itemDegrees;
    private final ColdItems coldItems;
    private float[] warmUsers;
    private float[] warmItems;

    /**
     * Item memberships (brands, categories) as an extra weighted item–item graph of the multimodal mode (items
     * sharing groups are neighbours).
     *
     * @param name    label for progress ("brand", "category")
     * @param members items × groups
     * @param weight  weight of this graph in the sum of item–item graphs (before the sum is normalised to 1)
     */
    public record ItemGroups(String name, Csr members, double weight) {
        public ItemGroups {
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("group weight must be finite and ≥ 0, got " + weight);
            }
        }
    }

    /** Trains on the graph's train interactions, early-stopped on its validation interactions. */
    public TrainedPropagation(InteractionGraph graph, TrainingParameters params, ProgressTracker progress) {
        this.graph = graph;
        this.params = params;
        this.progress = progress;
        this.d = params.dimension();
        this.users = graph.users();
        this.items = graph.items();
        this.nodes = users + items;
        this.itemDegrees = graph.itemPopularity();
        this.multimodal = params.multimodal();
        this.modalities = multimodal ? graph.modalities() : List.of();
        if (!params.modalityWeights().isEmpty() && params.modalityWeights().size() != modalities.size()) {
            throw new IllegalArgumentException("modalityWeights has " + params.modalityWeights().size()
                    + " entries but the graph has " + modalities.size() + " modalities");
        }
        this.model = new GraphModel(users, items, modalities, params);
        this.coldItems = new ColdItems(itemDegrees, users, d);
    }

    /**
     * Adds the graph's brand and category memberships as item–item graphs of the multimodal mode with the given
     * weights (a weight of 0, or no memberships loaded, leaves the group out). No effect in LightGCN mode.
     */
    public TrainedPropagation withItemGroups(double brandWeight, double categoryWeight) {
        if (brandWeight > 0 && graph.itemBrands().nonZeros() > 0) {
            itemGroups.add(new ItemGroups("brand", graph.itemBrands(), brandWeight));
        }
        if (categoryWeight > 0 && graph.itemCategories().nonZeros() > 0) {
            itemGroups.add(new ItemGroups("category", graph.itemCategories(), categoryWeight));
        }
        return this;
    }

    /** The item groups added by {@link #withItemGroups}. */
    public List<ItemGroups> itemGroups() {
        return List.copyOf(itemGroups);
    }

    /**
     * Starts the ego embeddings from given embeddings (e.g. the closed-form solution, row-major {@code users × d}
     * and {@code items × d}) instead of the Xavier draw; only with {@link TrainingParameters#warmStart()}. Each
     * table is rescaled to the root-mean-square of the Xavier initialisation it replaces (directions are kept),
     * so the Adam steps and the L2 term see the same scale as a cold start. Projections are initialised as usual.
     */
    public TrainedPropagation warmStartedFrom(float[] userEmbeddings, float[] itemEmbeddings) {
        if (!params.warmStart()) {
            throw new IllegalArgumentException("warm-start embeddings given but warmStart is off in the parameters");
        }
        if (userEmbeddings.length != users * d || itemEmbeddings.length != items * d) {
            throw new IllegalArgumentException("warm-start embeddings must be " + users + " × " + d + " and " + items
                    + " × " + d + ", got " + userEmbeddings.length + " and " + itemEmbeddings.length + " values");
        }
        this.warmUsers = userEmbeddings.clone();
        this.warmItems = itemEmbeddings.clone();
        return this;
    }

    /** Bytes of heap the run needs, printable before it starts (parameters, Adam, buffers, graphs, scoring). */
    public static long memoryEstimate(InteractionGraph graph, TrainingParameters params) {
        long d = params.dimension();
        long nodes = (long) graph.users() + graph.items();
        long parameters = nodes * d;
        long features = 0;
        if (params.multimodal()) {
            for (ModalityMatrix m : graph.modalities()) {
                parameters += (m.dimension() + 1L) * d;
                features += (long) graph.items() * m.dimension();
            }
        }
        long floats = 4 * parameters          // theta, gradient, Adam m and v
                + 6 * nodes * d               // forward and backward buffers, best copy
                + 1024L * graph.items()       // one scoring block
                + features;
        long edgeBytes = 2L * 2 * graph.train().nonZeros() * 8;               // full + pruned normalised adjacency
        long itemGraphBytes = 2L * graph.items() * params.knnK() * 8 * Math.max(1, graph.modalities().size());
        return floats * 4 + edgeBytes + itemGraphBytes + 512L * 4 * graph.items();
    }

    /** Mutable training state: exactly what a checkpoint stores. */
    static final class State {
        int epoch;
        long step;
        long rngState;
        float[] theta;
        float[] adamM;
        float[] adamV;
        double bestRecall = Double.NEGATIVE_INFINITY;
        double bestNdcg;
        int bestEpoch;
        int sinceBest;
        boolean finished;
        boolean stoppedEarly;
        float[] bestUsers;
        float[] bestItems;
        List<EpochStats> history = new ArrayList<>();
    }

    /** Trains (resuming from the checkpoint file when it exists) and returns the best validation epoch. */
    public TrainingResult train() {
        return train(() -> false);
    }

    /**
     * As {@link #train()}, checking {@code stop} after every epoch (a wall-clock budget, a cancel flag): when it
     * says true, training checkpoints and returns the best epoch so far. A later call resumes from there.
     */
    public TrainingResult train(BooleanSupplier stop) {
        long started = System.nanoTime();
        try (Parallel parallel = new Parallel(params.threads())) {
            State state = initialOrResumed();
            Csr full = Adjacency.bipartite(graph);
            Csr itemGraph = multimodal ? buildItemGraph(parallel) : null;
            Csr itemGraphT = itemGraph == null ? null : itemGraph.transpose();
            GraphModel.Buffers buffers = model.buffers();
            ValidationRanking validation = new ValidationRanking(graph, params, parallel, progress);
            if (state.epoch == 0 && state.bestUsers == null) {
                // epoch 0 = the initialisation, so the result is defined even with maxEpochs 0
                servedRows(full, itemGraph, state.theta, buffers, parallel);
                recordBest(state, Double.NEGATIVE_INFINITY, 0, buffers.evalFinal);
                state.bestRecall = Double.NEGATIVE_INFINITY;
            }
            progress.log(String.format(Locale.ROOT, "trained propagation %s: %,d users, %,d items, %,d train edges, "
                            + "%,d parameters, memory estimate %,d MiB%s", variant(), users, items,
                    graph.train().nonZeros(), model.parameterCount(), memoryEstimate(graph, params) >> 20,
                    state.epoch > 0 ? ", resumed after epoch " + state.epoch : ""));
            SplitMix64 rng = new SplitMix64(state.rngState);
            int[] edgeUsers = graph.train().rowOfEntries();
            int[] edgeItems = graph.train().targets();
            EdgePruning pruning = multimodal && params.edgeDropout() > 0
                    ? new EdgePruning(graph, itemDegrees, params.edgeDropout()) : null;
            if (params.validationUsers() > 0) {
                progress.log(String.format(Locale.ROOT, "early stopping on a seeded sample of %,d validation users",
                        validation.sampleSize()));
            }
            progress.begin("training " + variant(), params.maxEpochs());
            progress.advance(state.epoch);
            while (!state.finished && state.epoch < params.maxEpochs()) {
                long t0 = System.nanoTime();
                Csr trainAdjacency = pruning == null ? full : pruning.prunedAdjacency(rng);
                int[] order = new int[edgeUsers.length];
                for (int e = 0; e < order.length; e++) {
                    order[e] = e;
                }
                rng.shuffle(order);
                double lossSum = 0;
                int batches = 0;
                for (int start = 0; start < order.length; start += params.batchSize()) {
                    int end = Math.min(order.length, start + params.batchSize());
                    lossSum += step(state, rng, order, start, end, edgeUsers, edgeItems, trainAdjacency, itemGraph,
                            itemGraphT, buffers, parallel);
                    batches++;
                }
                state.epoch++;
                double trainSeconds = (System.nanoTime() - t0) / 1e9;
                double recall = Double.NaN;
                double ndcg = Double.NaN;
                long t1 = System.nanoTime();
                if (state.epoch % params.evalEvery() == 0 || state.epoch == params.maxEpochs()) {
                    servedRows(full, itemGraph, state.theta, buffers, parallel);
                    EvaluationResult metrics = validation.evaluate(buffers.evalFinal);
                    recall = metrics.users() == 0 ? 0 : metrics.get("recall@" + params.cutoff());
                    ndcg = metrics.users() == 0 ? 0 : metrics.get("ndcg@" + params.cutoff());
                    if (metrics.users() == 0 || recall > state.bestRecall) {
                        recordBest(state, recall, ndcg, buffers.evalFinal);
                        state.sinceBest = 0;
                    } else {
                        state.sinceBest++;
                    }
                }
                double evalSeconds = (System.nanoTime() - t1) / 1e9;
                double loss = batches == 0 ? 0 : lossSum / batches;
                state.history.add(new EpochStats(state.epoch, loss, recall, ndcg, trainSeconds, evalSeconds));
                if (state.sinceBest >= params.patience()) {
                    state.finished = true;
                    state.stoppedEarly = true;
                }
                state.rngState = rng.state();
                logEpoch(state, loss, recall, ndcg, trainSeconds, evalSeconds);
                progress.advance(1);
                boolean stopRequested = stop.getAsBoolean();
                boolean last = state.finished || state.epoch == params.maxEpochs() || stopRequested;
                if (params.checkpoint() != null && (state.epoch % params.checkpointEvery() == 0 || last)) {
                    Checkpoint.write(params.checkpoint(), params.fingerprint(), state);
                }
                if (stopRequested) {
                    progress.log("stopped on request after epoch " + state.epoch);
                    break;
                }
            }
            progress.end();
            double seconds = (System.nanoTime() - started) / 1e9;
            progress.log(String.format(Locale.ROOT, "best epoch %d of %d: valid recall@%d %.4f, ndcg@%d %.4f, %.1f s",
                    state.bestEpoch, state.epoch, params.cutoff(), state.bestRecall, params.cutoff(),
                    state.bestNdcg, seconds));
            return new TrainingResult(rows(state.bestUsers, users), rows(state.bestItems, items), state.bestEpoch,
                    state.epoch, state.bestRecall, state.bestNdcg, List.copyOf(state.history), seconds,
                    state.stoppedEarly);
        }
    }

    private String variant() {
        return multimodal ? "multimodal" : "lightgcn";
    }

    private void logEpoch(State state, double loss, double recall, double ndcg, double trainSeconds,
                          double evalSeconds) {
        progress.log(String.format(Locale.ROOT,
                "epoch %d: loss %.5f, valid recall@%d %s, ndcg@%d %s, %.2f s train + %.2f s eval%s",
                state.epoch, loss, params.cutoff(), Double.isNaN(recall) ? "-" : String.format(Locale.ROOT,
                        "%.4f", recall), params.cutoff(), Double.isNaN(ndcg) ? "-"
                        : String.format(Locale.ROOT, "%.4f", ndcg), trainSeconds, evalSeconds,
                state.bestEpoch == state.epoch ? " *" : ""));
    }

    private void recordBest(State state, double recall, double ndcg, float[] finalEmbeddings) {
        state.bestRecall = recall;
        state.bestNdcg = ndcg;
        state.bestEpoch = state.epoch;
        state.bestUsers = Arrays.copyOfRange(finalEmbeddings, 0, users * d);
        state.bestItems = Arrays.copyOfRange(finalEmbeddings, users * d, nodes * d);
    }

    private State initialOrResumed() {
        if (params.checkpoint() != null && Files.exists(params.checkpoint())) {
            try {
                return Checkpoint.read(params.checkpoint(), params.fingerprint(), model.parameterCount());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read checkpoint " + params.checkpoint() + ": " + e.getMessage(), e);
            }
        }
        State state = new State();
        SplitMix64 rng = new SplitMix64(params.seed());
        state.theta = new float[model.parameterCount()];
        xavier(rng, state.theta, 0, users, d);
        xavier(rng, state.theta, users * d, items, d);
        if (params.warmStart()) {
            if (warmUsers == null) {
                throw new IllegalStateException("warmStart is on but no embeddings were given (warmStartedFrom)");
            }
            copyRescaled(warmUsers, state.theta, 0, Math.sqrt(2.0 / (users + d)));
            copyRescaled(warmItems, state.theta, users * d, Math.sqrt(2.0 / (items + d)));
        }
        for (int m = 0; m < modalities.size(); m++) {
            int f = modalities.get(m).dimension();
            double bound = 1.0 / Math.sqrt(f); // torch.nn.Linear default for weight and bias
            int offset = model.projectionOffset(m);
            for (int p = offset; p < offset + f * d + d; p++) {
                state.theta[p] = (float) ((2 * rng.nextDouble() - 1) * bound);
            }
        }
        state.adamM = new float[model.parameterCount()];
        state.adamV = new float[model.parameterCount()];
        state.rngState = rng.state();
        return state;
    }

    /**
     * Copies {@code source} into {@code theta} at {@code offset}, scaled to root-mean-square {@code rms} (the
     * Xavier-uniform RMS, bound/sqrt(3) = sqrt(2/(rows+d))); an all-zero source stays zero.
     */
    static void copyRescaled(float[] source, float[] theta, int offset, double rms) {
        double sum = 0;
        for (float v : source) {
            sum += (double) v * v;
        }
        double current = Math.sqrt(sum / Math.max(1, source.length));
        double scale = current > 0 ? rms / current : 0;
        for (int p = 0; p < source.length; p++) {
            theta[offset + p] = (float) (source[p] * scale);
        }
    }

    /** Xavier-uniform init of a {@code rows × d} embedding table, as torch's xavier_uniform_. */
    private static void xavier(SplitMix64 rng, float[] theta, int offset, int rows, int d) {
        double bound = Math.sqrt(6.0 / (rows + d));
        for (int p = offset; p < offset + rows * d; p++) {
            theta[p] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
    }

    /**
     * The frozen item–item graph: the modality kNN graphs (weights normalised to 1) or, without features, the
     * co-interaction kNN graph (weight 1); plus each item-group graph (brands, categories) with its own weight;
     * all weights are then divided by their sum, so {@code S} keeps the scale of a single normalised graph.
     */
    Csr buildItemGraph(Parallel parallel) {
        long t0 = System.nanoTime();
        List<Csr> graphs = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        if (modalities.isEmpty()) {
            graphs.add(ItemItemGraph.fromInteractions(graph.train(), params.knnK(), params.itemGraphShrink(),
                    parallel));
            weights.add(1.0);
        } else {
            double sum = 0;
            for (int m = 0; m < modalities.size(); m++) {
                sum += modalityWeight(m);
            }
            for (int m = 0; m < modalities.size(); m++) {
                graphs.add(ItemItemGraph.fromFeatures(modalities.get(m), params.knnK(), parallel));
                weights.add(modalityWeight(m) / sum);
            }
        }
        List<String> groupNames = new ArrayList<>();
        for (ItemGroups g : itemGroups) {
            if (g.weight() > 0 && g.members().nonZeros() > 0) {
                graphs.add(ItemItemGraph.fromGroups(g.members(), params.knnK(), parallel));
                weights.add(g.weight());
                groupNames.add(g.name() + " " + g.weight());
            }
        }
        double total = weights.stream().mapToDouble(Double::doubleValue).sum();
        double[] w = weights.stream().mapToDouble(x -> x / total).toArray();
        Csr combined = ItemItemGraph.combine(graphs, w);
        progress.log(String.format(Locale.ROOT, "item-item graph (%s%s, k=%d): %,d edges in %.1f s",
                modalities.isEmpty() ? "co-interactions" : modalities.stream().map(ModalityMatrix::name)
                        .toList(), groupNames.isEmpty() ? "" : " + " + String.join(", ", groupNames), params.knnK(),
                combined.nonZeros(), (System.nanoTime() - t0) / 1e9));
        return combined;
    }

    private double modalityWeight(int m) {
        return params.modalityWeights().isEmpty() ? 1.0 : params.modalityWeights().get(m);
    }

    /** The rows evaluated and written back: the full-graph forward pass, then the cold items' rows. */
    private void servedRows(Csr full, Csr itemGraph, float[] theta, GraphModel.Buffers buffers, Parallel parallel) {
        model.forward(full, itemGraph, theta, buffers, buffers.evalFinal, parallel);
        coldItems.serve(itemGraph, buffers.evalFinal);
    }

    /** One Adam step on the batch {@code order[start..end)}; returns the batch loss. */
    private double step(State state, SplitMix64 rng, int[] order, int start, int end, int[] edgeUsers,
                        int[] edgeItems, Csr adjacency, Csr itemGraph, Csr itemGraphT, GraphModel.Buffers buf,
                        Parallel parallel) {
        int batch = end - start;
        int[] bu = new int[batch];
        int[] bp = new int[batch];
        int[] bn = new int[batch];
        for (int k = 0; k < batch; k++) {
            int e = order[start + k];
            bu[k] = edgeUsers[e];
            bp[k] = edgeItems[e];
            bn[k] = sampleNegative(rng, bu[k]);
        }
        float[] fin = buf.trainFinal;
        model.forward(adjacency, itemGraph, state.theta, buf, fin, parallel);
        float[] g = buf.gradFinal;
        Arrays.fill(g, 0f);
        float[] grad = buf.grad;
        Arrays.fill(grad, 0f);
        double loss = model.lossAndGradient(state.theta, fin, bu, bp, bn, g, grad);
        model.backward(adjacency, itemGraphT, g, grad, buf, parallel);
        state.step++;
        Adam.step(state.theta, state.adamM, state.adamV, grad, state.step, params.learningRate(), parallel);
        return loss;
    }

    private int sampleNegative(SplitMix64 rng, int user) {
        Csr train = graph.train();
        if (train.degree(user) >= items) {
            return rng.nextInt(items); // nothing to sample outside the train items
        }
        while (true) {
            int item = rng.nextInt(items);
            if (!train.contains(user, item)) {
                return item;
            }
        }
    }

    private float[][] rows(float[] flat, int count) {
        float[][] out = new float[count][];
        for (int r = 0; r < count; r++) {
            out[r] = Arrays.copyOfRange(flat, r * d, (r + 1) * d);
        }
        return out;
    }

    // ---- hooks for tests (package-private) ----

    int parameterCount() {
        return model.parameterCount();
    }

    /** Loss of the batch at parameters {@code theta} over the given adjacency, with the analytic gradient. */
    double lossWithGradient(float[] theta, Csr adjacency, Csr itemGraph, int[] bu, int[] bp, int[] bn,
                            float[] gradOut) {
        return model.lossWithGradient(theta, adjacency, itemGraph, bu, bp, bn, gradOut);
    }

    /** The served rows of cold items, in place. */
    void serveColdItems(Csr itemGraph, float[] fin) {
        coldItems.serve(itemGraph, fin);
    }

    /** Initial parameters for the seed (for tests). */
    float[] initialParameters() {
        TrainingParameters noCheckpoint = params.withCheckpoint(null, params.checkpointEvery());
        TrainedPropagation fresh = new TrainedPropagation(graph, noCheckpoint, progress);
        fresh.itemGroups.addAll(itemGroups);
        fresh.warmUsers = warmUsers;
        fresh.warmItems = warmItems;
        return fresh.initialOrResumed().theta;
    }
}
