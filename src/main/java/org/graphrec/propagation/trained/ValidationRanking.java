package org.graphrec.propagation.trained;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.graphrec.core.FactorModel;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.InteractionGraph.Split;
import org.graphrec.core.Parallel;
import org.graphrec.eval.DotProductScorer;
import org.graphrec.eval.EvaluationParameters;
import org.graphrec.eval.EvaluationResult;
import org.graphrec.eval.Evaluator;
import org.graphrec.eval.Ndcg;
import org.graphrec.eval.Recall;
import org.graphrec.progress.ProgressTracker;

/**
 * Early stopping's validation: Recall and NDCG at the cutoff by the shared {@link Evaluator} (MMRec protocol, train
 * items masked) on all validation users or a seeded sample fixed for the run (the evaluator's sampler, the same
 * users {@code evaluate} would sample), ranked on the training's own workers.
 */
final class ValidationRanking {

    private final Evaluator evaluator;
    private final int sampleSize;
    private final int cutoff;
    private final int users;
    private final int items;
    private final int d;

    ValidationRanking(InteractionGraph graph, TrainingParameters params, Parallel parallel,
                      ProgressTracker progress) {
        this.users = graph.users();
        this.items = graph.items();
        this.d = params.dimension();
        this.cutoff = params.cutoff();
        int eligible = (int) IntStream.range(0, users).filter(u -> graph.valid().degree(u) > 0).count();
        EvaluationParameters parameters = new EvaluationParameters(Split.VALID, new int[] {cutoff},
                parallel.threads(), params.validationUsers(), params.seed());
        this.evaluator = new Evaluator(graph.train(), graph.valid(), parameters, progress).withParallel(parallel);
        this.sampleSize = params.validationUsers() > 0 ? Math.min(params.validationUsers(), eligible) : eligible;
    }

    /** How many users each evaluation ranks. */
    int sampleSize() {
        return sampleSize;
    }

    /** The metrics of the final rows (users then items, row-major). */
    EvaluationResult evaluate(float[] finalRows) {
        FactorModel rows = new FactorModel(d, users, items, Arrays.copyOfRange(finalRows, 0, users * d),
                Arrays.copyOfRange(finalRows, users * d, (users + items) * d));
        return evaluator.evaluate(new DotProductScorer(rows), List.of(new Recall(cutoff), new Ndcg(cutoff)),
                List.of());
    }
}
