package org.graphrec.propagation.trained;

import java.util.List;

/**
 * The embeddings of the best validation epoch (score of user u for item i = dot(userEmbeddings[u],
 * itemEmbeddings[i])), with the training history.
 *
 * @param bestEpoch       epoch whose embeddings these are (0 = untrained initialisation)
 * @param epochsRun       epochs completed in total, including those before a resume
 * @param bestValidRecall validation Recall@cutoff at the best epoch
 * @param seconds         wall seconds of this call (a resumed run counts only its own part)
 * @param stoppedEarly    whether patience ran out before maxEpochs
 */
public record TrainingResult(float[][] userEmbeddings, float[][] itemEmbeddings, int bestEpoch, int epochsRun,
                             double bestValidRecall, double bestValidNdcg, List<EpochStats> epochs, double seconds,
                             boolean stoppedEarly) {

    /** Mean training seconds per epoch over the recorded epochs (NaN when none). */
    public double meanEpochSeconds() {
        return epochs.stream().mapToDouble(EpochStats::trainSeconds).average().orElse(Double.NaN);
    }
}
