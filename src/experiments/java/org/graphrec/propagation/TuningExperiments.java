package org.graphrec.propagation;
import org.graphrec.experiments.ExperimentOptions;
import org.graphrec.core.Csr;
import org.graphrec.core.InteractionGraph;
import org.graphrec.experiments.MmrecTestData;
import org.graphrec.core.FactorModel;
import org.graphrec.core.ModalityMatrix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.graphrec.eval.DotProductScorer;
import org.graphrec.eval.EvaluationParameters;
import org.graphrec.eval.EvaluationResult;
import org.graphrec.eval.Evaluator;
import org.graphrec.eval.Scorer;
import org.graphrec.core.InteractionGraph.Split;
import org.graphrec.progress.ProgressTracker;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Hyper-parameter sweeps on the MMRec datasets in ../shared/data (not a regular test: runs only with
 * {@code -Dgraphrec.tune=<experiment>}; prints one line per setting). Selection uses the validation split only.
 */
class TuningExperiments {

    static final ProgressTracker QUIET = ProgressTracker.none();

    static String line(String label, EvaluationResult v, EvaluationResult t, double seconds) {
        if (v == null) {
            v = new EvaluationResult(Split.VALID, 0, Map.of(), 0);
        }
        return String.format(Locale.ROOT, "%-60s valid R@20 %.4f N@20 %.4f | test R@10 %.4f R@20 %.4f N@10 %.4f "
                        + "N@20 %.4f cold %.4f | %.1fs", label, v.get("recall@20"), v.get("ndcg@20"),
                t == null ? Double.NaN : t.get("recall@10"), t == null ? Double.NaN : t.get("recall@20"),
                t == null ? Double.NaN : t.get("ndcg@10"), t == null ? Double.NaN : t.get("ndcg@20"),
                t == null ? Double.NaN : t.get("coldRecall@20"), seconds);
    }

    /** The options of this harness (ImportedDatasetAblations reads some of them too). */
    static final String[] KEYS = {"tune", "test", "testOnly", "testBest", "baselines", "onlyBaselines", "itemknn",
        "k", "grid", "ablate", "weights"};

    static EvaluationResult eval(InteractionGraph g, Scorer s, Split split) {
        if (split == Split.VALID && ExperimentOptions.of("TuningExperiments", KEYS).flag("testOnly")) {
            return null;
        }
        return new Evaluator(g, EvaluationParameters.of(split, 10, 20), QUIET).evaluate(s);
    }

    static Map<String, Csr> knn(InteractionGraph g, int k) {
        Map<String, Csr> out = new HashMap<>();
        for (ModalityMatrix m : g.modalities()) {
            out.put(m.name(), new ModalityKnn(KnnParameters.of(k), QUIET).compute(m).neighbours());
        }
        return out;
    }

    /** Runs one setting; returns its validation result (null with graphrec.testOnly). */
    static EvaluationResult run(InteractionGraph g, Map<String, Csr> knn, ClosedFormParameters p, String label,
                                boolean test) {
        long t0 = System.nanoTime();
        FactorModel model = new ClosedFormPropagation(p, QUIET).compute(g, knn).model();
        double secs = (System.nanoTime() - t0) / 1e9;
        DotProductScorer scorer = new DotProductScorer(model);
        EvaluationResult valid = eval(g, scorer, Split.VALID);
        System.out.println(line(label, valid, test ? eval(g, scorer, Split.TEST) : null, secs));
        System.out.flush();
        return valid;
    }

    /** Datasets: folder, file stem, modalities. */
    static final Map<String, String[]> DATASETS = Map.of(
            "tiktok", new String[] {"tiktok", "tiktok", "image,audio"},
            "baby", new String[] {"amazon-baby", "baby", ""},
            "sports", new String[] {"amazon-sports", "sports", ""},
            "clothing", new String[] {"amazon-clothing", "clothing", ""});

