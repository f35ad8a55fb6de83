package org.graphrec.propagation.trained;

import java.util.Arrays;
import java.util.List;
import org.graphrec.core.Csr;
import org.graphrec.core.DenseMath;
import org.graphrec.core.ModalityMatrix;
import org.graphrec.core.Parallel;

/**
 * The differentiable part of trained propagation: the forward pass {@code E = 1/(K+1) Σ_k Â^k E0} (plus
 * {@code S^L E0_item} on the item rows in the multimodal mode), the BPR loss with L2 and the feature-alignment loss,
 * and the backward pass. Propagation is linear and {@code Â} symmetric, so {@code ∂L/∂E0 = 1/(K+1) Σ_k Â^k ∂L/∂E}
 * (plus {@code Sᵀ^L} on the item rows): the backward pass is the same sparse products applied to the gradient.
 * Parameters {@code θ} are one flat array: users × d, items × d, then per modality its {@code f × d} projection
 * and {@code d} bias. Cost O(K · nnz(Â) · d + L · nnz(S) · d) per pass; deterministic for any thread count.
 */
final class GraphModel {

    private final TrainingParameters params;
    private final List<ModalityMatrix> modalities;
    private final int d;
    private final int users;
    private final int items;
    private final int nodes;
    private final int[] projectionOffsets;
    private final int parameterCount;

    GraphModel(int users, int items, List<ModalityMatrix> modalities, TrainingParameters params) {
        this.params = params;
        this.modalities = modalities;
        this.d = params.dimension();
        this.users = users;
        this.items = items;
        this.nodes = users + items;
        this.projectionOffsets = new int[modalities.size()];
        int offset = nodes * d;
        for (int m = 0; m < modalities.size(); m++) {
            projectionOffsets[m] = offset;
            offset += modalities.get(m).dimension() * d + d;
        }
        this.parameterCount = offset;
    }

    int parameterCount() {
        return parameterCount;
    }

    /** Where modality {@code m}'s projection starts in θ. */
    int projectionOffset(int m) {
        return projectionOffsets[m];
    }

    /** Scratch arrays reused by every batch. */
    final class Buffers {
        final float[] trainFinal = new float[nodes * d];
        final float[] evalFinal = new float[nodes * d];
        final float[] a = new float[nodes * d];
        final float[] b = new float[nodes * d];
        final float[] gradFinal = new float[nodes * d];
        final float[] grad = new float[parameterCount];
        final float[] itemA = new float[items * d];
        final float[] itemB = new float[items * d];
    }

    Buffers buffers() {
        return new Buffers();
    }

    /** {@code out = 1/(K+1) Σ_k Â^k E0} (plus {@code S^L E0_item} on the item rows in multimodal mode). */
    void forward(Csr adjacency, Csr itemGraph, float[] theta, Buffers buf, float[] out, Parallel parallel) {
        int n = nodes * d;
        System.arraycopy(theta, 0, out, 0, n);
        float[] in = theta;
        float[] next = buf.a;
        for (int k = 1; k <= params.layers(); k++) {
            adjacency.multiply(in, 0, next, 0, d, parallel);
            for (int p = 0; p < n; p++) {
                out[p] += next[p];
            }
            in = next;
            next = next == buf.a ? buf.b : buf.a;
        }
        float scale = 1f / (params.layers() + 1);
        for (int p = 0; p < n; p++) {
            out[p] *= scale;
        }
        if (itemGraph != null && params.itemItemLayers() > 0) {
            float[] h = propagateItems(itemGraph, theta, users * d, buf, parallel);
            int base = users * d;
            for (int p = 0; p < items * d; p++) {
                out[base + p] += h[p];
            }
        }
    }

    /** {@code S^L x} for the item block of {@code source} starting at {@code offset}. */
    private float[] propagateItems(Csr s, float[] source, int offset, Buffers buf, Parallel parallel) {
        float[] in = source;
        int inOffset = offset;
        float[] next = buf.itemA;
        for (int l = 0; l < params.itemItemLayers(); l++) {
            s.multiply(in, inOffset, next, 0, d, parallel);
            in = next;
            inOffset = 0;
            next = next == buf.itemA ? buf.itemB : buf.itemA;
        }
        return in;
    }

