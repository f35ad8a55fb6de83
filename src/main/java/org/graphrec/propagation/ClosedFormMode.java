package org.graphrec.propagation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graphrec.core.Csr;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.MemoryEstimate;
import org.graphrec.core.ModalityMatrix;
import org.graphrec.eval.DotProductScorer;
import org.graphrec.progress.ProgressTracker;

/**
 * Mode {@code closed-form}: the modality kNN graphs ({@link ModalityKnn}, written as {@code SIMILAR}) and the
 * spectral graph filter over the user–item–modality–brand–category graph ({@link ClosedFormPropagation}).
 */
final class ClosedFormMode implements PropagationAlgorithm {

    @Override
    public LoadOptions loadOptions(PropagateParameters p) {
        ClosedFormParameters cf = p.closedForm();
        return new LoadOptions(p.modalityWeight() > 0 ? p.modalities() : List.of(), cf.brandWeight() > 0,
                cf.categoryWeight() > 0);
    }

    @Override
    public MemoryEstimate memoryEstimate(InteractionGraph g, PropagateParameters p) {
        List<MemoryEstimate> parts = new ArrayList<>();
        for (ModalityMatrix m : g.modalities()) {
            parts.add(MemoryEstimate.of("kNN " + m.name(), KnnParameters.of(p.k()).memoryEstimate(g.items(),
                    m.dimension()) + (long) g.items() * (p.k() + 1) * 8));
        }
        parts.add(MemoryEstimate.of("spectral working set", ClosedFormPropagation.memoryEstimate(g,
                parameters(g, p), Map.of())));
        return MemoryEstimate.sum("closed form", parts);
    }

    @Override
    public Fitted fit(InteractionGraph g, PropagateParameters p, Context context) {
        ClosedFormParameters cf = parameters(g, p);
        long t = System.nanoTime();
        Map<String, Csr> knn = neighbours(g, p.k(), context.progress(), context);
        context.timings().put("knn", PropagationAlgorithm.seconds(t));
        t = System.nanoTime();
        ClosedFormPropagation.Result result = new ClosedFormPropagation(cf, context.progress()).compute(g, knn);
        context.timings().put("propagate", PropagationAlgorithm.seconds(t));
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("mode", p.mode().label());
        parameters.put("k", p.k());
        parameters.putAll(cf.asMap());
        Map<String, ModalityMatrix> used = new LinkedHashMap<>();
        g.modalities().forEach(m -> used.put(m.name(), m));
        return new Fitted(new DotProductScorer(result.model()), result.model(), parameters, used, null);
    }

    /** The run's closed-form settings with one weight per loaded modality. */
    static ClosedFormParameters parameters(InteractionGraph g, PropagateParameters p) {
        return parameters(g, p.closedForm(), p.modalityWeight());
    }

    /** {@code base} with {@code modalityWeight} for every loaded modality. */
    static ClosedFormParameters parameters(InteractionGraph g, ClosedFormParameters base, double modalityWeight) {
        Map<String, Double> weights = new HashMap<>();
        for (ModalityMatrix m : g.modalities()) {
            weights.put(m.name(), modalityWeight);
        }
        return base.withModalityWeights(weights);
    }

    /**
     * The exact kNN lists of every loaded modality; each is handed to the context's {@code SIMILAR} writer when a
     * context is given.
     */
    static Map<String, Csr> neighbours(InteractionGraph g, int k, ProgressTracker progress, Context context) {
        Map<String, Csr> knn = new HashMap<>();
        for (ModalityMatrix m : g.modalities()) {
            ModalityKnn.Result r = new ModalityKnn(KnnParameters.of(k), progress).compute(m);
            knn.put(m.name(), r.neighbours());
            if (context != null) {
                context.similarWriter().accept(r);
            }
        }
        return knn;
    }
}
