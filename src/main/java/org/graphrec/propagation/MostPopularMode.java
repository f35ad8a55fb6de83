package org.graphrec.propagation;

import java.util.Map;
import org.graphrec.core.FactorModel;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.MemoryEstimate;
import org.graphrec.eval.DotProductScorer;

/** Mode {@code mostpop}: every user gets the items ranked by train popularity ({@link MostPopular}). */
final class MostPopularMode implements PropagationAlgorithm {

    @Override
    public MemoryEstimate memoryEstimate(InteractionGraph g, PropagateParameters p) {
        return MemoryEstimate.of("popularity", 4L * (g.users() + g.items()));
    }

    @Override
    public Fitted fit(InteractionGraph g, PropagateParameters p, Context context) {
        FactorModel model = context.timed("propagate", () -> MostPopular.compute(g));
        Map<String, Object> parameters = PropagationAlgorithm.runParameters(p.mode().label(), p.k());
        return new Fitted(new DotProductScorer(model), model, parameters, Map.of(), null);
    }
}
