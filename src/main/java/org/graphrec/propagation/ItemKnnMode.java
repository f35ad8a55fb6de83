package org.graphrec.propagation;

import java.util.Map;
import org.graphrec.core.CooccurrenceKnn;
import org.graphrec.core.Csr;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.MemoryEstimate;
import org.graphrec.core.Parallel;
import org.graphrec.eval.ItemSimilarityScorer;

/**
 * Mode {@code itemknn}: item-based collaborative filtering ({@link ItemKnn}). It has no fixed-dimension embedding,
 * so it is evaluated in-process and nothing is written.
 */
final class ItemKnnMode implements PropagationAlgorithm {

    @Override
    public MemoryEstimate memoryEstimate(InteractionGraph g, PropagateParameters p) {
        return MemoryEstimate.of("item similarities", CooccurrenceKnn.memoryEstimate(g.items(), p.k(),
                Parallel.shared().threads()));
    }

    @Override
    public Fitted fit(InteractionGraph g, PropagateParameters p, Context context) {
        Csr sims = context.timed("propagate",
                () -> new ItemKnn(p.k(), p.shrink(), context.progress()).similarities(g));
        Map<String, Object> parameters = PropagationAlgorithm.runParameters(p.mode().label(), p.k());
        parameters.put("shrink", p.shrink());
        return new Fitted(new ItemSimilarityScorer(g.train(), sims), null, parameters, Map.of(),
                "item-kNN has no fixed-dimension embedding: it was evaluated in-process (validation and test below) "
                        + "and nothing was written to the graph");
    }
}
