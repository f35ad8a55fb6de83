package org.graphrec.propagation;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.graphrec.core.FactorModel;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.MemoryEstimate;
import org.graphrec.core.ModalityMatrix;
import org.graphrec.eval.Scorer;
import org.graphrec.progress.ProgressTracker;

/**
 * One propagation mode, in the spirit of Neo4j GDS's algorithm packages: the validated {@link PropagateParameters}
 * go in, the mode says what it needs loaded and how much heap it will take (a {@link MemoryEstimate} checked before
 * the run), and {@link #fit} returns a {@link Fitted} model whose scorer the shared evaluator ranks by and whose
 * factor model (if any) is written back as a version. {@link PropagateParameters.Mode} is the registry: every mode
 * names its implementation there. A new mode is one class implementing this and one entry in that enum.
 */
public interface PropagationAlgorithm {

    /**
     * What the loader must bring into memory for this run: by default the interactions only; a mode that reads
     * modality vectors, brands or categories says so.
     */
    default LoadOptions loadOptions(PropagateParameters p) {
        return LoadOptions.interactionsOnly();
    }

    /** The heap the mode needs beyond the loaded graph and the evaluation, as named parts. */
    MemoryEstimate memoryEstimate(InteractionGraph g, PropagateParameters p);

    /** Builds the model on the loaded graph. */
    Fitted fit(InteractionGraph g, PropagateParameters p, Context context);

    /**
     * Whether {@link #fit} applies {@link Context#finish} itself, to every model it compares, so that it chooses
     * among them as they will be published (mode auto); otherwise the service applies it once, to the fitted model.
     */
    default boolean finishesItsModels() {
        return false;
    }

    /**
     * What a mode may use while fitting.
     *
     * @param progress      progress and log lines
     * @param timings       stage name → seconds, in the order the stages ran (the mode adds its own stages)
     * @param similarWriter receives each modality's kNN lists to be written as {@code SIMILAR} relationships
     *                      (a no-op when the run writes nothing)
     * @param finish        the step every published model goes through after fitting (the cold-start mapping,
     *                      chosen on validation); the identity when the run has none
     */
    record Context(ProgressTracker progress, Map<String, Double> timings,
                   Consumer<ModalityKnn.Result> similarWriter, UnaryOperator<Fitted> finish) {

        /** A context without a post-fit step. */
        Context(ProgressTracker progress, Map<String, Double> timings, Consumer<ModalityKnn.Result> similarWriter) {
            this(progress, timings, similarWriter, UnaryOperator.identity());
        }

        /** Runs {@code work} and records its seconds under {@code stage} in {@link #timings}. */
        <T> T timed(String stage, java.util.function.Supplier<T> work) {
            long start = System.nanoTime();
            T result = work.get();
            timings.put(stage, seconds(start));
            return result;
        }
    }

    /**
     * A fitted model.
     *
     * @param scorer          ranks items for users (the evaluator's input)
     * @param model           the embeddings to write back; null for a mode without a fixed-dimension embedding
     *                        (item-kNN), which is then evaluated in-process on test as well
     * @param parameters      the settings recorded on the {@code (:PropagationRun)}
     * @param modalities      the modalities the model used (recorded with the version)
     * @param note            a line for the run summary, or null
     */
    record Fitted(Scorer scorer, FactorModel model, Map<String, Object> parameters,
                  Map<String, ModalityMatrix> modalities, String note) {
    }

    /**
     * The parameters every run records first, {@code mode} and {@code k}, in a map that keeps the order in which
     * the mode adds its own.
     */
    static Map<String, Object> runParameters(String mode, int k) {
        Map<String, Object> parameters = new java.util.LinkedHashMap<>();
        parameters.put("mode", mode);
        parameters.put("k", k);
        return parameters;
    }

    /** Seconds since {@code start} (a {@link System#nanoTime()} reading). */
    static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
