package org.graphrec.propagation.trained;

import org.graphrec.core.FactorModel;

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

    /** The embeddings as a row-major factor model (the same dense ids as the graph trained on). */
    public FactorModel model() {
        int users = userEmbeddings.length;
        int items = itemEmbeddings.length;
        int d = users > 0 ? userEmbeddings[0].length : items > 0 ? itemEmbeddings[0].length : 0;
        float[] u = new float[users * d];
        float[] v = new float[items * d];
        for (int i = 0; i < users; i++) {
            System.arraycopy(userEmbeddings[i], 0, u, i * d, d);
        }
        for (int i = 0; i < items; i++) {
            System.arraycopy(itemEmbeddings[i], 0, v, i * d, d);
        }
        return new FactorModel(d, users, items, u, v);
    }
}
