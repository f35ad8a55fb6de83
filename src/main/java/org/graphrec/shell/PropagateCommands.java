package org.graphrec.shell;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.graphrec.config.Suggestions;
import org.graphrec.config.UserException;
import org.graphrec.jobs.WriterLock;
import org.graphrec.versions.EmbeddingVersions;
import org.graphrec.progress.ConsoleProgress;
import org.graphrec.propagation.KnnMethod;
import org.graphrec.propagation.ClosedFormParameters;
import org.graphrec.propagation.ColdStartOptions;
import org.graphrec.propagation.PropagateParameters;
import org.graphrec.propagation.PropagateParameters.Mode;
import org.graphrec.propagation.PropagationService;
import org.graphrec.propagation.PropagationSummary;
import org.graphrec.propagation.trained.TrainingParameters;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/** {@code propagate}: compute fused user/item embeddings and write them back (see docs/propagation.md). */
@ShellComponent
public class PropagateCommands {

    private final GraphSession session;

    public PropagateCommands(GraphSession session) {
        this.session = session;
    }

    @ShellMethod(key = "propagate", value = "Build modality kNN graphs, propagate over users, items, brands and "
            + "modalities, and write fused embeddings + vector indexes back.", group = "Propagation")
    public String propagate(
            @ShellOption(help = "auto (default: fits the candidates below within --budget and keeps the best on "
                    + "validation), closed-form, mostpop, itemknn, lightgcn (trained, interactions only) or trained "
                    + "(FREEDOM-style, with the modality kNN graphs)", defaultValue = "auto") String mode,
            @ShellOption(help = "embedding dimension d (= rank of the spectral filter); default 64, and for mode auto "
                    + "the closed-form rank is chosen on validation among 16, 64, 256 and 512",
                    defaultValue = ShellOption.NULL) Integer dimension,
            @ShellOption(help = "mode auto: minutes for fitting the candidates (training is cut there)",
                    defaultValue = "10") double budget,
            @ShellOption(help = "neighbours per item in the modality kNN graphs (and item-kNN)", defaultValue = "10")
            int k,
            @ShellOption(help = "modalities to use, comma-separated (default: all in the graph; 'none' for none)",
                    defaultValue = ShellOption.NULL) String modalities,
            @ShellOption(value = "--no-brand", help = "ignore MADE_BY brand edges", defaultValue = "false")
            boolean noBrand,
            @ShellOption(value = "--no-category", help = "ignore IN_CATEGORY edges", defaultValue = "false")
            boolean noCategory,
            @ShellOption(value = "--modality-weight",
                    help = "weight of each modality's kNN pseudo-users", defaultValue = "0.3")
            double modalityWeight,
            @ShellOption(value = "--brand-weight",
                    help = "weight of brand co-membership rows", defaultValue = "0.3") double brandWeight,
            @ShellOption(value = "--category-weight",
                    help = "weight of category co-membership rows", defaultValue = "0.3") double categoryWeight,
            @ShellOption(value = "--filter-exponent",
                    help = "spectral filter exponent p (σ^p)", defaultValue = "6") double filterExponent,
            @ShellOption(value = "--user-exponent",
                    help = "item degree exponent β on the user side", defaultValue = "0.5") double userExponent,
            @ShellOption(value = "--item-exponent",
                    help = "item degree exponent γ on the item side", defaultValue = "0.4") double itemExponent,
            @ShellOption(help = "subspace iterations of the randomized SVD", defaultValue = "4") int iterations,
            @ShellOption(help = "random seed", defaultValue = "42") long seed,
            @ShellOption(help = "similarity shrinkage λ of co-interaction cosines, |U_i ∩ U_j| / (sqrt(|U_i| |U_j|) "
                    + "+ λ): item-kNN (mode itemknn, default 0) and the trained mode's item–item graph on data "
                    + "without modality vectors (default 100)", defaultValue = ShellOption.NULL) Double shrink,
            @ShellOption(value = "--no-similar", help = "do not write SIMILAR relationships", defaultValue = "false")
            boolean noSimilar,
            @ShellOption(value = "--dry-run", help = "compute and evaluate, write nothing", defaultValue = "false")
            boolean dryRun,
            @ShellOption(value = "--max-epochs",
                    help = "lightgcn/trained: upper bound on training epochs (default 300)",
                    defaultValue = ShellOption.NULL) Integer maxEpochs,
            @ShellOption(help = "lightgcn/trained: evaluations without a better validation recall@20 before "
                    + "stopping (default 4)", defaultValue = ShellOption.NULL) Integer patience,
            @ShellOption(value = "--eval-every", help = "lightgcn/trained: evaluate on validation every this many "
                    + "epochs (default 5)", defaultValue = ShellOption.NULL) Integer evalEvery,
            @ShellOption(value = "--batch-size", help = "lightgcn/trained: BPR triples per Adam step (default 8192)",
                    defaultValue = ShellOption.NULL) Integer batchSize,
            @ShellOption(value = "--learning-rate", help = "lightgcn/trained: Adam learning rate (default 0.004)",
                    defaultValue = ShellOption.NULL) Double learningRate,
            @ShellOption(help = "lightgcn/trained: worker threads (results do not depend on it)", defaultValue = "2")
            int threads,
            @ShellOption(help = "lightgcn/trained: checkpoint file to write every 10 epochs and resume from",
                    defaultValue = ShellOption.NULL) String checkpoint,
            @ShellOption(help = "lightgcn/trained: user–item propagation layers K (default 3)",
                    defaultValue = ShellOption.NULL) Integer layers,
            @ShellOption(value = "--item-item-layers", help = "trained: propagation steps over the frozen item–item "
                    + "graph (default 1)", defaultValue = ShellOption.NULL) Integer itemItemLayers,
            @ShellOption(value = "--edge-dropout", help = "trained: fraction of user–item edges pruned each epoch, "
                    + "degree-sensitively (default 0.3)", defaultValue = ShellOption.NULL) Double edgeDropout,
            @ShellOption(value = "--align-weight", help = "trained: weight of the BPR alignment of the projected "
                    + "modality features (default 0.01)", defaultValue = ShellOption.NULL) Double alignWeight,
            @ShellOption(help = "lightgcn/trained: L2 weight on the batch's ego embeddings (default 1e-4 lightgcn, "
                    + "0 trained)", defaultValue = ShellOption.NULL) Double l2,
            @ShellOption(value = "--warm-start", help = "lightgcn/trained: start the ego embeddings from the "
                    + "closed-form solution (same --dimension) instead of a random draw", defaultValue = "false")
            boolean warmStart,
            @ShellOption(value = "--no-publish", help = "write the embeddings as a staged version that readers do "
                    + "not see (publish it later with 'versions --publish N')", defaultValue = "false")
            boolean noPublish,
            @ShellOption(help = "embedding versions to keep after publishing (the published one included)",
                    defaultValue = "2") int keep,
            @ShellOption(value = "--valid-users", help = "validation metrics of the run (and the early stopping of "
                    + "lightgcn/trained) on a seeded sample of this many users (0 = all; default 5000, all for "
                    + "lightgcn/trained; 'evaluate' always ranks for every user)", defaultValue = ShellOption.NULL)
            Integer validUsers,
            @ShellOption(value = "--cold-start", help = "embeddings for items without train interactions from their "
                    + "modality vectors (ridge mapping, λ and calibration chosen on validation): on or off",
                    defaultValue = "on") String coldStart,
            @ShellOption(value = "--cold-items", help = "hold out this fraction of the items as new (half validation, "
                    + "half test items; 'evaluate' applies the same hold-out), e.g. 0.2; 0 = the graph's own split",
                    defaultValue = "0") double coldItems,
            @ShellOption(value = "--cold-seed", help = "seed of the held-out items of --cold-items",
                    defaultValue = "42") long coldSeed,
            @ShellOption(value = "--cold-tolerance", help = "overall validation recall@20 the cold-start calibration "
                    + "may give up to rank new items higher, in binomial standard errors of that recall; among the "
                    + "calibrations within it the best cold recall wins (default 1; 0 = overall recall only)",
                    defaultValue = "1") double coldTolerance,
            @ShellOption(help = "modality kNN graphs: exact (blocked GEMM), approx (Lucene HNSW; its recall@k vs "
                    + "exact is measured on 1,000 sampled items and printed) or auto (approx from "
                    + KnnMethod.AUTO_APPROX_ITEMS + " items with a vector)", defaultValue = "auto") String knn) {
        ColdStartOptions cold = coldStartOptions(coldStart, coldItems, coldSeed, coldTolerance);
        PropagateParameters parameters = parameters(mode, dimension, k, modalities, noBrand, noCategory,
                modalityWeight, brandWeight, categoryWeight, filterExponent, userExponent, itemExponent, iterations,
                seed, noSimilar, dryRun, shrink, new Training(maxEpochs, patience, evalEvery, batchSize, learningRate,
                        threads, checkpoint, layers, itemItemLayers, edgeDropout, alignWeight, l2, warmStart));
        parameters = withBudget(parameters, budget).withValidationUsers(validUsers(validUsers, parameters.mode()))
                .withKnn(knnMethod(knn));
        var graph = session.get();
        // the same lock as the refresh job: one writer of embedding versions at a time
        var progress = ConsoleProgress.forStdout();
        var attempt = WriterLock.acquire(graph, java.time.Duration.ofMinutes(10), progress,
                note -> System.out.println("note: " + note));
        if (!attempt.acquired()) {
            throw new UserException(WriterLock.heldMessage(attempt.holder()) + "; try again when it has finished",
                    org.graphrec.config.ExitCode.LOCK_HELD.code());
        }
        PropagationSummary summary;
        try (var lock = attempt.lock().orElseThrow()) {
            summary = new PropagationService(graph, progress).publishing(!noPublish, keep).run(parameters,
                    cold);
            if (noPublish && summary.version() > 0) {
                new EmbeddingVersions(graph, progress).finished(summary.version()); // kept for 'versions --publish'
            }
        }
        return render(summary);
    }

