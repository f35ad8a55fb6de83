package org.graphrec.propagation.trained;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Validated settings of a trained propagation run. Build from {@link #lightGcn()} or {@link #freedom()} and
 * adjust with the {@code with…} methods.
 *
 * @param multimodal      false: LightGCN over the user–item graph only (He et al. 2020, the baseline); true: plus
 *                        frozen modality item–item graphs, edge pruning and feature alignment (FREEDOM). Which
 *                        {@code propagate} mode this is, is {@code PropagateParameters.Mode}'s to say.
 * @param dimension       embedding size d
 * @param layers          user–item propagation layers K (layer mean over 0..K)
 * @param itemItemLayers  propagation steps over the frozen item–item graph (multimodal mode)
 * @param learningRate    Adam learning rate
 * @param l2              L2 weight on the ego embeddings of the batch, divided by the batch size (LightGCN's code)
 * @param batchSize       BPR triples per Adam step
 * @param maxEpochs       upper bound on epochs
 * @param patience        evaluations without a better validation Recall@K before stopping
 * @param evalEvery       evaluate on validation every this many epochs
 * @param threads         worker threads for sparse products and evaluation (results do not depend on it)
 * @param seed            seed of initialisation, shuffling, negative sampling and edge pruning
 * @param knnK            neighbours per item in the item–item graphs
 * @param modalityWeights weight of each modality's item–item graph (empty = equal weights)
 * @param edgeDropout     fraction of user–item edges pruned each epoch, degree-sensitively (multimodal mode)
 * @param alignWeight     weight of the BPR loss on the projected modality features (multimodal mode)
 * @param checkpoint      file to checkpoint to and resume from ({@code null} = no checkpoints)
 * @param checkpointEvery checkpoint every this many epochs
 * @param cutoff          K of the validation Recall@K used for early stopping (20)
 * @param validationUsers early stopping ranks for a seeded sample of at most this many validation users
 *                        (0 = all); the sample is fixed for the run, so epochs are compared on the same users
 * @param warmStart       the ego embeddings start from given embeddings (the closed-form solution, see
 *                        {@link TrainedPropagation#warmStartedFrom}) instead of the Xavier initialisation
 * @param itemGraphShrink shrinkage λ of the co-interaction item–item graph (data without features):
 *                        neighbours ranked by {@code |U_i ∩ U_j| / (sqrt(|U_i| |U_j|) + λ)}, so pairs that share
 *                        their only user or two stop outranking well-supported ones (0 = plain cosine)
 */
public record TrainingParameters(boolean multimodal, int dimension, int layers, int itemItemLayers, double learningRate,
                                 double l2, int batchSize, int maxEpochs, int patience, int evalEvery, int threads,
                                 long seed, int knnK, List<Double> modalityWeights, double edgeDropout,
                                 double alignWeight, Path checkpoint, int checkpointEvery, int cutoff,
                                 int validationUsers, boolean warmStart, double itemGraphShrink) {

    /**
     * The ranges, checked here only: the shell reports a violation under the option's name. NaN fails every
     * comparison, so it is refused too.
     */
    public TrainingParameters {
        require(dimension > 0, "expected a dimension > 0, found " + dimension);
        require(layers >= 0 && layers <= 16, "expected 0–16 layers, found " + layers);
        require(itemItemLayers >= 0 && itemItemLayers <= 16, "expected 0–16 item–item layers, found "
                + itemItemLayers);
        require(learningRate > 0 && !Double.isInfinite(learningRate), "expected a finite learning rate > 0, found "
                + learningRate);
        require(l2 >= 0 && !Double.isInfinite(l2), "expected a finite L2 weight ≥ 0, found " + l2);
        require(batchSize > 0, "expected a batch size of at least 1, found " + batchSize);
        require(maxEpochs >= 0, "expected a number of epochs ≥ 0, found " + maxEpochs);
        require(patience > 0, "expected a patience of at least 1, found " + patience);
        require(evalEvery > 0, "expected to evaluate every 1 or more epochs, found " + evalEvery);
        require(threads > 0 && threads <= 256, "expected 1–256 threads, found " + threads);
        require(knnK > 0, "knnK must be positive, got " + knnK);
        modalityWeights = List.copyOf(modalityWeights);
        require(modalityWeights.stream().allMatch(w -> w >= 0), "modality weights must not be negative");
        require(edgeDropout >= 0 && edgeDropout < 1, "expected an edge dropout in [0, 1), found " + edgeDropout);
        require(alignWeight >= 0 && !Double.isInfinite(alignWeight), "expected a finite alignment weight ≥ 0, "
                + "found " + alignWeight);
        require(checkpointEvery > 0, "checkpointEvery must be positive, got " + checkpointEvery);
        require(cutoff > 0, "cutoff must be positive, got " + cutoff);
        require(validationUsers >= 0, "validationUsers must not be negative, got " + validationUsers);
        require(itemGraphShrink >= 0 && !Double.isInfinite(itemGraphShrink), "expected a finite shrinkage ≥ 0, "
                + "found " + itemGraphShrink);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** LightGCN as published: d 64, 3 layers, L2 1e-4, Adam 1e-3, batch 2048, patience 20, seed 42. */
    public static TrainingParameters lightGcn() {
        return new TrainingParameters(false, 64, 3, 0, 1e-3, 1e-4, 2048, 1000, 20, 1, 2, 42L, 10,
                List.of(), 0.0, 0.0, null, 10, 20, 0, false, 0.0);
    }

    /**
     * The FREEDOM recipe: d 64, 2 user–item layers, 1 item–item layer, kNN k 10, 80 % degree-sensitive edge
     * pruning, alignment weight 0.01, no L2 (FREEDOM's reg_weight is the alignment weight).
     */
    public static TrainingParameters freedom() {
        return new TrainingParameters(true, 64, 2, 1, 1e-3, 0.0, 2048, 1000, 20, 1, 2, 42L, 10,
                List.of(), 0.8, 0.01, null, 10, 20, 0, false, 0.0);
    }

    /**
     * What {@code propagate --mode lightgcn|trained} trains unless told otherwise: the published recipe
     * ({@link #lightGcn()}, {@link #freedom()}) with the changes selected on validation splits
     * (docs/trained.md): batch 8192 at Adam lr 4e-3 (the papers' 2048 at 1e-3, linearly scaled: four times fewer
     * full-graph propagations per epoch), evaluation every 5 epochs with patience 4 (= 20 epochs) and at most 300
     * epochs; in the multimodal mode 3 user–item layers, 30 % edge pruning and a co-interaction item–item graph
     * shrunk by 100 (selected on Amazon Clothing's validation split: 0.0516 → 0.0550 Recall@20).
     */
    public static TrainingParameters recommended(boolean multimodal) {
        TrainingParameters published = multimodal ? freedom() : lightGcn();
        return published.copy(c -> {
            c.batchSize = 8192;
            c.learningRate = 4e-3;
            c.evalEvery = 5;
            c.patience = 4;
            c.maxEpochs = 300;
            if (multimodal) {
                c.layers = 3;
                c.edgeDropout = 0.3;
                c.itemGraphShrink = 100;
            }
        });
    }

    public TrainingParameters withMaxEpochs(int value) {
        return copy(c -> c.maxEpochs = value);
    }

    public TrainingParameters withPatience(int value) {
        return copy(c -> c.patience = value);
    }

    public TrainingParameters withEvalEvery(int value) {
        return copy(c -> c.evalEvery = value);
    }

    public TrainingParameters withThreads(int value) {
        return copy(c -> c.threads = value);
    }

    public TrainingParameters withSeed(long value) {
        return copy(c -> c.seed = value);
    }

    public TrainingParameters withDimension(int value) {
        return copy(c -> c.dimension = value);
    }

    public TrainingParameters withLayers(int value) {
        return copy(c -> c.layers = value);
    }

    public TrainingParameters withItemItemLayers(int value) {
        return copy(c -> c.itemItemLayers = value);
    }

    public TrainingParameters withLearningRate(double value) {
        return copy(c -> c.learningRate = value);
    }

    public TrainingParameters withL2(double value) {
        return copy(c -> c.l2 = value);
    }

    public TrainingParameters withBatchSize(int value) {
        return copy(c -> c.batchSize = value);
    }

    public TrainingParameters withKnnK(int value) {
        return copy(c -> c.knnK = value);
    }

    public TrainingParameters withModalityWeights(List<Double> value) {
        return copy(c -> c.modalityWeights = value);
    }

    public TrainingParameters withEdgeDropout(double value) {
        return copy(c -> c.edgeDropout = value);
    }

    public TrainingParameters withAlignWeight(double value) {
        return copy(c -> c.alignWeight = value);
    }

    public TrainingParameters withCutoff(int value) {
        return copy(c -> c.cutoff = value);
    }

    public TrainingParameters withValidationUsers(int value) {
        return copy(c -> c.validationUsers = value);
    }

    public TrainingParameters withWarmStart(boolean value) {
        return copy(c -> c.warmStart = value);
    }

    public TrainingParameters withItemGraphShrink(double value) {
        return copy(c -> c.itemGraphShrink = value);
    }

    public TrainingParameters withCheckpoint(Path file, int every) {
        return copy(c -> {
            c.checkpoint = file;
            c.checkpointEvery = every;
        });
    }

    /** This record with the changes {@code change} makes to a mutable copy of its components (validated again). */
    private TrainingParameters copy(java.util.function.Consumer<Components> change) {
        Components c = new Components(this);
        change.accept(c);
        return c.build();
    }

    /** The components as mutable fields: one place that lists them all, for the {@code with…} methods. */
    private static final class Components {
        boolean multimodal;
        int dimension;
        int layers;
        int itemItemLayers;
        double learningRate;
        double l2;
        int batchSize;
        int maxEpochs;
        int patience;
        int evalEvery;
        int threads;
        long seed;
        int knnK;
        List<Double> modalityWeights;
        double edgeDropout;
        double alignWeight;
        Path checkpoint;
        int checkpointEvery;
        int cutoff;
        int validationUsers;
        boolean warmStart;
        double itemGraphShrink;

        Components(TrainingParameters p) {
            multimodal = p.multimodal;
            dimension = p.dimension;
            layers = p.layers;
            itemItemLayers = p.itemItemLayers;
            learningRate = p.learningRate;
            l2 = p.l2;
            batchSize = p.batchSize;
            maxEpochs = p.maxEpochs;
            patience = p.patience;
            evalEvery = p.evalEvery;
            threads = p.threads;
            seed = p.seed;
            knnK = p.knnK;
            modalityWeights = p.modalityWeights;
            edgeDropout = p.edgeDropout;
            alignWeight = p.alignWeight;
            checkpoint = p.checkpoint;
            checkpointEvery = p.checkpointEvery;
            cutoff = p.cutoff;
            validationUsers = p.validationUsers;
            warmStart = p.warmStart;
            itemGraphShrink = p.itemGraphShrink;
        }

        TrainingParameters build() {
            return new TrainingParameters(multimodal, dimension, layers, itemItemLayers, learningRate, l2, batchSize,
                    maxEpochs, patience, evalEvery, threads, seed, knnK, modalityWeights, edgeDropout, alignWeight,
                    checkpoint, checkpointEvery, cutoff, validationUsers, warmStart, itemGraphShrink);
        }
    }

    /**
     * The settings that determine the trajectory of training; a checkpoint only resumes under the same
     * fingerprint. Excludes maxEpochs, patience, threads and checkpointing, which may change between runs.
     */
    public String fingerprint() {
        return String.format(Locale.ROOT, "%s d=%d K=%d Kii=%d lr=%s l2=%s batch=%d evalEvery=%d seed=%d knn=%d "
                        + "weights=%s dropout=%s align=%s cutoff=%d validUsers=%d warmStart=%s shrink=%s",
                multimodal ? "MULTIMODAL" : "LIGHTGCN", dimension,
                layers, itemItemLayers, learningRate, l2, batchSize, evalEvery, seed, knnK, modalityWeights, edgeDropout,
                alignWeight, cutoff, validationUsers, warmStart, itemGraphShrink);
    }
}
