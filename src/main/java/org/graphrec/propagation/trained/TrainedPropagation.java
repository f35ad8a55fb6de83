package org.graphrec.propagation.trained;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.graphrec.progress.ProgressTracker;

/**
 * BPR-trained graph propagation on a 2-core CPU with hand-written gradients.
 *
 * <p><b>LightGCN</b> (He et al., SIGIR 2020): ego embeddings {@code E0} (users then items, Xavier-uniform),
 * {@code E = 1/(K+1) Σ_{k=0..K} Â^k E0} with {@code Â = D^-1/2 A D^-1/2} of the train graph, BPR with one
 * uniformly sampled negative per positive (every train edge once per epoch, shuffled), L2 on the batch's ego
 * embeddings divided by the batch size, Adam. Propagation is linear and {@code Â} symmetric, so
 * {@code ∂L/∂E0 = 1/(K+1) Σ_k Â^k ∂L/∂E}: the backward pass is the same sparse products applied to the gradient.
 *
 * <p><b>Multimodal</b> (FREEDOM, Zhou et al., MM 2023): frozen item–item kNN graphs {@code S} built once from
 * the modality features (or co-interactions), item representation {@code E_item + S^L E0_item}; each epoch the
 * user–item graph is pruned degree-sensitively (edges kept with probability ∝ 1/sqrt(d_u d_i), without
 * replacement) and renormalised; evaluation uses the full graph. Each modality's features are projected to d by a
 * learned linear map and aligned with the users by a second BPR loss (weight {@code alignWeight}). Items without
 * train interactions get their representation from their kNN neighbours through {@code S}, and are served as
 * the weighted mean of their warm neighbours' final rows ({@link #serveColdItems}).
 *
 * <p>Cost per epoch: O(|E|/B · (K · nnz(Â) + L · nnz(S)) · d) for the full-graph products of each batch, plus
 * evaluation O(users · items · d) (ND4J GEMM). Deterministic for a seed, for any thread count of the sparse
 * products. Checkpoints hold everything needed to resume bit-identically.
 */
public final class TrainedPropagation {

    private static final float ADAM_BETA1 = 0.9f;
    private static final float ADAM_BETA2 = 0.999f;
    private static final float ADAM_EPS = 1e-8f;

    private final TrainingGraph graph;
    private final TrainingParameters params;
    private final ProgressTracker progress;
    private final int d;
    private final int users;
    private final int items;
    private final int nodes;
    private final boolean multimodal;
    private final List<TrainingGraph.Modality> modalities;
    private final int[] projectionOffsets;
    private final int parameterCount;
    private final int[] itemDegrees;
    private final int[] coldItems;
    private float[] warmUsers;
    private float[] warmItems;