    /** {@code --knn}, or a one-line error listing the choices. */
    static KnnMethod knnMethod(String label) {
        KnnMethod method = KnnMethod.parse(label);
        if (method == null) {
            throw new UserException("--knn: expected " + String.join(", ", KnnMethod.labels()) + ", found '"
                    + label + "'");
        }
        return method;
    }

    /** {@code p} with {@code --budget}, or a one-line error. */
    static PropagateParameters withBudget(PropagateParameters p, double minutes) {
        if (!(minutes > 0) || Double.isInfinite(minutes)) {
            throw new UserException("--budget: expected a positive number of minutes, found " + minutes);
        }
        return p.withBudget(minutes);
    }

    /** Checks {@code --cold-start}, {@code --cold-items}, {@code --cold-seed} and {@code --cold-tolerance}. */
    static ColdStartOptions coldStartOptions(String coldStart, double coldItems, long coldSeed,
                                             double coldTolerance) {
        String mode = coldStart == null ? "on" : coldStart.strip().toLowerCase(Locale.ROOT);
        if (!mode.equals("on") && !mode.equals("off")) {
            throw new UserException("--cold-start: expected on or off, found '" + coldStart + "'");
        }
        if (!(coldItems >= 0 && coldItems < 1)) {
            throw new UserException("--cold-items: expected a fraction in [0, 1), found " + coldItems);
        }
        if (!(coldTolerance >= 0) || Double.isInfinite(coldTolerance)) {
            throw new UserException("--cold-tolerance: expected a number of standard errors ≥ 0, found "
                    + coldTolerance);
        }
        return new ColdStartOptions(mode.equals("on"), coldItems, coldSeed, coldTolerance);
    }