    /**
     * {@code -Dgraphrec.tune=<dataset>} with {@code -Dgraphrec.grid="d,p,beta,gamma,wImage,wAudio;…"},
     * {@code -Dgraphrec.baselines=true} for MostPop and item-kNN, {@code -Dgraphrec.test=true} to also print test.
     */
    @Test
    void sweep() {
        ExperimentOptions options = ExperimentOptions.of("TuningExperiments", KEYS);
        String which = options.text("tune", null);
        Assumptions.assumeTrue(which != null, "set -Dgraphrec.tune to run");
        String[] ds = DATASETS.get(which);
        Assumptions.assumeTrue(ds != null && MmrecTestData.available(ds[0]));
        boolean test = options.flag("test");
        List<String> mods = ds[2].isEmpty() ? List.of() : List.of(ds[2].split(","));
        InteractionGraph g = MmrecTestData.load(ds[0], ds[1], mods);
        System.out.println(which + ": " + g.describe());
        if (options.flag("baselines") || options.flag("onlyBaselines")) {
            long t0 = System.nanoTime();
            DotProductScorer pop = new DotProductScorer(MostPopular.compute(g));
            System.out.println(line("mostpop", eval(g, pop, Split.VALID), eval(g, pop, Split.TEST),
                    (System.nanoTime() - t0) / 1e9));
            for (String conf : options.text("itemknn", "50:0;50:10;50:100;200:0;200:10;200:100")
                    .split(";")) {
              int k = Integer.parseInt(conf.split(":")[0]);
              for (double shrink : new double[] {Double.parseDouble(conf.split(":")[1])}) {
                t0 = System.nanoTime();
                Csr sims = new ItemKnn(k, shrink, QUIET).similarities(g);
                Scorer s = new org.graphrec.eval.ItemSimilarityScorer(g.train(), sims);
                double secs = (System.nanoTime() - t0) / 1e9;
                System.out.println(line("itemknn k=" + k + " shrink=" + shrink, eval(g, s, Split.VALID),
                        eval(g, s, Split.TEST), secs));
              }
            }
        }
        if (options.flag("onlyBaselines")) {
            return;
        }
        Map<String, Csr> knn = knn(g, options.integer("k", 10, 1, 10_000));
        ClosedFormParameters base = ClosedFormParameters.defaults(512);
        String spec = options.text("grid", "");
        // -Dgraphrec.testBest=true: test is evaluated once, at the setting with the best valid R@20 (ties: N@20)
        boolean testBest = options.flag("testBest");
        ClosedFormParameters best = null;
        double[] bestScore = {-1, -1};
        String bestLabel = null;
        for (String item : spec.split(";")) {
            if (item.isBlank()) {
                continue;
            }
            // d,p,beta,gamma,wImage,wAudio
            String[] f = item.split(",");
            Map<String, Double> weights = new HashMap<>();
            for (int m = 0; m < mods.size() && 4 + m < f.length; m++) {
                weights.put(mods.get(m), Double.parseDouble(f[4 + m]));
            }
            ClosedFormParameters p = base.withDimension(Integer.parseInt(f[0]))
                    .withFilter(Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]))
                    .withModalityWeights(weights);
            if (f.length > 4 + mods.size()) {
                // optional trailing brand,category weights
                p = p.withGroups(Double.parseDouble(f[4 + mods.size()]),
                        f.length > 5 + mods.size() ? Double.parseDouble(f[5 + mods.size()]) : 0);
            }
            String label = String.format(Locale.ROOT, "d=%d p=%.1f b=%.2f g=%.2f w=%s", p.dimension(),
                    p.filterExponent(), p.userExponent(), p.itemExponent(), new java.util.TreeMap<>(weights));
            EvaluationResult v = run(g, knn, p, label, test && !testBest);
            if (testBest && v != null && (v.get("recall@20") > bestScore[0]
                    || v.get("recall@20") == bestScore[0] && v.get("ndcg@20") > bestScore[1])) {
                best = p;
                bestLabel = label;
                bestScore[0] = v.get("recall@20");
                bestScore[1] = v.get("ndcg@20");
            }
        }
        if (testBest && best != null) {
            System.out.println("chosen on valid: " + bestLabel);
            run(g, knn, best, "TEST AT CHOSEN " + bestLabel, true);
        }
    }
}
