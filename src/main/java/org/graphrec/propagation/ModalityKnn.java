package org.graphrec.propagation;
import org.graphrec.core.Csr;
import org.graphrec.core.ExactKnn;
import org.graphrec.core.Parallel;
import org.graphrec.core.ModalityMatrix;

import org.graphrec.progress.ProgressTracker;

/**
 * The modality kNN graphs of the closed form and their {@code SIMILAR} relationships: exact top-k cosine neighbours
 * of every item in one modality by the core's {@link ExactKnn} (the item itself excluded; items without a vector get
 * no neighbours), written to the graph with their version by {@code versions.SimilarGraph}.
 */
public final class ModalityKnn {

    private final KnnParameters parameters;
    private final ProgressTracker progress;

    public ModalityKnn(KnnParameters parameters, ProgressTracker progress) {
        this.parameters = parameters;
        this.progress = progress;
    }

    /** The neighbour lists of one modality. */
    public record Result(String modality, Csr neighbours) {

        /** Rank {@code r} (0 = best) neighbour of {@code item}: targets are stored in rank order. */
        public int neighbour(int item, int r) {
            return neighbours.targets()[neighbours.offsets()[item] + r];
        }
    }

    /**
     * Computes the neighbours ({@link ExactKnn}, the item itself excluded). The returned CSR rows are in rank order
     * (best first), not sorted by column; weights are the cosine similarities.
     */
    public Result compute(ModalityMatrix modality) {
        Csr neighbours = new ExactKnn(parameters.k(), parameters.blockRows(), false, Parallel.shared(), progress)
                .compute(modality);
        return new Result(modality.name(), neighbours);
    }
}