    /**
     * Checks {@code --valid-users}; without it, all users for the trained modes and auto (a 5,000-user sample was too
     * noisy to early-stop on: docs/trained.md) and {@link PropagateParameters#DEFAULT_VALIDATION_USERS} otherwise.
     */
    static int validUsers(Integer users, Mode mode) {
        if (users == null) {
            return PropagateParameters.defaultValidationUsers(mode);
        }
        if (users < 0) {
            throw new UserException("--valid-users: expected a number of users ≥ 0 (0 = all), found " + users);
        }
        return users;
    }

    /**
     * The raw training options of modes lightgcn and trained (null = the mode's default,
     * {@link TrainingParameters#recommended}).
     */
    record Training(Integer maxEpochs, Integer patience, Integer evalEvery, Integer batchSize, Double learningRate,
                    int threads, String checkpoint, Integer layers, Integer itemItemLayers, Double edgeDropout,
                    Double alignWeight, Double l2, boolean warmStart) {
        /** With the mode's defaults for the model options. */
        Training(Integer maxEpochs, Integer patience, Integer evalEvery, Integer batchSize, Double learningRate,
                 int threads, String checkpoint) {
            this(maxEpochs, patience, evalEvery, batchSize, learningRate, threads, checkpoint, null, null, null, null,
                    null, false);
        }

        static Training defaults() {
            return new Training(null, null, null, null, null, 2, null);
        }
    }

    /** With the default training options. */
    static PropagateParameters parameters(String mode, Integer dimension, int k, String modalities, boolean noBrand,
                                          boolean noCategory, double modalityWeight, double brandWeight,
                                          double categoryWeight, double filterExponent, double userExponent,
                                          double itemExponent, int iterations, long seed, boolean noSimilar,
                                          boolean dryRun, Double shrink) {
        return parameters(mode, dimension, k, modalities, noBrand, noCategory, modalityWeight, brandWeight,
                categoryWeight, filterExponent, userExponent, itemExponent, iterations, seed, noSimilar, dryRun,
                shrink, Training.defaults());
    }

