package org.graphrec.eval;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.graphrec.core.Csr;
import org.graphrec.core.FactorModel;
import org.graphrec.core.InteractionGraph;
import org.graphrec.progress.ProgressTracker;
import org.junit.jupiter.api.Test;

/** Where one validation evaluation's time goes at the 1M catalogue's shape (seeded random model and interactions). */
class EvaluationCostProbe {

    @Test
    void cost() {
        assumeTrue(Boolean.getBoolean("graphrec.bench"), "benchmark: run with -Dgraphrec.bench=true");
        int users = 100_000;
        int items = 50_000;
        int d = 64;
        SplittableRandom random = new SplittableRandom(5);
        float[] u = new float[users * d];
        float[] v = new float[items * d];
        for (int i = 0; i < u.length; i++) {
            u[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        FactorModel model = new FactorModel(d, users, items, u, v);
        int n = 1_000_000;
        int[] r = new int[n];
        int[] c = new int[n];
        for (int e = 0; e < n; e++) {
            r[e] = random.nextInt(users);
            c[e] = random.nextInt(items - 2_500);
        }
        Csr train = Csr.fromCoordinates(users, items, r, c, null, n);
        int m = 50_000;
        int[] vr = new int[m];
        int[] vc = new int[m];
        for (int e = 0; e < m; e++) {
            vr[e] = random.nextInt(users);
            vc[e] = random.nextInt(items);
        }
        Csr valid = Csr.fromCoordinates(users, items, vr, vc, null, m);
        Evaluator evaluator = new Evaluator(train, valid, EvaluationParameters.of(InteractionGraph.Split.VALID, 20)
                .withUserSample(5_000, 1), ProgressTracker.none());
        List<UserMetric> metrics = evaluator.defaultUserMetrics().stream()
                .filter(x -> x.cutoff() == 20 && !x.label().equals("precision")).toList();
        DotProductScorer scorer = new DotProductScorer(model);
        for (int rep = 0; rep < 4; rep++) {
            long t = System.nanoTime();
            evaluator.evaluate(scorer, metrics, List.of());
            double all = (System.nanoTime() - t) / 1e9;
            t = System.nanoTime();
            int[] sample = new int[5_000];
            for (int i = 0; i < sample.length; i++) {
                sample[i] = i * 20;
            }
            float[] out = new float[scorer.blockSize() * items];
            for (int from = 0; from < sample.length; from += scorer.blockSize()) {
                scorer.score(sample, from, Math.min(sample.length, from + scorer.blockSize()), out);
            }
            double scoring = (System.nanoTime() - t) / 1e9;
            var itemsArr = org.nd4j.linalg.factory.Nd4j.create(v, new long[] {items, d}, 'c');
            double[] reuse = new double[3];
            for (int bi = 0; bi < 3; bi++) {
                int block = new int[] {640, 128, 32}[bi];
                t = System.nanoTime();
                try (var s = org.nd4j.linalg.factory.Nd4j.createUninitialized(
                        org.nd4j.linalg.api.buffer.DataType.FLOAT, new long[] {items, block}, 'f')) {
                    float[] ublock = new float[block * d];
                    float[] o = new float[block * items];
                    for (int from = 0; from < sample.length; from += block) {
                        for (int x = 0; x < block; x++) {
                            System.arraycopy(u, sample[Math.min(sample.length - 1, from + x)] * d, ublock, x * d, d);
                        }
                        try (var ua = org.nd4j.linalg.factory.Nd4j.create(ublock, new long[] {block, d}, 'c')) {
                            itemsArr.mmul(ua.transpose(), s);
                        }
                        s.data().asNioFloat().get(o, 0, block * items);
                    }
                }
                reuse[bi] = (System.nanoTime() - t) / 1e9;
            }
            System.out.printf(Locale.ROOT, "evaluate %.2f s, scoring alone %.2f s (block %d); reused output block "
                    + "640 %.2f s, 128 %.2f s, 32 %.2f s%n", all, scoring, scorer.blockSize(), reuse[0], reuse[1],
                    reuse[2]);
        }
    }
}
