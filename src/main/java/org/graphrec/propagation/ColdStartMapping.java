package org.graphrec.propagation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.graphrec.core.FactorModel;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.ModalityMatrix;
import org.graphrec.core.RidgeRegression;
import org.graphrec.progress.ProgressTracker;

/**
 * Embeddings for cold-start items (items with a modality vector but no train interaction) from their modalities, the
 * post-fit step every mode with a {@link FactorModel} gets: a ridge regression ({@link RidgeRegression}) from the
 * item's modality features (each modality L2-normalised, concatenated; zeros for a missing modality) to the final item
 * embeddings of the warm items, applied to the cold items only — warm rows are never changed. The predicted rows are
 * then calibrated: rescaled to the {@code q}-quantile of the warm items' row norms, or left as predicted ("off").
 * Both are chosen on validation in two stages: λ (relative to the mean eigenvalue of the centred feature Gram matrix)
 * by how well the cold validation items rank among the cold items (rows at one common norm: the direction alone),
 * then q by the {@link Objective}: the best cold recall among all items over the calibrations whose overall validation
 * Recall@20 is within a stated tolerance of the best one (the model as the mode produced it competes too).
 * Deterministic: nothing is sampled.
 */
public final class ColdStartMapping {

    /** The λ grid, in units of the mean eigenvalue of the centred feature Gram matrix. */
    static final double[] RELATIVE_LAMBDAS = {0.001, 0.01, 0.1, 1, 10};
    /** The calibration grid: NaN = off (rows as predicted), else the warm-norm quantile the rows are scaled to. */
    static final double[] QUANTILES = {Double.NaN, 0.5, 0.75, 0.9, 0.93, 0.95, 0.96, 0.97, 0.975, 0.98, 0.985, 0.99,
        0.995, 1};

    private ColdStartMapping() {
    }

    /**
     * What was chosen.
     *
     * @param status         {@code ridge} (the mapping is applied), {@code kept} (validation preferred the mode's own
     *                       rows) or {@code off: reason} (nothing to map)
     * @param coldItems      items the mapping applies to
     * @param warmItems      items it was fitted on
     * @param relativeLambda λ / mean eigenvalue of the chosen candidate (NaN unless applied)
     * @param quantile       the calibration quantile (NaN = off, or not applied)
     * @param validation     the callback's score of the published model (null when nothing was evaluated)
     * @param baseline       the callback's score of the mode's own model (null when nothing was evaluated)
     * @param objective      the objective the calibration was chosen by (null when nothing was evaluated)
     * @param bestRecall     the best overall validation recall of the calibrations (NaN when nothing was evaluated)
     * @param threshold      the overall validation recall a calibration needed to be eligible (NaN likewise)
     * @param candidates     label → validation score of every candidate, in the order tried
     */
    public record Choice(String status, int coldItems, int warmItems, double relativeLambda, double quantile,
                         Score validation, Score baseline, Objective objective, double bestRecall,
                         double threshold, Map<String, Score> candidates) {

        public boolean applied() {
            return "ridge".equals(status);
        }

        /** The settings recorded on the {@code (:PropagationRun)}. */
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("coldStart", status);
            m.put("coldStartItems", coldItems);
            if (applied()) {
                m.put("coldStartLambda", relativeLambda);
                m.put("coldStartQuantile", Double.isNaN(quantile) ? "off" : quantile);
            }
            if (validation != null) {
                m.put("coldStartTolerance", objective.standardErrors());
                m.put("coldStartBestRecall", bestRecall);
                m.put("coldStartRecallThreshold", threshold);
                m.put("coldStartValidation", validation.recall());
                m.put("coldStartBaselineValidation", baseline.recall());
                m.put("coldStartColdRecall", validation.coldRecall());
                m.put("coldStartBaselineColdRecall", baseline.coldRecall());
            }
            return m;
        }

