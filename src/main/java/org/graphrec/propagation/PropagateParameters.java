package org.graphrec.propagation;

import java.util.List;
import org.graphrec.propagation.trained.TrainingParameters;

/**
 * Validated options of one {@code propagate} run.
 *
 * @param mode           which model to build
 * @param closedForm     spectral parameters (mode CLOSED_FORM); modality weights are filled in from
 *                       {@code modalityWeight} for the modalities loaded
 * @param k              neighbours per item (modality kNN graphs and item-kNN)
 * @param modalities     modality names to use (null = all declared in the graph, empty = none)
 * @param modalityWeight weight of each modality's kNN pseudo-users
 * @param writeSimilar   write {@code SIMILAR} relationships for the modality kNN graphs
 * @param writeBack      write embeddings and a PropagationRun (false: compute and evaluate only)
 * @param shrink         item-kNN similarity shrinkage (mode ITEMKNN)
 * @param training       training settings (modes LIGHTGCN and TRAINED; null = the mode's defaults,
 *                       {@link TrainingParameters#recommended})
 * @param validationUsers the validation metrics of the run are computed on a seeded sample of at most this many
 *                       users (0 = all; the full evaluation is {@code evaluate}'s job). Mode ITEMKNN, which writes
 *                       nothing and can only be evaluated in-process, always uses all users.
 * @param budgetMinutes  mode AUTO: wall-clock minutes for fitting the candidates (training is cut at the budget)
 * @param knn            how the modality kNN graphs are computed: exact, approx or auto ({@link KnnMethod})
 */
