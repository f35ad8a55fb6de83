package org.graphrec.propagation.trained;

/**
 * One training epoch: mean BPR loss over its batches, validation metrics (NaN when the epoch was not
 * evaluated), and wall seconds spent training and evaluating.
 */
public record EpochStats(int epoch, double loss, double validRecall, double validNdcg, double trainSeconds,
                         double evalSeconds) {

    public boolean evaluated() {
        return !Double.isNaN(validRecall);
    }
}
