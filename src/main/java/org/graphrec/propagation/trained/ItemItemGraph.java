package org.graphrec.propagation.trained;

import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Frozen item–item graphs for the trained multimodal mode, built once before training as in FREEDOM (Zhou et
 * al. 2023): for every item its top-k cosine neighbours (itself included, as in the reference code), edges of
 * weight 1, normalised {@code D^-1/2 A D^-1/2} with the row degrees, and per-modality graphs summed with
 * modality weights. When a data set has no features the same graph is built from co-interactions (cosine of
 * the items' train user sets). Cost: O(items² · f) for features (ND4J blocks of 512 rows, no items² memory),
 * O(Σ_u deg(u)²) for co-interactions.
 */
public final class ItemItemGraph {

    private static final int BLOCK = 512;

    private ItemItemGraph() {
    }

    /** The k-nearest-neighbour graph of one modality by cosine similarity of the feature rows. */
    public static CsrMatrix fromFeatures(float[][] features, int k, Parallel parallel) {
        int n = features.length;
        int f = n == 0 ? 0 : features[0].length;
        float[] unit = new float[n * f];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (float x : features[i]) {
                norm += (double) x * x;
            }
            double inv = norm > 0 ? 1.0 / Math.sqrt(norm) : 0.0;
            for (int j = 0; j < f; j++) {
                unit[i * f + j] = (float) (features[i][j] * inv);
            }
        }
        int kk = Math.min(k, n);
        int[] neighbours = new int[n * kk];
        INDArray targets = DenseBlocks.matrix(unit, n, f);
        for (int from = 0; from < n; from += BLOCK) {
            int to = Math.min(n, from + BLOCK);
            float[] sims = DenseBlocks.scores(unit, from, to, f, targets);
            int start = from;
            int[] bounds = parallel.ranges(to - from);
            parallel.run(bounds.length - 1, part -> {
                TopK top = new TopK(kk);
                for (int r = bounds[part]; r < bounds[part + 1]; r++) {
                    top.reset();
                    int base = r * n;
                    for (int j = 0; j < n; j++) {
                        top.offer(j, sims[base + j]);
                    }
                    System.arraycopy(top.ids, 0, neighbours, (start + r) * kk, kk);
                }
            });
        }
        return normalisedKnn(n, kk, neighbours, null);
    }

    /**
     * The k-nearest-neighbour graph by cosine of co-interactions in the train graph (for data without
     * features), neighbours ranked by the shrunk cosine {@code |U_i ∩ U_j| / (sqrt(|U_i| |U_j|) + shrink)}
     * (item-kNN's shrinkage; 0 = plain cosine). Items without train interactions keep only their self-loop.
     */
    public static CsrMatrix fromInteractions(TrainingGraph graph, int k, double shrink) {
        int items = graph.items();
        int[] degrees = graph.itemDegrees();
        // item → users CSR
        int[] offsets = new int[items + 1];
        for (int i = 0; i < items; i++) {
            offsets[i + 1] = offsets[i] + degrees[i];
        }
        int[] cursor = Arrays.copyOf(offsets, items);
        int[] itemUsers = new int[graph.trainEdges()];
        int[] edgeUsers = graph.edgeUsers();
        for (int e = 0; e < itemUsers.length; e++) {
            itemUsers[cursor[graph.userItems()[e]]++] = edgeUsers[e];
        }
        return fromMemberships(items, offsets, itemUsers, graph.userOffsets(), graph.userItems(), k, shrink, true);
    }

    /**
     * The k-nearest-neighbour graph of items sharing groups (brands, categories): cosine of the items' group sets,
     * top-k (self included, ties to the lower id), weight-1 edges normalised {@code 1/sqrt(deg_i deg_j)}. Items
     * without a group get an empty row (the groups say nothing about them). Cost O(Σ_g |g|²) at most.
     */
    public static CsrMatrix fromGroups(TrainingGraph.ItemGroups groups, int items, int k) {
        int[] sizes = new int[groups.groups() + 1];
        for (int g : groups.members()) {
            sizes[g + 1]++;
        }
        for (int g = 0; g < groups.groups(); g++) {
            sizes[g + 1] += sizes[g];
        }
        int[] cursor = Arrays.copyOf(sizes, groups.groups());
        int[] groupItems = new int[groups.members().length];
        for (int i = 0; i < items; i++) {
            for (int p = groups.offsets()[i]; p < groups.offsets()[i + 1]; p++) {
                groupItems[cursor[groups.members()[p]]++] = i;
            }
        }
        return fromMemberships(items, groups.offsets(), groups.members(), sizes, groupItems, k, 0.0, false);
    }

    /**
     * Top-k cosine neighbours of items described by sets (item → members CSR and its transpose member → items):
     * {@code cos(i, j) = |M_i ∩ M_j| / (sqrt(|M_i| |M_j|) + shrink)}, self-loop first. An item without members
     * keeps a self-loop ({@code selfLoopWhenEmpty}) or an empty row.
     */
    private static CsrMatrix fromMemberships(int items, int[] itemOffsets, int[] itemMembers, int[] memberOffsets,
                                             int[] memberItems, int k, double shrink, boolean selfLoopWhenEmpty) {
        int kk = Math.min(k, items);
        int[] rowOffsets = new int[items + 1];
        int[] cols = new int[items * kk];
        float[] counts = new float[items];
        int[] touched = new int[items];
        TopK top = new TopK(kk);
        int write = 0;
        for (int i = 0; i < items; i++) {
            int degI = itemOffsets[i + 1] - itemOffsets[i];
            if (degI == 0 && !selfLoopWhenEmpty) {
                rowOffsets[i + 1] = write;
                continue;
            }
            int nTouched = 0;
            for (int p = itemOffsets[i]; p < itemOffsets[i + 1]; p++) {
                int member = itemMembers[p];
                for (int q = memberOffsets[member]; q < memberOffsets[member + 1]; q++) {
                    int j = memberItems[q];
                    if (counts[j] == 0f) {
                        touched[nTouched++] = j;
                    }
                    counts[j] += 1f;
                }
            }
            Arrays.sort(touched, 0, nTouched);
            top.reset();
            top.offer(i, Float.POSITIVE_INFINITY); // the self-loop, as in the feature graph
            for (int t = 0; t < nTouched; t++) {
                int j = touched[t];
                if (j != i) {
                    int degJ = itemOffsets[j + 1] - itemOffsets[j];
                    top.offer(j, (float) (counts[j] / (Math.sqrt((double) degI * degJ) + shrink)));
                }
                counts[j] = 0f;
            }
            for (int t = 0; t < top.size; t++) {
                cols[write++] = top.ids[t];
            }
            rowOffsets[i + 1] = write;
        }
        return normalisedKnn(items, -1, Arrays.copyOf(cols, write), rowOffsets);
    }

    /**
     * Weight-1 kNN edges normalised with the row degrees, {@code v(i,j) = 1/sqrt(deg(i) deg(j))}. Either fixed
     * {@code k} neighbours per row, or variable rows given by {@code rowOffsets}.
     */
    private static CsrMatrix normalisedKnn(int n, int k, int[] neighbours, int[] rowOffsets) {
        int[] offsets = rowOffsets;
        if (offsets == null) {
            offsets = new int[n + 1];
            for (int i = 0; i < n; i++) {
                offsets[i + 1] = offsets[i] + k;
            }
        }
        int[] indices = Arrays.copyOf(neighbours, neighbours.length);
        float[] values = new float[indices.length];
        for (int i = 0; i < n; i++) {
            for (int p = offsets[i]; p < offsets[i + 1]; p++) {
                int j = indices[p];
                int degI = offsets[i + 1] - offsets[i];
                int degJ = offsets[j + 1] - offsets[j];
                values[p] = (float) (1.0 / Math.sqrt((degI + 1e-7) * (degJ + 1e-7)));
            }
        }
        Adjacency.sortRows(offsets, indices, values);
        return new CsrMatrix(n, n, offsets, indices, values);
    }

    /** {@code Σ_m weights[m] · graphs[m]} (the union of the edges). */
    public static CsrMatrix combine(List<CsrMatrix> graphs, double[] weights) {
        if (graphs.size() == 1 && weights[0] == 1.0) {
            return graphs.get(0);
        }
        int n = graphs.get(0).rows();
        int total = graphs.stream().mapToInt(CsrMatrix::nonZeros).sum();
        int[] r = new int[total];
        int[] c = new int[total];
        float[] v = new float[total];
        int e = 0;
        for (int m = 0; m < graphs.size(); m++) {
            CsrMatrix g = graphs.get(m);
            for (int i = 0; i < n; i++) {
                for (int p = g.offsets()[i]; p < g.offsets()[i + 1]; p++) {
                    r[e] = i;
                    c[e] = g.indices()[p];
                    v[e] = (float) (weights[m] * g.values()[p]);
                    e++;
                }
            }
        }
        return CsrMatrix.fromTriplets(n, n, r, c, v, e);
    }
}