public record PropagateParameters(Mode mode, ClosedFormParameters closedForm, int k, List<String> modalities,
                                  double modalityWeight, boolean writeSimilar, boolean writeBack, double shrink,
                                  TrainingParameters training, int validationUsers, double budgetMinutes,
                                  KnnMethod knn) {

    /** With {@code --knn auto}. */
    public PropagateParameters(Mode mode, ClosedFormParameters closedForm, int k, List<String> modalities,
                               double modalityWeight, boolean writeSimilar, boolean writeBack, double shrink,
                               TrainingParameters training, int validationUsers, double budgetMinutes) {
        this(mode, closedForm, k, modalities, modalityWeight, writeSimilar, writeBack, shrink, training,
                validationUsers, budgetMinutes, KnnMethod.AUTO);
    }

    /**
     * Default budget of mode AUTO: sized so that Amazon Clothing (39k users × 23k items, 2 cores) stays under 15
     * minutes end to end with load and write-back (docs/quality.md, "Default model").
     */
    public static final double DEFAULT_BUDGET_MINUTES = 10;

    /** Embedding dimension of every mode but auto's closed-form candidate when none is given. */
    public static final int DEFAULT_DIMENSION = 64;

    /** The largest closed-form rank mode auto tries when no dimension is given. */
    public static final int AUTO_MAX_RANK = 512;

    /**
     * The validation sample of {@code mode} when none is given: all users for the modes that early-stop or choose on
     * validation (a 5,000-user sample was too noisy to early-stop on: docs/trained.md), a sample otherwise.
     */
    public static int defaultValidationUsers(Mode mode) {
        return mode == Mode.LIGHTGCN || mode == Mode.TRAINED || mode == Mode.AUTO ? 0 : DEFAULT_VALIDATION_USERS;
    }

    /** The closed-form dimension of {@code mode} when none is given ({@link #AUTO_MAX_RANK} for AUTO). */
    public static int defaultClosedFormDimension(Mode mode) {
        return mode == Mode.AUTO ? AUTO_MAX_RANK : DEFAULT_DIMENSION;
    }

    /** With the default budget. */
    public PropagateParameters(Mode mode, ClosedFormParameters closedForm, int k, List<String> modalities,
                               double modalityWeight, boolean writeSimilar, boolean writeBack, double shrink,
                               TrainingParameters training, int validationUsers) {
        this(mode, closedForm, k, modalities, modalityWeight, writeSimilar, writeBack, shrink, training,
                validationUsers, DEFAULT_BUDGET_MINUTES);
    }

    /** Default size of the validation sample of a run (about a second of ranking on Clothing at d = 64). */
    public static final int DEFAULT_VALIDATION_USERS = 5000;

    /** With the default validation sample. */
    public PropagateParameters(Mode mode, ClosedFormParameters closedForm, int k, List<String> modalities,
                               double modalityWeight, boolean writeSimilar, boolean writeBack, double shrink,
                               TrainingParameters training) {
        this(mode, closedForm, k, modalities, modalityWeight, writeSimilar, writeBack, shrink, training,
                DEFAULT_VALIDATION_USERS);
    }

    /** Without training settings (the defaults of the mode are used). */
    public PropagateParameters(Mode mode, ClosedFormParameters closedForm, int k, List<String> modalities,
                               double modalityWeight, boolean writeSimilar, boolean writeBack, double shrink) {
        this(mode, closedForm, k, modalities, modalityWeight, writeSimilar, writeBack, shrink, null);
    }

    /** Without item-kNN shrinkage. */
    public PropagateParameters(Mode mode, ClosedFormParameters closedForm, int k, List<String> modalities,
                               double modalityWeight, boolean writeSimilar, boolean writeBack) {
        this(mode, closedForm, k, modalities, modalityWeight, writeSimilar, writeBack, 0);
    }

    /**
     * The propagation modes: the one mode list of graphrec and the registry of their implementations
     * ({@link #algorithm()}).
     */
    public enum Mode {
        /**
         * The default: fits closed form (rank chosen on validation), trained, their ensemble and LightGCN within a
         * time budget and keeps the best on validation ({@link AutoMode}).
         */
        AUTO("auto", AutoMode::new),
        /** Spectral graph filter over the user–item–modality–brand–category graph, with the modality kNN graphs. */
        CLOSED_FORM("closed-form", ClosedFormMode::new),
        /** Train popularity, the same list for everyone. */
        MOSTPOP("mostpop", MostPopularMode::new),
        /** Item-based collaborative filtering. */
        ITEMKNN("itemknn", ItemKnnMode::new),
        /** LightGCN trained with BPR (user–item graph only). */
        LIGHTGCN("lightgcn", TrainedMode::new),
        /** FREEDOM-style trained propagation with frozen modality item–item graphs. */
        TRAINED("trained", TrainedMode::new);

        private final String label;
        private final java.util.function.Supplier<PropagationAlgorithm> implementation;

        Mode(String label, java.util.function.Supplier<PropagationAlgorithm> implementation) {
            this.label = label;
            this.implementation = implementation;
        }

        public String label() {
            return label;
        }

        /** A new instance of the mode's implementation. */
        public PropagationAlgorithm algorithm() {
            return implementation.get();
        }

        /** The mode called {@code label}, or null. */
        public static Mode parse(String label) {
            for (Mode m : values()) {
                if (m.label.equalsIgnoreCase(label)) {
                    return m;
                }
            }
            return null;
        }

        public static List<String> labels() {
            return java.util.Arrays.stream(values()).map(Mode::label).toList();
        }
    }

    public PropagateParameters {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (modalityWeight < 0) {
            throw new IllegalArgumentException("modality weight may not be negative, got " + modalityWeight);
        }
        if (!(shrink >= 0)) {
            throw new IllegalArgumentException("shrink may not be negative, got " + shrink);
        }
        if (validationUsers < 0) {
            throw new IllegalArgumentException("validationUsers may not be negative, got " + validationUsers);
        }
        if (!(budgetMinutes > 0) || Double.isInfinite(budgetMinutes)) {
            throw new IllegalArgumentException("the budget must be a positive number of minutes, got "
                    + budgetMinutes);
        }
        if (knn == null) {
            throw new IllegalArgumentException("the kNN method is required");
        }
        modalities = modalities == null ? null : List.copyOf(modalities);
        if (mode == Mode.LIGHTGCN || mode == Mode.TRAINED || mode == Mode.AUTO) {
            boolean multimodal = mode != Mode.LIGHTGCN;
            if (training == null) {
                training = TrainingParameters.recommended(multimodal).withKnnK(k);
            } else if (training.multimodal() != multimodal) {
                throw new IllegalArgumentException("mode " + mode.label() + " needs " + (multimodal
                        ? "multimodal" : "LightGCN") + " training settings");
            }
        }
    }

    /** The same run with another validation sample size (0 = all users). */
    public PropagateParameters withValidationUsers(int users) {
        return new PropagateParameters(mode, closedForm, k, modalities, modalityWeight, writeSimilar, writeBack,
                shrink, training, users, budgetMinutes, knn);
    }

    /** The same run with another budget for mode AUTO. */
    public PropagateParameters withBudget(double minutes) {
        return new PropagateParameters(mode, closedForm, k, modalities, modalityWeight, writeSimilar, writeBack,
                shrink, training, validationUsers, minutes, knn);
    }

    /** The same run with another kNN method. */
    public PropagateParameters withKnn(KnnMethod method) {
        return new PropagateParameters(mode, closedForm, k, modalities, modalityWeight, writeSimilar, writeBack,
                shrink, training, validationUsers, budgetMinutes, method);
    }

    /**
     * The same run as another mode (a candidate of mode AUTO): LIGHTGCN gets LightGCN's recommended settings at this
     * run's training dimension, seed, threads and k; TRAINED keeps this run's multimodal settings.
     */
    public PropagateParameters withMode(Mode other) {
        TrainingParameters t = training;
        if (other == Mode.LIGHTGCN && (t == null || t.multimodal())) {
            TrainingParameters base = t == null ? TrainingParameters.recommended(true) : t;
            t = TrainingParameters.recommended(false).withDimension(base.dimension()).withKnnK(k)
                    .withSeed(base.seed()).withThreads(base.threads());
        } else if (other != Mode.LIGHTGCN && other != Mode.TRAINED && other != Mode.AUTO) {
            t = null;
        } else if (t != null && !t.multimodal() && other != Mode.LIGHTGCN) {
            t = null;
        }
        return new PropagateParameters(other, closedForm, k, modalities, modalityWeight, writeSimilar, writeBack,
                shrink, t, validationUsers, budgetMinutes, knn);
    }

    /** Whether the mode is trained by gradient descent (LIGHTGCN, TRAINED). */
    public boolean trained() {
        return mode == Mode.LIGHTGCN || mode == Mode.TRAINED;
    }
}
