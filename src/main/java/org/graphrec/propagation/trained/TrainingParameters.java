package org.graphrec.propagation.trained;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Validated settings of a trained propagation run. Build from {@link #lightGcn()} or {@link #multimodal()} and
 * adjust with the {@code with…} methods.
 *
 * @param mode            {@link Mode#LIGHTGCN} (baseline) or {@link Mode#MULTIMODAL} (FREEDOM-style)
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
 */
public record TrainingParameters(Mode mode, int dimension, int layers, int itemItemLayers, double learningRate,
                                 double l2, int batchSize, int maxEpochs, int patience, int evalEvery, int threads,
                                 long seed, int knnK, List<Double> modalityWeights, double edgeDropout,
                                 double alignWeight, Path checkpoint, int checkpointEvery, int cutoff,
                                 int validationUsers, boolean warmStart) {

    /** Which model is trained. */
    public enum Mode {
        /** LightGCN over the user–item graph only (He et al. 2020). */
        LIGHTGCN,
        /** LightGCN plus frozen modality item–item graphs, edge pruning and feature alignment (FREEDOM). */
        MULTIMODAL
    }

    public TrainingParameters {
        require(mode != null, "mode must be given");
        require(dimension > 0, "dimension must be positive, got " + dimension);
        require(layers >= 0, "layers must not be negative, got " + layers);
        require(itemItemLayers >= 0, "itemItemLayers must not be negative, got " + itemItemLayers);
        require(learningRate > 0, "learningRate must be positive, got " + learningRate);
        require(l2 >= 0, "l2 must not be negative, got " + l2);
        require(batchSize > 0, "batchSize must be positive, got " + batchSize);
        require(maxEpochs >= 0, "maxEpochs must not be negative, got " + maxEpochs);
        require(patience > 0, "patience must be positive, got " + patience);
        require(evalEvery > 0, "evalEvery must be positive, got " + evalEvery);
        require(threads > 0, "threads must be positive, got " + threads);
        require(knnK > 0, "knnK must be positive, got " + knnK);
        modalityWeights = List.copyOf(modalityWeights);
        require(modalityWeights.stream().allMatch(w -> w >= 0), "modality weights must not be negative");
        require(edgeDropout >= 0 && edgeDropout < 1, "edgeDropout must be in [0, 1), got " + edgeDropout);
        require(alignWeight >= 0, "alignWeight must not be negative, got " + alignWeight);
        require(checkpointEvery > 0, "checkpointEvery must be positive, got " + checkpointEvery);
        require(cutoff > 0, "cutoff must be positive, got " + cutoff);
        require(validationUsers >= 0, "validationUsers must not be negative, got " + validationUsers);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** LightGCN as published: d 64, 3 layers, L2 1e-4, Adam 1e-3, batch 2048, patience 20, seed 42. */
    public static TrainingParameters lightGcn() {
        return new TrainingParameters(Mode.LIGHTGCN, 64, 3, 0, 1e-3, 1e-4, 2048, 1000, 20, 1, 2, 42L, 10,
                List.of(), 0.0, 0.0, null, 10, 20, 0, false);
    }

    /**
     * The FREEDOM recipe: d 64, 2 user–item layers, 1 item–item layer, kNN k 10, 80 % degree-sensitive edge
     * pruning, alignment weight 0.01, no L2 (FREEDOM's reg_weight is the alignment weight).
     */
    public static TrainingParameters multimodal() {
        return new TrainingParameters(Mode.MULTIMODAL, 64, 2, 1, 1e-3, 0.0, 2048, 1000, 20, 1, 2, 42L, 10,
                List.of(), 0.8, 0.01, null, 10, 20, 0, false);
    }

    public TrainingParameters withMaxEpochs(int value) {
        return new TrainingParameters(mode, dimension, layers, itemItemLayers, learningRate, l2, batchSize, value,
                patience, evalEvery, threads, seed, knnK, modalityWeights, edgeDropout, alignWeight, checkpoint,
                checkpointEvery, cutoff, validationUsers, warmStart);
    }

    public TrainingParameters withPatience(int value) {
        return new TrainingParameters(mode, dimension, layers, itemItemLayers, learningRate, l2, batchSize,
                maxEpochs, value, evalEvery, threads, seed, knnK, modalityWeights, edgeDropout, alignWeight,
                checkpoint, checkpointEvery, cutoff, validationUsers, warmStart);
    }

    public TrainingParameters withEvalEvery(int value) {
        return new TrainingParameters(mode, dimension, layers, itemItemLayers, learningRate, l2, batchSize,
                maxEpochs, patience, value, threads, seed, knnK, modalityWeights, edgeDropout, alignWeight,
                checkpoint, checkpointEvery, cutoff, validationUsers, warmStart);
    }

    public TrainingParameters withThreads(int value) {
        return new TrainingParameters(mode, dimension, layers, itemItemLayers, learningRate, l2, batchSize,
                maxEpochs, patience, evalEvery, value, seed, knnK, modalityWeights, edgeDropout, alignWeight,
                checkpoint, checkpointEvery, cutoff, validationUsers, warmStart);
    }

    public TrainingParameters withSeed(long value) {
        return new TrainingParameters(mode, dimension, layers, itemItemLayers, learningRate, l2, batchSize,
                maxEpochs, patience, evalEvery, threads, value, knnK, modalityWeights, edgeDropout, alignWeight,
                checkpoint, checkpointEvery, cutoff, validationUsers, warmStart);
    }

    public TrainingParameters withDimension(int value) {
        return new TrainingParameters(mode, value, layers, itemItemLayers, learningRate, l2, batchSize, maxEpochs,
                patience, evalEvery, threads, seed, knnK, modalityWeights, edgeDropout, alignWeight, checkpoint,
                checkpointEvery, cutoff, validationUsers, warmStart);
    }

    public TrainingParameters withLayers(int value) {
        return new TrainingParameters(mode, dimension, value, itemItemLayers, learningRate, l2, batchSize, maxEpochs,
                patience, evalEvery, threads, seed, knnK, modalityWeights, edgeDropout, alignWeight, checkpoint,
                checkpointEvery, cutoff, validationUsers, warmStart);
    }

    public TrainingParameters withItemItemLayers(int value) {
        return new TrainingParameters(mode, dimension, layers, value, learningRate, l2, batchSize, maxEpochs,
                patience, evalEvery, threads, seed, knnK, modalityWeights, edgeDropout, alignWeight, checkpoint,
                checkpointEvery, cutoff, validationUsers, warmStart);
    }

    public TrainingParameters withLearningRate(double value) {
        return new TrainingParameters(mode, dimension, layers, itemItemLayers, value, l2, batchSize, maxEpochs,
                patience, evalEvery, threads, seed, knnK, modalityWeights, edgeDropout, alignWeight, checkpoint,
                checkpointEvery, cutoff, validationUsers, warmStart);
    }

    public TrainingParameters withL2(double value) {
        return new TrainingParameters(mode, dimension, layers, itemItemLayers, learningRate, value, batchSize,
                maxEpochs, patience, evalEvery, threads, seed, knnK, modalityWeights, edgeDropout, alignWeight,
                checkpoint, checkpointEvery, cutoff, validationUsers, warmStart);
    }

    public TrainingParameters withBatchSize(int value) {
        return new TrainingParameters(mode, dimension, layers, itemItemLayers, learningRate, l2, value, maxEpochs,
                patience, evalEvery, threads, seed, knnK, modalityWeights, edgeDropout, alignWeight, checkpoint,
                checkpointEvery, cutoff, validationUsers, warmStart);
    }

    public TrainingParameters withKnnK(int value) {
        return new TrainingParameters(mode, dimension, layers, itemItemLayers, learningRate, l2, batchSize,
                maxEpochs, patience, evalEvery, threads, seed, value, modalityWeights, edgeDropout, alignWeight,
                checkpoint, checkpointEvery, cutoff, validationUsers, warmStart);
    }

    public TrainingParameters withModalityWeights(List<Double> value) {
        return new TrainingParameters(mode, dimension, layers, itemItemLayers, learningRate, l2, batchSize,
                maxEpochs, patience, evalEvery, threads, seed, knnK, value, edgeDropout, alignWeight, checkpoint,
                checkpointEvery, cutoff, validationUsers, warmStart);
    }

    public TrainingParameters withEdgeDropout(double value) {
        return new TrainingParameters(mode, dimension, layers, itemItemLayers, learningRate, l2, batchSize,
                maxEpochs, patience, evalEvery, threads, seed, knnK, modalityWeights, value, alignWeight, checkpoint,
                checkpointEvery, cutoff, validationUsers, warmStart);
    }

    public TrainingParameters withAlignWeight(double value) {
        return new TrainingParameters(mode, dimension, layers, itemItemLayers, learningRate, l2, batchSize,
                maxEpochs, patience, evalEvery, threads, seed, knnK, modalityWeights, edgeDropout, value, checkpoint,
                checkpointEvery, cutoff, validationUsers, warmStart);
    }

    public TrainingParameters withCutoff(int value) {
        return new TrainingParameters(mode, dimension, layers, itemItemLayers, learningRate, l2, batchSize,
                maxEpochs, patience, evalEvery, threads, seed, knnK, modalityWeights, edgeDropout, alignWeight,
                checkpoint, checkpointEvery, value, validationUsers, warmStart);
    }

    public TrainingParameters withValidationUsers(int value) {
        return new TrainingParameters(mode, dimension, layers, itemItemLayers, learningRate, l2, batchSize,
                maxEpochs, patience, evalEvery, threads, seed, knnK, modalityWeights, edgeDropout, alignWeight,
                checkpoint, checkpointEvery, cutoff, value, warmStart);
    }

    public TrainingParameters withWarmStart(boolean value) {
        return new TrainingParameters(mode, dimension, layers, itemItemLayers, learningRate, l2, batchSize,
                maxEpochs, patience, evalEvery, threads, seed, knnK, modalityWeights, edgeDropout, alignWeight,
                checkpoint, checkpointEvery, cutoff, validationUsers, value);
    }

    public TrainingParameters withCheckpoint(Path file, int every) {
        return new TrainingParameters(mode, dimension, layers, itemItemLayers, learningRate, l2, batchSize,
                maxEpochs, patience, evalEvery, threads, seed, knnK, modalityWeights, edgeDropout, alignWeight, file,
                every, cutoff, validationUsers, warmStart);
    }

    /**
     * The settings that determine the trajectory of training; a checkpoint only resumes under the same
     * fingerprint. Excludes maxEpochs, patience, threads and checkpointing, which may change between runs.
     */
    public String fingerprint() {
        return String.format(Locale.ROOT, "%s d=%d K=%d Kii=%d lr=%s l2=%s batch=%d evalEvery=%d seed=%d knn=%d "
                        + "weights=%s dropout=%s align=%s cutoff=%d validUsers=%d warmStart=%s", mode, dimension,
                layers, itemItemLayers, learningRate, l2, batchSize, evalEvery, seed, knnK, modalityWeights, edgeDropout,
                alignWeight, cutoff, validationUsers, warmStart);
    }
}
