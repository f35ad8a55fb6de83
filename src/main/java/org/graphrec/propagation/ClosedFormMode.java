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
            parts.add(MemoryEstimate.of("kNN " + m.name(), knnParameters(p).memoryEstimate(g.items(),
                    m.dimension()) + (long) g.items() * (p.k() + 1) * 8));
        }
        parts.add(MemoryEstimate.of("spectral working set", ClosedFormPropagation.memoryEstimate(g,
                parameters(g, p), Map.of())));
        return MemoryEstimate.sum("closed form", parts);
    }

    @Override
    public Fitted fit(InteractionGraph g, PropagateParameters p, Context context) {
        ClosedFormParameters cf = parameters(g, p);
        KnnGraphs knn = context.timed("knn", () -> neighbours(g, p, context.progress(), context));
        ClosedFormPropagation.Result result = context.timed("propagate",
                () -> new ClosedFormPropagation(cf, context.progress()).compute(g, knn.lists()));
        Map<String, Object> parameters = PropagationAlgorithm.runParameters(p.mode().label(), p.k());
        parameters.putAll(knn.record());
        parameters.putAll(cf.asMap());
        Map<String, ModalityMatrix> used = new LinkedHashMap<>();
        g.modalities().forEach(m -> used.put(m.name(), m));
        return new Fitted(new DotProductScorer(result.model()), result.model(), parameters, used, knn.note());
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

    /** The kNN settings of a run: its k, {@code --knn} method and the closed form's seed (42 without one). */
    static KnnParameters knnParameters(PropagateParameters p) {
        return KnnParameters.of(p.k(), p.knn(), p.closedForm() != null ? p.closedForm().seed() : 42);
    }

    /**
     * The modality kNN graphs of a run.
     *
     * @param lists  the neighbour lists by modality
     * @param record what the run records: {@code knn} (the option), {@code knnMethod.<modality>} (exact or approx)
     *               and, for approx, {@code knnRecall@k.<modality>} with the size of its sample
     *               ({@code knnRecallSample.<modality>})
     * @param note   the run's note when a modality's kNN was approximate (its recall against exact), else null
     */
    record KnnGraphs(Map<String, Csr> lists, Map<String, Object> record, String note) {
    }

    /**
     * The kNN lists of every loaded modality ({@code --knn}); each is handed to the context's {@code SIMILAR} writer
     * when a context is given.
     */
    static KnnGraphs neighbours(InteractionGraph g, PropagateParameters p, ProgressTracker progress, Context context) {
        Map<String, Csr> knn = new HashMap<>();
        Map<String, Object> record = new LinkedHashMap<>();
        StringBuilder note = new StringBuilder();
        record.put("knn", p.knn().label());
        for (ModalityMatrix m : g.modalities()) {
            ModalityKnn.Result r = new ModalityKnn(knnParameters(p), progress).compute(m);
            knn.put(m.name(), r.neighbours());
            record.put("knnMethod." + m.name(), r.method().label());
            if (r.method() == KnnMethod.APPROX) {
                record.put("knnRecall@" + p.k() + "." + m.name(), r.recall());
                record.put("knnRecallSample." + m.name(), r.sampled());
                note.append(note.isEmpty() ? "approximate kNN (Lucene HNSW): " : "; ").append(String.format(
                        java.util.Locale.ROOT, "%s recall@%d vs exact %.4f on %d sampled items", m.name(), p.k(),
                        r.recall(), r.sampled())).append(r.advice());
            }
            if (context != null) {
                context.similarWriter().accept(r);
            }
        }
        return new KnnGraphs(knn, record, note.isEmpty() ? null : note.toString());
    }
}
