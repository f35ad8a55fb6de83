package org.graphrec.propagation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.graphrec.core.FactorModel;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.InteractionGraph.Split;
import org.graphrec.core.MemoryEstimate;
import org.graphrec.core.ModalityMatrix;
import org.graphrec.eval.DotProductScorer;
import org.graphrec.eval.EvaluationParameters;
import org.graphrec.eval.EvaluationResult;
import org.graphrec.eval.Evaluator;
import org.graphrec.eval.Ndcg;
import org.graphrec.eval.Recall;
import org.graphrec.eval.Scorer;
import org.graphrec.propagation.PropagateParameters.Mode;
import org.graphrec.propagation.trained.TrainedPropagation;

/**
 * Mode {@code auto}, the default of {@code propagate}: fits the candidate models within the run's time budget, ranks
 * each on the validation split with the shared {@link Evaluator} (Recall@20, ties by NDCG@20; test is never looked
 * at) and returns the best. Candidates, cheapest first:
 * <ol>
 *   <li>{@code mostpop} — the floor every model must clear;</li>
 *   <li>{@code closed-form} at a validated rank: one randomized SVD at the largest rank, then every (rank, filter
 *   exponent p, item degree exponent γ) of a small grid read off that one spectrum
 *   ({@link ClosedFormPropagation.Spectrum#model}), ranked on a seeded validation sample;</li>
 *   <li>{@code trained} (FREEDOM-style, with the modality kNN graphs), early-stopped on validation and cut at the
 *   budget;</li>
 *   <li>{@code ensemble}: the best closed form and the trained model, per-user standardised scores summed with a
 *   weight chosen on validation ({@link ScoreEnsemble}, written as one factor model);</li>
 *   <li>{@code lightgcn}, when budget is left.</li>
 * </ol>
 * Each candidate with a factor model goes through the run's post-fit step (the cold-start mapping,
 * {@link Context#finish}) before it is scored, so the candidates are compared as they would be published and the
 * published model's validation score is the best of them. The ensemble combines the models before that step.
 * The candidates, their validation scores and seconds, and the choice are recorded in the run's parameters.
 * Deterministic for a seed unless the budget cuts a training short (then the cut depends on the machine's speed,
 * and the note says so).
 */
final class AutoMode implements PropagationAlgorithm {

    /** Ranks tried for the closed form (those not above the spectrum's dimension). */
    static final int[] RANKS = {16, 64, 256, 512};
    /** Filter exponents p tried for the closed form. */
    static final double[] FILTER_EXPONENTS = {2, 4, 6};
    /** Item degree exponents γ tried for the closed form. */
    static final double[] ITEM_EXPONENTS = {0.4, 0.5};
    /** Ensemble weights on the closed form tried. */
    static final double[] ENSEMBLE_WEIGHTS = {0.25, 0.5, 0.75};
    /** Users in the seeded validation sample of the closed-form grid (the candidates are compared on all). */
    static final int GRID_USERS = 5000;
    /** The metric candidates are ranked by, and the tie-breaker. */
    static final int CUTOFF = 20;

    @Override
    public LoadOptions loadOptions(PropagateParameters p) {
        ClosedFormParameters cf = p.closedForm();
        return new LoadOptions(p.modalities(), cf.brandWeight() > 0, cf.categoryWeight() > 0);
    }

    @Override
    public MemoryEstimate memoryEstimate(InteractionGraph g, PropagateParameters p) {
        long models = 4L * (g.users() + g.items()) * (p.closedForm().dimension() * 2L + p.training().dimension());
        return MemoryEstimate.sum("auto", new ClosedFormMode().memoryEstimate(g, p),
                MemoryEstimate.of("spectrum", 8L * g.items() * (p.closedForm().dimension() + 2)),
                MemoryEstimate.of("training state", TrainedPropagation.memoryEstimate(g, p.training())),
                MemoryEstimate.of("candidate models", models));
    }

    @Override
    public boolean finishesItsModels() {
        return true;
    }

    /**
     * One candidate and its validation scores.
     *
     * @param raw    the model as its mode fitted it (what the ensemble combines)
     * @param fitted the model after the run's post-fit step (what is scored and would be published)
     */
    record Candidate(String label, Fitted raw, Fitted fitted, double recall, double ndcg, double seconds) {