    public TrainedPropagation(TrainingGraph graph, TrainingParameters params, ProgressTracker progress) {
        this.graph = graph;
        this.params = params;
        this.progress = progress;
        this.d = params.dimension();
        this.users = graph.users();
        this.items = graph.items();
        this.nodes = users + items;
        this.itemDegrees = graph.itemDegrees();
        this.coldItems = IntStream.range(0, items).filter(i -> itemDegrees[i] == 0).toArray();
        this.multimodal = params.mode() == TrainingParameters.Mode.MULTIMODAL;
        this.modalities = multimodal ? graph.modalities() : List.of();
        if (!params.modalityWeights().isEmpty() && params.modalityWeights().size() != modalities.size()) {
            throw new IllegalArgumentException("modalityWeights has " + params.modalityWeights().size()
                    + " entries but the graph has " + modalities.size() + " modalities");
        }
        this.projectionOffsets = new int[modalities.size()];
        int offset = nodes * d;
        for (int m = 0; m < modalities.size(); m++) {
            projectionOffsets[m] = offset;
            offset += modalities.get(m).dimension() * d + d;
        }
        this.parameterCount = offset;
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
    public static long memoryEstimate(TrainingGraph graph, TrainingParameters params) {
        long d = params.dimension();
        long nodes = (long) graph.users() + graph.items();
        long parameters = nodes * d;
        long features = 0;
        if (params.mode() == TrainingParameters.Mode.MULTIMODAL) {
            for (TrainingGraph.Modality m : graph.modalities()) {
                parameters += (m.dimension() + 1L) * d;
                features += (long) graph.items() * m.dimension();
            }
        }
        long floats = 4 * parameters          // theta, gradient, Adam m and v
                + 6 * nodes * d               // forward and backward buffers, best copy
                + 1024L * graph.items()       // one scoring block
                + features;
        long edgeBytes = 2L * 2 * graph.trainEdges() * 8;               // full + pruned normalised adjacency
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
    public TrainingResult train(java.util.function.BooleanSupplier stop) {
        long started = System.nanoTime();
        try (Parallel parallel = new Parallel(params.threads())) {
            State state = initialOrResumed();
            CsrMatrix full = Adjacency.bipartite(graph);
            CsrMatrix itemGraph = null;
            CsrMatrix itemGraphT = null;
            if (multimodal) {
                itemGraph = buildItemGraph(parallel);
                itemGraphT = itemGraph.transpose();
            }
            Buffers buffers = new Buffers();
            if (state.epoch == 0 && state.bestUsers == null) {
                // epoch 0 = the initialisation, so the result is defined even with maxEpochs 0
                servedRows(full, itemGraph, state.theta, buffers, parallel);
                recordBest(state, Double.NEGATIVE_INFINITY, 0, buffers.evalFinal);
                state.bestRecall = Double.NEGATIVE_INFINITY;
            }
            progress.log(String.format(Locale.ROOT, "trained propagation %s: %,d users, %,d items, %,d train edges, "
                            + "%,d parameters, memory estimate %,d MiB%s", params.mode(), users, items,
                    graph.trainEdges(), parameterCount, memoryEstimate(graph, params) >> 20,
                    state.epoch > 0 ? ", resumed after epoch " + state.epoch : ""));
            SplitMix64 rng = new SplitMix64(state.rngState);
            int[] edgeUsers = graph.edgeUsers();
            int[] edgeItems = graph.userItems();
            double[] pruneWeights = multimodal && params.edgeDropout() > 0 ? pruneWeights(edgeUsers, edgeItems) : null;
            int[] validationSample = RankingEvaluator.sampleUsers(graph.validItems(), params.validationUsers(),
                    params.seed());
            if (params.validationUsers() > 0) {
                progress.log(String.format(Locale.ROOT, "early stopping on a seeded sample of %,d validation users",
                        validationSample.length));
            }
            progress.begin("training " + params.mode().name().toLowerCase(Locale.ROOT), params.maxEpochs());
            progress.advance(state.epoch);
            while (!state.finished && state.epoch < params.maxEpochs()) {
                long t0 = System.nanoTime();
                CsrMatrix trainAdjacency = pruneWeights == null ? full
                        : prunedAdjacency(rng, edgeUsers, edgeItems, pruneWeights);
                int[] order = new int[graph.trainEdges()];
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
                    RankingEvaluator.Metrics metrics = RankingEvaluator.evaluate(graph,
                            Arrays.copyOfRange(buffers.evalFinal, 0, users * d),
                            Arrays.copyOfRange(buffers.evalFinal, users * d, nodes * d), d, graph.validItems(),
                            params.cutoff(), parallel, validationSample);
                    recall = metrics.recall();
                    ndcg = metrics.ndcg();
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
                progress.log(String.format(Locale.ROOT,
                        "epoch %d: loss %.5f, valid recall@%d %s, ndcg@%d %s, %.2f s train + %.2f s eval%s",
                        state.epoch, loss, params.cutoff(), Double.isNaN(recall) ? "-" : String.format(Locale.ROOT,
                                "%.4f", recall), params.cutoff(), Double.isNaN(ndcg) ? "-"
                                : String.format(Locale.ROOT, "%.4f", ndcg), trainSeconds, evalSeconds,
                        state.bestEpoch == state.epoch ? " *" : ""));
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
                return Checkpoint.read(params.checkpoint(), params.fingerprint(), parameterCount);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read checkpoint " + params.checkpoint() + ": " + e.getMessage(), e);
            }
        }
        State state = new State();
        SplitMix64 rng = new SplitMix64(params.seed());
        state.theta = new float[parameterCount];
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
            for (int p = projectionOffsets[m]; p < projectionOffsets[m] + f * d + d; p++) {
                state.theta[p] = (float) ((2 * rng.nextDouble() - 1) * bound);
            }
        }
        state.adamM = new float[parameterCount];
        state.adamV = new float[parameterCount];
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
    CsrMatrix buildItemGraph(Parallel parallel) {
        long t0 = System.nanoTime();
        List<CsrMatrix> graphs = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        if (modalities.isEmpty()) {
            graphs.add(ItemItemGraph.fromInteractions(graph, params.knnK(), params.itemGraphShrink()));
            weights.add(1.0);
        } else {
            double sum = 0;
            for (int m = 0; m < modalities.size(); m++) {
                sum += params.modalityWeights().isEmpty() ? 1.0 : params.modalityWeights().get(m);
            }
            for (int m = 0; m < modalities.size(); m++) {
                graphs.add(ItemItemGraph.fromFeatures(modalities.get(m).features(), params.knnK(), parallel));
                weights.add((params.modalityWeights().isEmpty() ? 1.0 : params.modalityWeights().get(m)) / sum);
            }
        }
        List<String> groupNames = new ArrayList<>();
        for (TrainingGraph.ItemGroups g : graph.itemGroups()) {
            if (g.weight() > 0 && g.members().length > 0) {
                graphs.add(ItemItemGraph.fromGroups(g, items, params.knnK()));
                weights.add(g.weight());
                groupNames.add(g.name() + " " + g.weight());
            }
        }
        double total = weights.stream().mapToDouble(Double::doubleValue).sum();
        double[] w = weights.stream().mapToDouble(x -> x / total).toArray();
        CsrMatrix combined = ItemItemGraph.combine(graphs, w);
        progress.log(String.format(Locale.ROOT, "item-item graph (%s%s, k=%d): %,d edges in %.1f s",
                modalities.isEmpty() ? "co-interactions" : modalities.stream().map(TrainingGraph.Modality::name)
                        .toList(), groupNames.isEmpty() ? "" : " + " + String.join(", ", groupNames), params.knnK(),
                combined.nonZeros(), (System.nanoTime() - t0) / 1e9));
        return combined;
    }

    /** FREEDOM's sampling weights of the edges: the normalised adjacency values 1/sqrt(d_u d_i). */
    private double[] pruneWeights(int[] edgeUsers, int[] edgeItems) {
        double[] w = new double[edgeUsers.length];
        for (int e = 0; e < w.length; e++) {
            int du = graph.userOffsets()[edgeUsers[e] + 1] - graph.userOffsets()[edgeUsers[e]];
            w[e] = 1.0 / Math.sqrt((double) du * itemDegrees[edgeItems[e]]);
        }
        return w;
    }

    /**
     * Keeps {@code (1 - dropout)·|E|} edges sampled without replacement with probability ∝ weight
     * (Efraimidis–Spirakis exponential keys) and renormalises the kept graph.
     */
    private CsrMatrix prunedAdjacency(SplitMix64 rng, int[] edgeUsers, int[] edgeItems, double[] weights) {
        int edges = edgeUsers.length;
        int keep = (int) (edges * (1.0 - params.edgeDropout()));
        double[] keys = new double[edges];
        for (int e = 0; e < edges; e++) {
            keys[e] = -Math.log(1.0 - rng.nextDouble()) / weights[e];
        }
        Integer[] order = new Integer[edges];
        for (int e = 0; e < edges; e++) {
            order[e] = e;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(keys[a], keys[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] kept = new int[keep];
        for (int k = 0; k < keep; k++) {
            kept[k] = order[k];
        }
        Arrays.sort(kept); // CSR order, so adjacency rows come out sorted
        int[] ku = new int[keep];
        int[] ki = new int[keep];
        for (int k = 0; k < keep; k++) {
            ku[k] = edgeUsers[kept[k]];
            ki[k] = edgeItems[kept[k]];
        }
        return Adjacency.bipartite(graph, ku, ki, keep);
    }

    /** Scratch arrays reused by every batch. */
    private final class Buffers {
        final float[] trainFinal = new float[nodes * d];
        final float[] evalFinal = new float[nodes * d];
        final float[] a = new float[nodes * d];
        final float[] b = new float[nodes * d];
        final float[] gradFinal = new float[nodes * d];
        final float[] grad = new float[parameterCount];
        final float[] itemA = new float[items * d];
        final float[] itemB = new float[items * d];
    }

    /** The rows evaluated and written back: the full-graph forward pass, then {@link #serveColdItems}. */
    private void servedRows(CsrMatrix full, CsrMatrix itemGraph, float[] theta, Buffers buffers, Parallel parallel) {
        forward(full, itemGraph, theta, buffers, buffers.evalFinal, parallel);
        serveColdItems(itemGraph, buffers.evalFinal);
    }

    /**
     * The served rows of items without train interactions (multimodal mode): the item–item-graph-weighted mean of
     * their warm neighbours' final rows, {@code h_c = Σ_j S_cj h_j / Σ_j S_cj} over neighbours j with train
     * interactions. Training never moves a cold item's ego embedding towards a user (it only ever appears as a
     * sampled negative), so its own row ranks it below every warm item; its feature neighbours are what is known
     * about it. Rows with no warm neighbour are left as they are. Applied to evaluation and written-back rows
     * only: the training forward pass and its gradient are unchanged. Measured on TikTok (docs/trained.md): the
     * rows point at the right neighbourhood but are too short to enter a top-20, cold-start recall stays 0.
     */
    void serveColdItems(CsrMatrix itemGraph, float[] fin) {
        if (itemGraph == null || coldItems.length == 0) {
            return;
        }
        int[] offsets = itemGraph.offsets();
        int[] indices = itemGraph.indices();
        float[] values = itemGraph.values();
        int base = users * d;
        float[] row = new float[d];
        for (int c : coldItems) {
            Arrays.fill(row, 0f);
            double weight = 0;
            for (int e = offsets[c]; e < offsets[c + 1]; e++) {
                int j = indices[e];
                if (itemDegrees[j] == 0 || values[e] <= 0) {
                    continue;
                }
                weight += values[e];
                for (int x = 0; x < d; x++) {
                    row[x] += values[e] * fin[base + j * d + x];
                }
            }
            if (weight > 0) {
                for (int x = 0; x < d; x++) {
                    fin[base + c * d + x] = (float) (row[x] / weight);
                }
            }
        }
    }

    /** {@code out = 1/(K+1) Σ_k Â^k E0} (plus {@code S^L E0_item} on the item rows in multimodal mode). */
    void forward(CsrMatrix adjacency, CsrMatrix itemGraph, float[] theta, Buffers buf, float[] out,
                 Parallel parallel) {
        int n = nodes * d;
        System.arraycopy(theta, 0, out, 0, n);
        float[] in = theta;
        float[] next = buf.a;
        for (int k = 1; k <= params.layers(); k++) {
            adjacency.multiply(in, 0, next, 0, d, parallel);
            for (int p = 0; p < n; p++) {
                out[p] += next[p];
            }
            in = next;
            next = next == buf.a ? buf.b : buf.a;
        }
        float scale = 1f / (params.layers() + 1);
        for (int p = 0; p < n; p++) {
            out[p] *= scale;
        }
        if (itemGraph != null && params.itemItemLayers() > 0) {
            float[] h = propagateItems(itemGraph, theta, users * d, buf, parallel);
            int base = users * d;
            for (int p = 0; p < items * d; p++) {
                out[base + p] += h[p];
            }
        }
    }

    /** {@code S^L x} for the item block of {@code source} starting at {@code offset}. */
    private float[] propagateItems(CsrMatrix s, float[] source, int offset, Buffers buf, Parallel parallel) {
        float[] in = source;
        int inOffset = offset;
        float[] next = buf.itemA;
        for (int l = 0; l < params.itemItemLayers(); l++) {
            s.multiply(in, inOffset, next, 0, d, parallel);
            in = next;
            inOffset = 0;
            next = next == buf.itemA ? buf.itemB : buf.itemA;
        }
        return in;
    }

    /** One Adam step on the batch {@code order[start..end)}; returns the batch loss. */
    private double step(State state, SplitMix64 rng, int[] order, int start, int end, int[] edgeUsers,
                        int[] edgeItems, CsrMatrix adjacency, CsrMatrix itemGraph, CsrMatrix itemGraphT,
                        Buffers buf, Parallel parallel) {
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
        forward(adjacency, itemGraph, state.theta, buf, fin, parallel);
        float[] g = buf.gradFinal;
        Arrays.fill(g, 0f);
        float[] grad = buf.grad;
        Arrays.fill(grad, 0f);
        double loss = lossAndGradient(state.theta, fin, bu, bp, bn, g, grad);
        backward(adjacency, itemGraphT, g, grad, buf, parallel);
        adam(state, grad, parallel);
        return loss;
    }

    /**
     * The batch loss; writes ∂L/∂(final embeddings) into {@code g} and the direct parameter gradients (L2 on the
     * ego embeddings, projection maps) into {@code grad}.
     */
    double lossAndGradient(float[] theta, float[] fin, int[] bu, int[] bp, int[] bn, float[] g, float[] grad) {
        int batch = bu.length;
        double loss = 0;
        float invBatch = 1f / batch;
        for (int k = 0; k < batch; k++) {
            int uo = bu[k] * d;
            int po = (users + bp[k]) * d;
            int no = (users + bn[k]) * d;
            double x = 0;
            for (int c = 0; c < d; c++) {
                x += fin[uo + c] * (fin[po + c] - fin[no + c]);
            }
            loss += softplus(-x) / batch;
            float coef = (float) (-sigmoid(-x)) * invBatch;
            for (int c = 0; c < d; c++) {
                float uc = fin[uo + c];
                g[uo + c] += coef * (fin[po + c] - fin[no + c]);
                g[po + c] += coef * uc;
                g[no + c] -= coef * uc;
            }
        }
        if (params.l2() > 0) {
            float r = (float) params.l2() * invBatch;
            double reg = 0;
            for (int k = 0; k < batch; k++) {
                for (int o : new int[]{bu[k] * d, (users + bp[k]) * d, (users + bn[k]) * d}) {
                    for (int c = 0; c < d; c++) {
                        float v = theta[o + c];
                        reg += (double) v * v;
                        grad[o + c] += r * v;
                    }
                }
            }
            loss += params.l2() * 0.5 * reg / batch;
        }
        if (params.alignWeight() > 0) {
            loss += alignment(theta, fin, bu, bp, bn, g, grad);
        }
        return loss;
    }

    /**
     * BPR of the users' final embeddings against the projected features of the positive and negative items,
     * with two ND4J GEMMs per modality: {@code P = (F_pos − F_neg) W} (the bias cancels) and
     * {@code ∂L/∂W = (F_pos − F_neg)ᵀ (coef ∘ U)}.
     */
    private double alignment(float[] theta, float[] fin, int[] bu, int[] bp, int[] bn, float[] g, float[] grad) {
        int batch = bu.length;
        double loss = 0;
        for (int m = 0; m < modalities.size(); m++) {
            float[][] features = modalities.get(m).features();
            int f = modalities.get(m).dimension();
            int w = projectionOffsets[m];
            float[] diffFeatures = new float[batch * f];
            for (int k = 0; k < batch; k++) {
                float[] fp = features[bp[k]];
                float[] fn = features[bn[k]];
                for (int j = 0; j < f; j++) {
                    diffFeatures[k * f + j] = fp[j] - fn[j];
                }
            }
            float[] weights = Arrays.copyOfRange(theta, w, w + f * d);
            float[] projected = DenseBlocks.product(diffFeatures, batch, f, weights, d, false);
            float[] scaledUsers = new float[batch * d];
            for (int k = 0; k < batch; k++) {
                int uo = bu[k] * d;
                double y = 0;
                for (int c = 0; c < d; c++) {
                    y += fin[uo + c] * projected[k * d + c];
                }
                loss += params.alignWeight() * softplus(-y) / batch;
                float coef = (float) (-params.alignWeight() * sigmoid(-y) / batch);
                for (int c = 0; c < d; c++) {
                    g[uo + c] += coef * projected[k * d + c];
                    scaledUsers[k * d + c] = coef * fin[uo + c];
                }
            }
            float[] weightGradient = DenseBlocks.product(diffFeatures, batch, f, scaledUsers, d, true);
            for (int p = 0; p < f * d; p++) {
                grad[w + p] += weightGradient[p];
            }
        }
        return loss;
    }

    /** Adds ∂L/∂E0 = 1/(K+1) Σ_k Âᵀ^k g (+ Sᵀ^L g_items) to {@code grad}. Â is symmetric. */
    void backward(CsrMatrix adjacency, CsrMatrix itemGraphT, float[] g, float[] grad, Buffers buf,
                  Parallel parallel) {
        int n = nodes * d;
        float scale = 1f / (params.layers() + 1);
        for (int p = 0; p < n; p++) {
            grad[p] += scale * g[p];
        }
        float[] in = g;
        float[] next = buf.a;
        for (int k = 1; k <= params.layers(); k++) {
            adjacency.multiply(in, 0, next, 0, d, parallel);
            for (int p = 0; p < n; p++) {
                grad[p] += scale * next[p];
            }
            in = next;
            next = next == buf.a ? buf.b : buf.a;
        }
        if (itemGraphT != null && params.itemItemLayers() > 0) {
            float[] h = propagateItems(itemGraphT, g, users * d, buf, parallel);
            int base = users * d;
            for (int p = 0; p < items * d; p++) {
                grad[base + p] += h[p];
            }
        }
    }

    /** torch.optim.Adam (no weight decay) over all parameters, in fixed parallel ranges. */
    private void adam(State state, float[] grad, Parallel parallel) {
        state.step++;
        float lr = (float) params.learningRate();
        double bias1 = 1 - Math.pow(ADAM_BETA1, state.step);
        double bias2 = 1 - Math.pow(ADAM_BETA2, state.step);
        float stepSize = (float) (lr / bias1);
        float bias2Sqrt = (float) Math.sqrt(bias2);
        float[] theta = state.theta;
        float[] m = state.adamM;
        float[] v = state.adamV;
        int[] bounds = parallel.ranges(theta.length);
        parallel.run(bounds.length - 1, part -> {
            for (int p = bounds[part]; p < bounds[part + 1]; p++) {
                float gp = grad[p];
                m[p] = ADAM_BETA1 * m[p] + (1 - ADAM_BETA1) * gp;
                v[p] = ADAM_BETA2 * v[p] + (1 - ADAM_BETA2) * gp * gp;
                float denom = (float) Math.sqrt(v[p]) / bias2Sqrt + ADAM_EPS;
                theta[p] -= stepSize * m[p] / denom;
            }
        });
    }

    private int sampleNegative(SplitMix64 rng, int user) {
        int degree = graph.userOffsets()[user + 1] - graph.userOffsets()[user];
        if (degree >= items) {
            return rng.nextInt(items); // nothing to sample outside the train items
        }
        while (true) {
            int item = rng.nextInt(items);
            if (!graph.isTrainItem(user, item)) {
                return item;
            }
        }
    }

    private static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    private float[][] rows(float[] flat, int count) {
        float[][] out = new float[count][];
        for (int r = 0; r < count; r++) {
            out[r] = Arrays.copyOfRange(flat, r * d, (r + 1) * d);
        }
        return out;
    }

    // ---- hooks for the gradient check (package-private) ----

    int parameterCount() {
        return parameterCount;
    }

    /** Loss of the batch at parameters {@code theta} over the given adjacency, with the analytic gradient. */
    double lossWithGradient(float[] theta, CsrMatrix adjacency, CsrMatrix itemGraph, int[] bu, int[] bp, int[] bn,
                            float[] gradOut) {
        try (Parallel parallel = new Parallel(1)) {
            Buffers buf = new Buffers();
            float[] fin = new float[nodes * d];
            forward(adjacency, itemGraph, theta, buf, fin, parallel);
            float[] g = new float[nodes * d];
            Arrays.fill(gradOut, 0f);
            double loss = lossAndGradient(theta, fin, bu, bp, bn, g, gradOut);
            backward(adjacency, itemGraph == null ? null : itemGraph.transpose(), g, gradOut, buf, parallel);
            return loss;
        }
    }

    /** Initial parameters for the seed (for tests). */
    float[] initialParameters() {
        return initialOrResumedFresh().theta;
    }

    private State initialOrResumedFresh() {
        TrainingParameters noCheckpoint = params.withCheckpoint(null, params.checkpointEvery());
        TrainedPropagation fresh = new TrainedPropagation(graph, noCheckpoint, progress);
        fresh.warmUsers = warmUsers;
        fresh.warmItems = warmItems;
        return fresh.initialOrResumed();
    }
}