        /** One line for the run summary. */
        public String describe() {
            if (status.startsWith("off")) {
                return "cold-start mapping " + status;
            }
            String head = String.format(Locale.ROOT, "cold-start mapping for %,d cold items (ridge on %,d warm): ",
                    coldItems, warmItems);
            String rows = applied() ? String.format(Locale.ROOT, "λ = %s × mean eigenvalue, calibration %s",
                    relativeLambda, Double.isNaN(quantile) ? "off" : "warm-norm quantile " + quantile)
                    : "kept the mode's rows";
            return head + rows + String.format(Locale.ROOT, ", validation recall@20 %.4f (without: %.4f), cold "
                    + "recall@20 among all items %.4f (without: %.4f), chosen as the best cold recall with recall@20 "
                    + "≥ %.4f (%s)", validation.recall(), baseline.recall(), validation.coldRecall(),
                    baseline.coldRecall(), threshold, objective.describe(bestRecall));
        }
    }

    /**
     * What the calibration is chosen by: the highest validation cold recall among all items over the calibrations
     * (the mode's own rows included) whose overall validation Recall@20 is at least
     * {@code max(best − standardErrors × sqrt(best (1 − best) / interactions), floor)}, never above {@code best},
     * the best overall recall of them; ties go to the higher overall recall, then the better cold-only ranking, then
     * the earlier candidate. {@code sqrt(R (1 − R) / n)} is the binomial standard error of a recall measured on
     * {@code n} validation interactions, so one standard error is the rule "within the validation set's noise, serve
     * new items"; 0 chooses by overall recall alone.
     *
     * @param standardErrors the tolerance, in standard errors (≥ 0)
     * @param interactions   validation interactions the recall is measured on (0 = no tolerance)
     * @param floor          an overall recall the published model must keep in any case (e.g. the best other
     *                       candidate's), 0 for none
     */
    public record Objective(double standardErrors, long interactions, double floor) {

        public Objective {
            if (!(standardErrors >= 0) || Double.isInfinite(standardErrors) || interactions < 0) {
                throw new IllegalArgumentException("tolerance " + standardErrors + " standard errors on "
                        + interactions + " interactions");
            }
        }

        /** Overall recall only (ties to the better cold recall). */
        public static Objective overallRecallOnly() {
            return new Objective(0, 0, 0);
        }

        /** The binomial standard error of a recall of {@code recall} on the validation interactions. */
        public double standardError(double recall) {
            return interactions == 0 ? 0 : Math.sqrt(Math.max(0, recall * (1 - recall)) / interactions);
        }

        /** The overall recall an eligible calibration needs when the best one has {@code best}. */
        public double threshold(double best) {
            return Math.min(best, Math.max(best - standardErrors * standardError(best), floor));
        }

        String describe(double best) {
            return String.format(Locale.ROOT, "best %.4f − %s × standard error %.4f on %,d validation "
                    + "interactions%s", best, standardErrors, standardError(best), interactions,
                    floor > 0 ? String.format(Locale.ROOT, ", floor %.4f", floor) : "");
        }
    }

    /**
     * A candidate's validation score.
     *
     * @param recall         overall Recall@20 (bounds the calibration)
     * @param coldRecall     Recall@20 of the cold items ranked among all items (chooses the calibration); NaN
     *                       without cold validation interactions
     * @param coldOnlyRecall Recall@20 of the cold items ranked among the cold items (chooses λ); NaN likewise
     */
    public record Score(double recall, double coldRecall, double coldOnlyRecall) {
    }

    /** The published model and the choice. */
    public record Result(FactorModel model, Choice choice) {
    }

    /**
     * Fits the mapping on {@code model}'s warm rows, chooses λ by the cold-only recall of {@code validation} and then
     * the calibration by {@code objective} (the unmapped model is the first candidate), and returns the choice.
     * Items are cold when they have no train interaction in {@code g} and a vector in some modality.
     */
    public static Result apply(InteractionGraph g, FactorModel model, List<ModalityMatrix> modalities,
                               Function<FactorModel, Score> validation, Objective objective,
                               ProgressTracker progress) {
        int[] degree = g.itemPopularity();
        boolean[] content = content(g, modalities);
        int[] cold = coldItems(degree, content);
        int[] warm = java.util.stream.IntStream.range(0, g.items()).filter(i -> degree[i] > 0 && content[i])
                .toArray();
        int features = modalities.stream().mapToInt(ModalityMatrix::dimension).sum();
        if (modalities.isEmpty() || cold.length == 0 || warm.length < 2) {
            String reason = modalities.isEmpty() ? "no modality vectors" : cold.length == 0
                    ? "no cold items with modality vectors" : "fewer than 2 warm items with modality vectors";
            return new Result(model, new Choice("off: " + reason, cold.length, warm.length, Double.NaN, Double.NaN,
                    null, null, null, Double.NaN, Double.NaN, Map.of()));
        }
        int d = model.dimension();
        double[] targets = new double[warm.length * d];
        for (int r = 0; r < warm.length; r++) {
            for (int k = 0; k < d; k++) {
                targets[r * d + k] = model.itemVectors()[warm[r] * d + k];
            }
        }
        RidgeRegression ridge = RidgeRegression.fit(features(modalities, warm), warm.length, features, targets, d);
        double[] coldFeatures = features(modalities, cold);
        double[] warmNorms = warmNorms(model, degree);
        Map<String, Score> scores = new LinkedHashMap<>();
        progress.begin("cold-start mapping: " + cold.length + " cold items, " + (1 + RELATIVE_LAMBDAS.length
                + QUANTILES.length) + " candidates on validation", 1 + RELATIVE_LAMBDAS.length + QUANTILES.length);
        Score baseline = validation.apply(model);
        scores.put("kept", baseline);
        progress.advance(1);
        // a calibration keeps its score only: its model (a copy of every item row) is rebuilt for the chosen one,
        // so the step holds at most two copies at once (at 300k items × d 64 the 15 copies were 1.2 GB)
        List<Calibration> calibrations = new ArrayList<>();
        calibrations.add(new Calibration(true, Double.NaN, baseline));
        double bestLambda = Double.NaN;
        float[][] rows = null;
        try {
            // stage 1, the direction: λ by how well the cold items rank among themselves (rows at one norm)
            double lambdaScore = Double.NEGATIVE_INFINITY;
            double median = quantile(warmNorms, 0.5);
            for (double rel : RELATIVE_LAMBDAS) {
                float[][] predicted = predictions(ridge, rel, coldFeatures, cold.length, features);
                Score score = validation.apply(withRows(model, cold, predicted, median));
                scores.put(String.format(Locale.ROOT, "λ %s direction", rel), score);
                if (score.coldOnlyRecall() > lambdaScore || rows == null) {
                    lambdaScore = score.coldOnlyRecall();
                    rows = predicted;
                    bestLambda = rel;
                }
                progress.advance(1);
            }
            // stage 2, the length: every calibration scored, then chosen by the objective (the unmapped model too)
            for (double q : QUANTILES) {
                FactorModel candidate = withRows(model, cold, rows, Double.isNaN(q) ? Double.NaN
                        : quantile(warmNorms, q));
                Score score = validation.apply(candidate);
                scores.put(String.format(Locale.ROOT, "λ %s q %s", bestLambda, Double.isNaN(q) ? "off" : q), score);
                calibrations.add(new Calibration(false, q, score));
                progress.advance(1);
            }
        } finally {
            progress.end();
        }
        double bestRecall = calibrations.stream().mapToDouble(c -> c.score().recall()).max().orElseThrow();
        double threshold = objective.threshold(bestRecall);
        Calibration best = choose(calibrations, threshold);
        boolean applied = !best.kept();
        FactorModel chosen = applied ? withRows(model, cold, rows, Double.isNaN(best.quantile()) ? Double.NaN
                : quantile(warmNorms, best.quantile())) : model;
        return new Result(chosen, new Choice(applied ? "ridge" : "kept", cold.length, warm.length,
                applied ? bestLambda : Double.NaN, applied ? best.quantile() : Double.NaN, best.score(), baseline,
                objective, bestRecall, threshold, scores));
    }

    /**
     * The items the mapping gives rows to, ascending: no train interaction in {@code g}, a vector in some modality.
     * Every candidate the step scores differs from the mode's model in these rows only.
     */
    public static int[] coldItems(InteractionGraph g, List<ModalityMatrix> modalities) {
        return coldItems(g.itemPopularity(), content(g, modalities));
    }

    private static int[] coldItems(int[] degree, boolean[] content) {
        return java.util.stream.IntStream.range(0, degree.length).filter(i -> degree[i] == 0 && content[i])
                .toArray();
    }

    private static boolean[] content(InteractionGraph g, List<ModalityMatrix> modalities) {
        boolean[] content = new boolean[g.items()];
        for (ModalityMatrix m : modalities) {
            for (int i = 0; i < content.length; i++) {
                content[i] |= m.present()[i];
            }
        }
        return content;
    }

    /**
     * Bytes the step holds besides the model it starts from: the items' features and regression targets (double),
     * the ridge's Gram matrix and its decomposition, and two item-row copies (the candidate being scored and the
     * chosen one); an upper bound, since only items with vectors take part.
     */
    public static long memoryEstimate(int items, int features, int dimension) {
        return 8L * items * (features + dimension) + 3 * 8L * features * features + 2 * 4L * items * dimension;
    }

    /** A calibration (the mode's own rows when {@code kept}, else quantile NaN = off) and its validation score. */
    record Calibration(boolean kept, double quantile, Score score) {
    }

    /**
     * Among {@code calibrations} with overall recall ≥ {@code threshold}: the highest cold recall among all items,
     * then the higher overall recall, then the higher cold-only recall, then the earlier one (NaN counts as lowest).
     */
    static Calibration choose(List<Calibration> calibrations, double threshold) {
        Calibration best = null;
        for (Calibration c : calibrations) {
            if (c.score().recall() < threshold) {
                continue;
            }
            if (best == null || better(c.score(), best.score())) {
                best = c;
            }
        }
        return best;
    }

    private static boolean better(Score a, Score b) {
        int cold = Double.compare(orLowest(a.coldRecall()), orLowest(b.coldRecall()));
        if (cold != 0) {
            return cold > 0;
        }
        if (a.recall() != b.recall()) {
            return a.recall() > b.recall();
        }
        return orLowest(a.coldOnlyRecall()) > orLowest(b.coldOnlyRecall());
    }

    private static double orLowest(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    private static float[][] predictions(RidgeRegression ridge, double relativeLambda, double[] features, int rows,
                                         int width) {
        double[] w = ridge.coefficients(relativeLambda * Math.max(ridge.meanEigenvalue(), 1e-12));
        float[][] out = new float[rows][];
        for (int c = 0; c < rows; c++) {
            out[c] = toFloats(ridge.predict(w, features, c * width));
        }
        return out;
    }

    /**
     * The features of {@code items}, row-major {@code items.length × Σ dimensions}: each modality's vector
     * L2-normalised (zeros when the item has none in that modality), concatenated in the given order.
     */
    static double[] features(List<ModalityMatrix> modalities, int[] items) {
        int width = modalities.stream().mapToInt(ModalityMatrix::dimension).sum();
        double[] x = new double[items.length * width];
        int column = 0;
        for (ModalityMatrix m : modalities) {
            int dm = m.dimension();
            for (int r = 0; r < items.length; r++) {
                int i = items[r];
                if (!m.present()[i]) {
                    continue;
                }
                double norm = 0;
                for (int k = 0; k < dm; k++) {
                    double v = m.vectors()[i * dm + k];
                    norm += v * v;
                }
                norm = Math.sqrt(norm);
                if (norm == 0) {
                    continue;
                }
                for (int k = 0; k < dm; k++) {
                    x[r * width + column + k] = m.vectors()[i * dm + k] / norm;
                }
            }
            column += dm;
        }
        return x;
    }

    /** {@code model} with the rows of {@code items} replaced, each rescaled to {@code norm} unless it is NaN. */
    static FactorModel withRows(FactorModel model, int[] items, float[][] rows, double norm) {
        int d = model.dimension();
        float[] vectors = model.itemVectors().clone();
        for (int c = 0; c < items.length; c++) {
            double length = 0;
            for (float v : rows[c]) {
                length += (double) v * v;
            }
            double scale = Double.isNaN(norm) || length == 0 ? 1 : norm / Math.sqrt(length);
            for (int k = 0; k < d; k++) {
                vectors[items[c] * d + k] = (float) (rows[c][k] * scale);
            }
        }
        return new FactorModel(d, model.users(), model.items(), model.userVectors(), vectors);
    }

    /** Row norms of the items with train interactions, sorted ascending. */
    private static double[] warmNorms(FactorModel model, int[] degree) {
        List<Double> norms = new ArrayList<>();
        for (int i = 0; i < degree.length; i++) {
            if (degree[i] > 0) {
                norms.add(model.itemNorm(i));
            }
        }
        double[] sorted = norms.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    /** The {@code q}-quantile of ascending {@code sorted} (nearest rank). */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
        return sorted[index];
    }

    private static float[] toFloats(double[] a) {
        float[] out = new float[a.length];
        for (int k = 0; k < a.length; k++) {
            out[k] = (float) a[k];
        }
        return out;
    }
}
