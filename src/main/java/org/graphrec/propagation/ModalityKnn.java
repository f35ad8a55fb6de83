package org.graphrec.propagation;

import java.util.Locale;
import org.graphrec.core.Csr;
import org.graphrec.core.ExactKnn;
import org.graphrec.core.HnswKnn;
import org.graphrec.core.ModalityMatrix;
import org.graphrec.core.Parallel;
import org.graphrec.progress.ProgressTracker;

/**
 * The modality kNN graphs of the closed form and their {@code SIMILAR} relationships: top-k cosine neighbours of
 * every item in one modality (the item itself excluded; items without a vector get no neighbours), exact by the
 * core's {@link ExactKnn} or approximate by {@link HnswKnn} as {@link KnnParameters#method()} says — the approximate
 * path's recall@k against exact is measured on a seeded sample, logged and returned — written to the graph with
 * their version by {@code versions.SimilarGraph}.
 */
public final class ModalityKnn {

    private final KnnParameters parameters;
    private final ProgressTracker progress;

    public ModalityKnn(KnnParameters parameters, ProgressTracker progress) {
        this.parameters = parameters;
        this.progress = progress;
    }

    /**
     * The neighbour lists of one modality.
     *
     * @param method  the method used (exact or approx, never auto)
     * @param recall  approx: recall@k against exact on the sample; exact: 1
     * @param sampled approx: items in the recall sample; exact: 0
     */
    public record Result(String modality, Csr neighbours, KnnMethod method, double recall, int sampled) {

        /** An exact result. */
        public Result(String modality, Csr neighbours) {
            this(modality, neighbours, KnnMethod.EXACT, 1.0, 0);
        }

        /** Rank {@code r} (0 = best) neighbour of {@code item}: targets are stored in rank order. */
        public int neighbour(int item, int r) {
            return neighbours.targets()[neighbours.offsets()[item] + r];
        }

        /** One line for the run's output, e.g. {@code kNN image: approx (HNSW), recall@10 0.981 on 1000 items}. */
        public String describe(int k) {
            return method == KnnMethod.EXACT ? "kNN " + modality + ": exact"
                    : String.format(Locale.ROOT, "kNN %s: approx (Lucene HNSW, M=%d, beam %d, ef %d), recall@%d vs "
                    + "exact %.4f on %,d sampled items", modality, HnswKnn.DEFAULT_MAX_CONNECTIONS,
                    HnswKnn.DEFAULT_BEAM_WIDTH, HnswKnn.DEFAULT_EF_SEARCH, k, recall, sampled) + advice();
        }

        /**
         * What to do when the approximate lists' recall against exact is below {@link #LOW_RECALL} (empty
         * otherwise): the 10M run's image vectors gave 0.815 at 300,000 items.
         */
        public String advice() {
            return method == KnnMethod.APPROX && recall < LOW_RECALL
                    ? String.format(Locale.ROOT, " — below %.2f: `propagate --knn exact` computes the exact lists "
                    + "(time grows with the square of the items, see docs/scale.md \"kNN\")", LOW_RECALL) : "";
        }
    }

    /** The approximate kNN recall below which the run says how to get exact lists. */
    public static final double LOW_RECALL = 0.95;

    /**
     * Computes the neighbours (the item itself excluded). The returned CSR rows are in rank order (best first), not
     * sorted by column; weights are the cosine similarities.
     */
    public Result compute(ModalityMatrix modality) {
        KnnMethod method = parameters.method().resolve(modality.presentCount());
        Result result;
        if (method == KnnMethod.APPROX) {
            HnswKnn.Result r = new HnswKnn(parameters.k(), false, HnswKnn.Settings.defaults(parameters.seed()),
                    Parallel.shared(), progress).compute(modality);
            result = new Result(modality.name(), r.neighbours(), KnnMethod.APPROX, r.recall(), r.sampled());
        } else {
            Csr neighbours = new ExactKnn(parameters.k(), parameters.blockRows(), false, Parallel.shared(), progress)
                    .compute(modality);
            result = new Result(modality.name(), neighbours);
        }
        progress.log(result.describe(parameters.k()));
        return result;
    }
}