        boolean beats(Candidate other) {
            return other == null || better(recall, ndcg, other.recall, other.ndcg);
        }

        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("candidate", label);
            m.put("recall@" + CUTOFF, recall);
            m.put("ndcg@" + CUTOFF, ndcg);
            m.put("seconds", Math.round(seconds * 100) / 100.0);
            return m;
        }
    }

    @Override
    public Fitted fit(InteractionGraph g, PropagateParameters p, Context context) {
        long start = System.nanoTime();
        long deadline = start + (long) (p.budgetMinutes() * 60e9);
        BooleanSupplier overBudget = () -> System.nanoTime() > deadline;
        long seed = p.closedForm().seed();
        if (g.heldOut(Split.VALID).nonZeros() == 0) {
            context.progress().log("auto: the graph has no validation interactions to choose on; using closed-form");
            return context.finish().apply(new ClosedFormMode().fit(g, p, context));
        }
        List<Candidate> candidates = new ArrayList<>();
        Candidate best = null;

        long t = System.nanoTime();
        Fitted popular = new MostPopularMode().fit(g, p, quiet(context));
        best = keep(candidates, best, score(g, "mostpop", popular, p, t, context));

        t = System.nanoTime();
        Candidate closedForm = closedForm(g, p, context, seed);
        context.timings().put("closed-form", PropagationAlgorithm.seconds(t));
        best = keep(candidates, best, closedForm);

        Candidate trained = null;
        boolean cut = false;
        if (!overBudget.getAsBoolean()) {
            t = System.nanoTime();
            context.progress().log("auto: candidate trained (budget left " + left(deadline) + ")");
            Fitted f = new TrainedMode().fit(g, p.withMode(Mode.TRAINED), quiet(context), overBudget);
            cut = overBudget.getAsBoolean();
            trained = score(g, "trained d=" + p.training().dimension(), f, p, t, context);
            context.timings().put("trained", trained.seconds());
            best = keep(candidates, best, trained);
        } else {
            context.progress().log("auto: no budget left for the trained candidate (--budget)");
        }

        if (trained != null && closedForm.raw().model() != null) {
            t = System.nanoTime();
            Candidate ensemble = ensemble(g, closedForm, trained, p, context, seed);
            context.timings().put("ensemble", PropagationAlgorithm.seconds(t));
            best = keep(candidates, best, ensemble);
        }

        if (!overBudget.getAsBoolean()) {
            t = System.nanoTime();
            context.progress().log("auto: candidate lightgcn (budget left " + left(deadline) + ")");
            Fitted f = new TrainedMode().fit(g, p.withMode(Mode.LIGHTGCN), quiet(context), overBudget);
            cut |= overBudget.getAsBoolean();
            Candidate lightgcn = score(g, "lightgcn", f, p, t, context);
            context.timings().put("lightgcn", lightgcn.seconds());
            best = keep(candidates, best, lightgcn);
        } else {
            context.progress().log("auto: no budget left for the lightgcn candidate (--budget)");
        }

        Map<String, Object> parameters = new LinkedHashMap<>(best.fitted().parameters());
        parameters.put("mode", Mode.AUTO.label());
        parameters.put("chosen", best.label());
        parameters.put("budgetMinutes", p.budgetMinutes());
        parameters.put("candidates", candidates.stream().map(Candidate::asMap).toList());
        StringBuilder note = new StringBuilder(String.format(Locale.ROOT,
                "auto chose %s on validation recall@%d (ties by ndcg@%d) among:", best.label(), CUTOFF, CUTOFF));
        for (Candidate c : candidates) {
            note.append(String.format(Locale.ROOT, "%n  %-38s valid recall@%d %.4f  ndcg@%d %.4f  %7.1f s%s",
                    c.label(), CUTOFF, c.recall(), CUTOFF, c.ndcg(), c.seconds(), c == best ? "  <- chosen" : ""));
        }
        if (cut) {
            note.append(String.format(Locale.ROOT, "%n  the %.0f-minute budget cut training short: a faster machine "
                    + "or a larger --budget may train further", p.budgetMinutes()));
        }
        Fitted chosen = best.fitted();
        return new Fitted(chosen.scorer(), chosen.model(), parameters, chosen.modalities(), note.toString());
    }

    /**
     * The closed-form candidate: one spectrum at the largest rank, the grid of (rank, p, γ) ranked on a seeded
     * sample of validation users, the best of it re-scored on the candidates' validation users.
     */
    private Candidate closedForm(InteractionGraph g, PropagateParameters p, Context context, long seed) {
        long t = System.nanoTime();
        ClosedFormParameters cf = ClosedFormMode.parameters(g, p);
        ClosedFormMode.KnnGraphs knn = ClosedFormMode.neighbours(g, p, context.progress(), context);
        context.timings().put("knn", PropagationAlgorithm.seconds(t));
        ClosedFormPropagation.Spectrum spectrum = new ClosedFormPropagation(cf, context.progress())
                .spectrum(g, knn.lists());
        List<int[]> grid = new ArrayList<>();
        for (int r = 0; r < RANKS.length; r++) {
            if (RANKS[r] <= spectrum.dimension()) {
                for (int f = 0; f < FILTER_EXPONENTS.length; f++) {
                    for (int e = 0; e < ITEM_EXPONENTS.length; e++) {
                        grid.add(new int[] {RANKS[r], f, e});
                    }
                }
            }
        }
        if (grid.isEmpty()) { // fewer items than the smallest rank: the whole spectrum
            for (int f = 0; f < FILTER_EXPONENTS.length; f++) {
                for (int e = 0; e < ITEM_EXPONENTS.length; e++) {
                    grid.add(new int[] {spectrum.dimension(), f, e});
                }
            }
        }
        Evaluator sample = evaluator(g, Math.min(GRID_USERS, p.validationUsers() == 0 ? GRID_USERS
                : p.validationUsers()), seed, context);
        context.progress().begin("auto: closed-form grid (rank × p × γ)", grid.size());
        Leader<int[]> leader = new Leader<>();
        try {
            for (int[] cell : grid) {
                FactorModel m = spectrum.model(g, cell[0], FILTER_EXPONENTS[cell[1]], cf.userExponent(),
                        ITEM_EXPONENTS[cell[2]]);
                leader.offer(rank(sample, new DotProductScorer(m)), m, cell);
                context.progress().advance(1);
            }
        } finally {
            context.progress().end();
        }
        int[] bestCell = leader.setting;
        FactorModel bestModel = leader.model;
        ClosedFormParameters chosen = cf.withDimension(bestCell[0]).withFilter(FILTER_EXPONENTS[bestCell[1]],
                cf.userExponent(), ITEM_EXPONENTS[bestCell[2]]);
        Map<String, Object> parameters = PropagationAlgorithm.runParameters(Mode.CLOSED_FORM.label(), p.k());
        parameters.putAll(knn.record());
        parameters.putAll(chosen.asMap());
        Map<String, ModalityMatrix> used = new LinkedHashMap<>();
        g.modalities().forEach(m -> used.put(m.name(), m));
        Fitted fitted = new Fitted(new DotProductScorer(bestModel), bestModel, parameters, used, knn.note());
        return score(g, String.format(Locale.ROOT, "closed-form d=%d p=%s γ=%s", bestCell[0],
                trim(FILTER_EXPONENTS[bestCell[1]]), trim(ITEM_EXPONENTS[bestCell[2]])), fitted, p, t, context);
    }

    /** The ensemble of the closed form and the trained model at the validation-chosen weight. */
    private Candidate ensemble(InteractionGraph g, Candidate closedForm, Candidate trained, PropagateParameters p,
                               Context context, long seed) {
        long t = System.nanoTime();
        Evaluator all = evaluator(g, p.validationUsers(), seed, context);
        Leader<Double> leader = new Leader<>();
        ScoreEnsemble pair = ScoreEnsemble.of(closedForm.raw().model(), trained.raw().model());
        for (double w : ENSEMBLE_WEIGHTS) {
            FactorModel m = pair.combine(w);
            leader.offer(rank(all, new DotProductScorer(m)), m, w);
        }
        double bestWeight = leader.setting;
        FactorModel bestModel = leader.model;
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("mode", "ensemble");
        parameters.put("ensembleWeight", bestWeight);
        parameters.put("closedForm", closedForm.raw().parameters());
        parameters.put("trained", trained.raw().parameters());
        Map<String, ModalityMatrix> used = new LinkedHashMap<>(closedForm.raw().modalities());
        used.putAll(trained.raw().modalities());
        Fitted fitted = new Fitted(new DotProductScorer(bestModel), bestModel, parameters, used,
                trained.raw().note());
        String label = String.format(Locale.ROOT, "ensemble %s × closed-form + trained", trim(bestWeight));
        // the weights were ranked on these users: a step that keeps the model keeps the leader's scores
        return score(g, label, fitted, p, t, context, leader.recall, leader.ndcg);
    }

    /** The best model of a grid so far and its setting: higher Recall@20 wins, then higher NDCG@20, then the first. */
    private static final class Leader<S> {
        FactorModel model;
        S setting;
        double recall = -1;
        double ndcg = -1;

        void offer(EvaluationResult r, FactorModel m, S s) {
            double rc = r.get("recall@" + CUTOFF);
            double nd = r.get("ndcg@" + CUTOFF);
            if (better(rc, nd, recall, ndcg)) {
                recall = rc;
                ndcg = nd;
                model = m;
                setting = s;
            }
        }
    }

    /** The selection rule of every comparison here: higher Recall@20, then higher NDCG@20 (equal = not better). */
    private static boolean better(double recall, double ndcg, double thanRecall, double thanNdcg) {
        return recall > thanRecall || (recall == thanRecall && ndcg > thanNdcg);
    }

    /** Puts {@code raw} through the run's post-fit step and scores the result on the candidates' validation users. */
    private static Candidate score(InteractionGraph g, String label, Fitted raw, PropagateParameters p, long start,
                                   Context context) {
        return score(g, label, raw, p, start, context, Double.NaN, Double.NaN);
    }

    /**
     * {@link #score}, given {@code raw}'s Recall/NDCG@20 on the candidates' validation users when already known (NaN
     * if not): they stand when the step leaves the model as it was (step off, or the mode's own rows kept).
     */
    private static Candidate score(InteractionGraph g, String label, Fitted raw, PropagateParameters p, long start,
                                   Context context, double rawRecall, double rawNdcg) {
        if (raw.model() != null) {
            context.progress().log("auto: post-fit step for candidate " + label);
        }
        Fitted fitted = context.finish().apply(raw);
        if (fitted.model() == raw.model() && !Double.isNaN(rawRecall)) {
            return new Candidate(label, raw, fitted, rawRecall, rawNdcg, PropagationAlgorithm.seconds(start));
        }
        EvaluationResult r = rank(evaluator(g, p.validationUsers(), p.closedForm().seed(), context),
                fitted.scorer());
        return new Candidate(label, raw, fitted, r.get("recall@" + CUTOFF), r.get("ndcg@" + CUTOFF),
                PropagationAlgorithm.seconds(start));
    }

    private static Candidate keep(List<Candidate> candidates, Candidate best, Candidate c) {
        candidates.add(c);
        return c.beats(best) ? c : best;
    }

    private static Evaluator evaluator(InteractionGraph g, int users, long seed, Context context) {
        return new Evaluator(g, EvaluationParameters.of(Split.VALID, CUTOFF).withUserSample(users, seed),
                context.progress());
    }

    private static EvaluationResult rank(Evaluator evaluator, Scorer scorer) {
        return evaluator.evaluate(scorer, List.of(new Recall(CUTOFF), new Ndcg(CUTOFF)), List.of());
    }

    /** The context with no SIMILAR writer: the kNN graphs are written once, by the closed-form candidate. */
    private static Context quiet(Context context) {
        return new Context(context.progress(), new LinkedHashMap<>(), r -> { });
    }

    private static String left(long deadline) {
        return String.format(Locale.ROOT, "%.1f min", Math.max(0, deadline - System.nanoTime()) / 60e9);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