    /**
     * The batch loss; writes ∂L/∂(final embeddings) into {@code g} and the direct parameter gradients (L2 on the
     * ego embeddings, projection maps) into {@code grad}.
     */
    double lossAndGradient(float[] theta, float[] fin, int[] bu, int[] bp, int[] bn, float[] g, float[] grad) {
        int batch = bu.length;
        double loss = 0;
        float invBatch = 1f / batch;
        for (int k = 0; k < batch; k++) {
            int uo = bu[k] * d;
            int po = (users + bp[k]) * d;
            int no = (users + bn[k]) * d;
            double x = 0;
            for (int c = 0; c < d; c++) {
                x += fin[uo + c] * (fin[po + c] - fin[no + c]);
            }
            loss += softplus(-x) / batch;
            float coef = (float) (-sigmoid(-x)) * invBatch;
            for (int c = 0; c < d; c++) {
                float uc = fin[uo + c];
                g[uo + c] += coef * (fin[po + c] - fin[no + c]);
                g[po + c] += coef * uc;
                g[no + c] -= coef * uc;
            }
        }
        if (params.l2() > 0) {
            float r = (float) params.l2() * invBatch;
            double reg = 0;
            for (int k = 0; k < batch; k++) {
                for (int o : new int[]{bu[k] * d, (users + bp[k]) * d, (users + bn[k]) * d}) {
                    for (int c = 0; c < d; c++) {
                        float v = theta[o + c];
                        reg += (double) v * v;
                        grad[o + c] += r * v;
                    }
                }
            }
            loss += params.l2() * 0.5 * reg / batch;
        }
        if (params.alignWeight() > 0) {
            loss += alignment(theta, fin, bu, bp, bn, g, grad);
        }
        return loss;
    }

    /**
     * BPR of the users' final embeddings against the projected features of the positive and negative items,
     * with two ND4J GEMMs per modality: {@code P = (F_pos − F_neg) W} (the bias cancels) and
     * {@code ∂L/∂W = (F_pos − F_neg)ᵀ (coef ∘ U)}.
     */
    private double alignment(float[] theta, float[] fin, int[] bu, int[] bp, int[] bn, float[] g, float[] grad) {
        int batch = bu.length;
        double loss = 0;
        for (int m = 0; m < modalities.size(); m++) {
            float[] features = modalities.get(m).vectors();
            int f = modalities.get(m).dimension();
            int w = projectionOffsets[m];
            float[] diffFeatures = new float[batch * f];
            for (int k = 0; k < batch; k++) {
                int fp = bp[k] * f;
                int fn = bn[k] * f;
                for (int j = 0; j < f; j++) {
                    diffFeatures[k * f + j] = features[fp + j] - features[fn + j];
                }
            }
            float[] weights = Arrays.copyOfRange(theta, w, w + f * d);
            float[] projected = DenseMath.product(diffFeatures, batch, f, weights, d, false);
            float[] scaledUsers = new float[batch * d];
            for (int k = 0; k < batch; k++) {
                int uo = bu[k] * d;
                double y = 0;
                for (int c = 0; c < d; c++) {
                    y += fin[uo + c] * projected[k * d + c];
                }
                loss += params.alignWeight() * softplus(-y) / batch;
                float coef = (float) (-params.alignWeight() * sigmoid(-y) / batch);
                for (int c = 0; c < d; c++) {
                    g[uo + c] += coef * projected[k * d + c];
                    scaledUsers[k * d + c] = coef * fin[uo + c];
                }
            }
            float[] weightGradient = DenseMath.product(diffFeatures, batch, f, scaledUsers, d, true);
            for (int p = 0; p < f * d; p++) {
                grad[w + p] += weightGradient[p];
            }
        }
        return loss;
    }

    /** Adds ∂L/∂E0 = 1/(K+1) Σ_k Âᵀ^k g (+ Sᵀ^L g_items) to {@code grad}. Â is symmetric. */
    void backward(Csr adjacency, Csr itemGraphT, float[] g, float[] grad, Buffers buf, Parallel parallel) {
        int n = nodes * d;
        float scale = 1f / (params.layers() + 1);
        for (int p = 0; p < n; p++) {
            grad[p] += scale * g[p];
        }
        float[] in = g;
        float[] next = buf.a;
        for (int k = 1; k <= params.layers(); k++) {
            adjacency.multiply(in, 0, next, 0, d, parallel);
            for (int p = 0; p < n; p++) {
                grad[p] += scale * next[p];
            }
            in = next;
            next = next == buf.a ? buf.b : buf.a;
        }
        if (itemGraphT != null && params.itemItemLayers() > 0) {
            float[] h = propagateItems(itemGraphT, g, users * d, buf, parallel);
            int base = users * d;
            for (int p = 0; p < items * d; p++) {
                grad[base + p] += h[p];
            }
        }
    }

    /** The loss of the batch at {@code theta} with its analytic gradient in {@code gradOut} (gradient checks). */
    double lossWithGradient(float[] theta, Csr adjacency, Csr itemGraph, int[] bu, int[] bp, int[] bn,
                            float[] gradOut) {
        try (Parallel parallel = new Parallel(1)) {
            Buffers buf = new Buffers();
            float[] fin = new float[nodes * d];
            forward(adjacency, itemGraph, theta, buf, fin, parallel);
            float[] g = new float[nodes * d];
            Arrays.fill(gradOut, 0f);
            double loss = lossAndGradient(theta, fin, bu, bp, bn, g, gradOut);
            backward(adjacency, itemGraph == null ? null : itemGraph.transpose(), g, gradOut, buf, parallel);
            return loss;
        }
    }

    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
