package org.graphrec.propagation.trained;

import org.graphrec.core.Parallel;

/**
 * torch.optim.Adam without weight decay (Kingma and Ba 2015), over one flat parameter array in fixed parallel
 * ranges: the update of every parameter depends on its own gradient and moments only, so the result is the same
 * for any thread count. O(parameters) per step.
 */
final class Adam {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPS = 1e-8f;

    private Adam() {
    }

    /**
     * Step number {@code step} (1-based): updates the moments {@code m}, {@code v} and the parameters {@code theta}
     * in place from {@code grad}.
     */
    static void step(float[] theta, float[] m, float[] v, float[] grad, long step, double learningRate,
                     Parallel parallel) {
        float lr = (float) learningRate;
        double bias1 = 1 - Math.pow(BETA1, step);
        double bias2 = 1 - Math.pow(BETA2, step);
        float stepSize = (float) (lr / bias1);
        float bias2Sqrt = (float) Math.sqrt(bias2);
        int[] bounds = parallel.ranges(theta.length);
        parallel.run(bounds.length - 1, part -> {
            for (int p = bounds[part]; p < bounds[part + 1]; p++) {
                float gp = grad[p];
                m[p] = BETA1 * m[p] + (1 - BETA1) * gp;
                v[p] = BETA2 * v[p] + (1 - BETA2) * gp * gp;
                float denom = (float) Math.sqrt(v[p]) / bias2Sqrt + EPS;
                theta[p] -= stepSize * m[p] / denom;
            }
        });
    }
}