    /** Turns raw options into validated parameters; every problem becomes a one-line user error. */
    static PropagateParameters parameters(String mode, Integer dimension, int k, String modalities, boolean noBrand,
                                          boolean noCategory, double modalityWeight, double brandWeight,
                                          double categoryWeight, double filterExponent, double userExponent,
                                          double itemExponent, int iterations, long seed, boolean noSimilar,
                                          boolean dryRun, Double shrink, Training training) {
        Mode m = Mode.parse(mode);
        if (m == null) {
            throw new UserException("--mode: expected one of " + String.join(", ", Mode.labels()) + ", found '"
                    + mode + "'" + Suggestions.didYouMean(mode, Mode.labels()));
        }
        // mode auto chooses the closed-form rank on validation up to the largest of AUTO_RANKS; the trained
        // candidates keep the trained modes' default dimension
        int trainedDimension = dimension == null ? PropagateParameters.DEFAULT_DIMENSION : dimension;
        int closedFormDimension = dimension != null ? dimension : PropagateParameters.defaultClosedFormDimension(m);
        if (dimension != null && (dimension < 1 || dimension > 4096)) {
            throw new UserException("--dimension: expected 1–4096 (Neo4j vector index limit), found " + dimension);
        }
        if (k < 1) {
            throw new UserException("--k: expected a positive number of neighbours, found " + k);
        }
        for (var w : Map.of("--modality-weight", modalityWeight, "--brand-weight", brandWeight,
                "--category-weight", categoryWeight, "--filter-exponent", filterExponent, "--shrink",
                shrink == null ? 0.0 : shrink).entrySet()) {
            if (!(w.getValue() >= 0) || Double.isInfinite(w.getValue())) {
                throw new UserException(w.getKey() + ": expected a finite number ≥ 0, found " + w.getValue());
            }
        }
        if (iterations < 1) {
            throw new UserException("--iterations: expected at least 1, found " + iterations);
        }
        List<String> names = modalities == null ? null : "none".equalsIgnoreCase(modalities.strip()) ? List.of()
                : Arrays.stream(modalities.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        ClosedFormParameters cf = ClosedFormParameters.defaults(closedFormDimension).withSeed(seed)
                .withFilter(filterExponent, userExponent, itemExponent)
                .withGroups(noBrand ? 0 : brandWeight, noCategory ? 0 : categoryWeight);
        cf = new ClosedFormParameters(cf.dimension(), cf.oversampling(), iterations, cf.seed(), cf.filterExponent(),
                cf.userExponent(), cf.itemExponent(), cf.rowNormExponent(), cf.columnNormExponent(), Map.of(),
                cf.selfWeight(), cf.brandWeight(), cf.categoryWeight());
        TrainingParameters tp = m == Mode.LIGHTGCN || m == Mode.TRAINED || m == Mode.AUTO
                ? trainingParameters(m, trainedDimension, k, seed, shrink, training) : null;
        return new PropagateParameters(m, cf, k, names, modalityWeight, !noSimilar, !dryRun,
                shrink == null ? 0.0 : shrink, tp, validUsers(null, m));
    }

    private static TrainingParameters trainingParameters(Mode m, int dimension, int k, long seed, Double shrink,
                                                         Training o) {
        TrainingParameters tp = TrainingParameters.recommended(m != Mode.LIGHTGCN)
                .withDimension(dimension).withKnnK(k).withSeed(seed).withWarmStart(o.warmStart());
        tp = override(tp, o.threads(), "--threads", TrainingParameters::withThreads);
        tp = override(tp, o.maxEpochs(), "--max-epochs", TrainingParameters::withMaxEpochs);
        tp = override(tp, o.patience(), "--patience", TrainingParameters::withPatience);
        tp = override(tp, o.evalEvery(), "--eval-every", TrainingParameters::withEvalEvery);
        tp = override(tp, o.batchSize(), "--batch-size", TrainingParameters::withBatchSize);
        tp = override(tp, o.learningRate(), "--learning-rate", TrainingParameters::withLearningRate);
        if (m != Mode.LIGHTGCN) { // --shrink is validated with the other weights
            tp = override(tp, shrink, "--shrink", TrainingParameters::withItemGraphShrink);
        }
        tp = override(tp, o.layers(), "--layers", TrainingParameters::withLayers);
        tp = override(tp, o.itemItemLayers(), "--item-item-layers", TrainingParameters::withItemItemLayers);
        tp = override(tp, o.edgeDropout(), "--edge-dropout", TrainingParameters::withEdgeDropout);
        tp = override(tp, o.alignWeight(), "--align-weight", TrainingParameters::withAlignWeight);
        tp = override(tp, o.l2(), "--l2", TrainingParameters::withL2);
        if (o.checkpoint() != null) {
            java.nio.file.Path file;
            try {
                file = java.nio.file.Path.of(o.checkpoint()).toAbsolutePath();
            } catch (java.nio.file.InvalidPathException e) {
                throw new UserException("--checkpoint: not a valid file name: '" + o.checkpoint() + "'");
            }
            if (java.nio.file.Files.isDirectory(file)) {
                throw new UserException("--checkpoint " + file + ": expected a file, found a directory");
            }
            if (file.getParent() != null && !java.nio.file.Files.isDirectory(file.getParent())) {
                throw new UserException("--checkpoint " + file + ": directory " + file.getParent()
                        + " does not exist");
            }
            tp = tp.withCheckpoint(file, tp.checkpointEvery());
        }
        return tp;
    }

    /**
     * {@code tp} with an option's value when it was given ({@code null} = keep the default), or a one-line error
     * naming the option when {@link TrainingParameters} refuses the value (the ranges live there only).
     */
    private static <T> TrainingParameters override(TrainingParameters tp, T value, String option,
                                                   java.util.function.BiFunction<TrainingParameters, T,
                                                           TrainingParameters> with) {
        if (value == null) {
            return tp;
        }
        try {
            return with.apply(tp, value);
        } catch (IllegalArgumentException e) {
            throw new UserException(option + ": " + e.getMessage());
        }
    }

    static String render(PropagationSummary s) {
        StringBuilder out = new StringBuilder();
        out.append("mode:      ").append(s.mode()).append('\n');
        out.append("graph:     ").append(s.graph()).append('\n');
        if (s.dimension() > 0) {
            out.append("dimension: ").append(s.dimension()).append('\n');
        }
        out.append(String.format(Locale.ROOT, "memory:    estimated %s; measured peak heap %s after collections "
                + "(live data), %s before them (with garbage)%n", mib(s.memoryEstimate()), mib(s.peakLiveHeap()),
                mib(s.peakHeap())));
        TextTable timings = new TextTable("stage", "seconds");
        s.timings().forEach((stage, secs) -> timings.row(stage, String.format(Locale.ROOT, "%.2f", secs)));
        out.append('\n').append(timings.render());
        TextTable metrics = new TextTable("split", "recall@10", "recall@20", "ndcg@10", "ndcg@20", "coldRecall@20",
                "coldOnlyRecall@20");
        addRow(metrics, "valid", s.validation());
        if (s.test() != null) {
            addRow(metrics, "test", s.test());
        }
        out.append('\n').append(metrics.render());
        Double users = s.validation() == null ? null : s.validation().get("users");
        Double eligible = s.validation() == null ? null : s.validation().get("eligibleUsers");
        if (users != null && eligible != null && users < eligible) {
            out.append(String.format(Locale.ROOT, "valid: seeded sample of %,.0f of %,.0f users (--valid-users); "
                    + "'evaluate --split valid' ranks for all of them%n", users, eligible));
        }
        if (s.runId() != null) {
            out.append(String.format(Locale.ROOT, "%nwrote embedding version %d: User/Item.embedding_v%d, "
                    + "Item.embeddingMips_v%d (M = %.6g), vector indexes, (:PropagationRun {id: '%s'}) — %s%n",
                    s.version(), s.version(), s.version(), s.mipsNorm(), s.runId(),
                    s.published() ? "published" : "staged, not published"));
        }
        if (s.note() != null) {
            out.append('\n').append("note: ").append(s.note()).append('\n');
        }
        return out.toString();
    }

    private static void addRow(TextTable table, String split, Map<String, Double> m) {
        if (m == null || m.isEmpty()) {
            table.row(split, "-", "-", "-", "-", "-", "-");
            return;
        }
        table.row(split, f(m.get("recall@10")), f(m.get("recall@20")), f(m.get("ndcg@10")), f(m.get("ndcg@20")),
                f(m.get("coldRecall@20")), f(m.get("coldOnlyRecall@20")));
    }

    static String f(Double v) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (double) (1L << 20));
    }
}
