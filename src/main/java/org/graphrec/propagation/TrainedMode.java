package org.graphrec.propagation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.graphrec.config.UserException;
import org.graphrec.core.FactorModel;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.MemoryEstimate;
import org.graphrec.core.ModalityMatrix;
import org.graphrec.eval.DotProductScorer;
import org.graphrec.propagation.trained.TrainedPropagation;
import org.graphrec.propagation.trained.TrainingParameters;
import org.graphrec.propagation.trained.TrainingResult;

/**
 * Modes {@code lightgcn} and {@code trained}: BPR-trained propagation ({@link TrainedPropagation}), LightGCN over
 * the user–item graph or FREEDOM-style with frozen modality / brand / category item graphs, optionally warm-started
 * from the closed-form solution, early-stopped on validation; the best validation epoch is written back.
 */
final class TrainedMode implements PropagationAlgorithm {

    @Override
    public LoadOptions loadOptions(PropagateParameters p) {
        boolean multimodal = p.training().multimodal();
        // brand/category memberships feed the trained mode's item–item graph, and the closed form of a warm start
        boolean groups = multimodal || p.training().warmStart();
        ClosedFormParameters cf = p.closedForm();
        return new LoadOptions(multimodal ? p.modalities() : List.of(), groups && cf.brandWeight() > 0,
                groups && cf.categoryWeight() > 0);
    }

    @Override
    public MemoryEstimate memoryEstimate(InteractionGraph g, PropagateParameters p) {
        return MemoryEstimate.of("training state", TrainedPropagation.memoryEstimate(g, training(p)));
    }

    @Override
    public Fitted fit(InteractionGraph g, PropagateParameters p, Context context) {
        return fit(g, p, context, () -> false);
    }

    /**
     * As {@link #fit(InteractionGraph, PropagateParameters, Context)}, asking {@code stop} after every epoch (the
     * time budget of mode auto): when it says true, training ends with the best validation epoch so far.
     */
    Fitted fit(InteractionGraph g, PropagateParameters p, Context context, java.util.function.BooleanSupplier stop) {
        TrainingParameters tp = training(p);
        long t = System.nanoTime();
        TrainedPropagation training = new TrainedPropagation(g, tp, context.progress());
        if (tp.multimodal() && p.closedForm() != null) {
            training.withItemGroups(p.closedForm().brandWeight(), p.closedForm().categoryWeight());
        }
        if (tp.warmStart()) {
            FactorModel initial = warmStart(g, p, tp.dimension(), context);
            training.warmStartedFrom(initial.userVectors(), initial.itemVectors());
            context.timings().put("warmStart", PropagationAlgorithm.seconds(t));
            t = System.nanoTime();
        }
        TrainingResult result;
        try {
            result = training.train(stop);
        } catch (java.io.UncheckedIOException | IllegalArgumentException e) {
            if (tp.checkpoint() == null) {
                throw e;
            }
            // a checkpoint from other settings or an unreadable/unwritable file is the user's to fix
            throw new UserException("--checkpoint: " + e.getMessage().replace('\n', ' ')
                    + " (delete the file or choose another)");
        }
        context.timings().put("propagate", PropagationAlgorithm.seconds(t));
        double meanEpoch = result.meanEpochSeconds();
        if (!Double.isNaN(meanEpoch)) {
            context.timings().put("epochMean", meanEpoch);
        }
        FactorModel model = result.model();
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("mode", p.mode().label());
        parameters.put("k", p.k());
        parameters.putAll(asMap(tp));
        parameters.put("bestEpoch", result.bestEpoch());
        parameters.put("epochsRun", result.epochsRun());
        parameters.put("stoppedEarly", result.stoppedEarly());
        Map<String, ModalityMatrix> used = new LinkedHashMap<>();
        if (tp.multimodal()) {
            g.modalities().forEach(m -> used.put(m.name(), m));
        }
        return new Fitted(new DotProductScorer(model), model, parameters, used, String.format(Locale.ROOT,
                "embeddings of the best validation epoch %d of %d%s", result.bestEpoch(), result.epochsRun(),
                result.stoppedEarly() ? " (stopped early)" : ""));
    }

    /** The run's training settings with its validation sample. */
    private static TrainingParameters training(PropagateParameters p) {
        return p.training().withValidationUsers(p.validationUsers());
    }

    /**
     * The closed-form solution at dimension {@code d} (the warm start of a trained run): the same modality kNN
     * graphs and brand/category weights as mode closed-form, nothing written.
     */
    private static FactorModel warmStart(InteractionGraph g, PropagateParameters p, int d, Context context) {
        ClosedFormParameters base = p.closedForm() != null ? p.closedForm() : ClosedFormParameters.defaults(d);
        ClosedFormParameters cf = ClosedFormMode.parameters(g, base.withDimension(d), p.modalityWeight());
        context.progress().log("warm start: closed-form solution at d = " + d);
        return new ClosedFormPropagation(cf, context.progress())
                .compute(g, ClosedFormMode.neighbours(g, p, context.progress(), null).lists()).model();
    }

    /** The training settings recorded on the PropagationRun (checkpoint path and threads are not). */
    static Map<String, Object> asMap(TrainingParameters tp) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dimension", tp.dimension());
        m.put("layers", tp.layers());
        m.put("itemItemLayers", tp.itemItemLayers());
        m.put("learningRate", tp.learningRate());
        m.put("l2", tp.l2());
        m.put("batchSize", tp.batchSize());
        m.put("maxEpochs", tp.maxEpochs());
        m.put("patience", tp.patience());
        m.put("evalEvery", tp.evalEvery());
        m.put("seed", tp.seed());
        m.put("knnK", tp.knnK());
        m.put("edgeDropout", tp.edgeDropout());
        m.put("alignWeight", tp.alignWeight());
        m.put("cutoff", tp.cutoff());
        m.put("validationUsers", tp.validationUsers());
        m.put("warmStart", tp.warmStart());
        m.put("itemGraphShrink", tp.itemGraphShrink());
        return m;
    }
}
