package org.graphrec.propagation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.graphrec.graph.GraphConnection;
import org.graphrec.progress.ProgressTracker;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Exact top-k cosine neighbours of every item in one modality. Vectors are L2-normalised, then a block of rows at a
 * time is multiplied with all vectors (one ND4J GEMM, {@code blockRows × items} floats; never items × items) and
 * the k best columns of each row are kept, excluding the item itself. Items without a vector (or with a zero vector)
 * get no neighbours and are nobody's neighbour. Cost O(items² · dimension); deterministic (ties by lower index).
 */
public final class ModalityKnn {

    private final KnnParameters parameters;
    private final ProgressTracker progress;

    public ModalityKnn(KnnParameters parameters, ProgressTracker progress) {
        this.parameters = parameters;
        this.progress = progress;
    }

    /** The neighbour lists of one modality. */
    public record Result(String modality, Csr neighbours) {

        /** Rank {@code r} (0 = best) neighbour of {@code item}: targets are stored in rank order. */
        public int neighbour(int item, int r) {
            return neighbours.targets()[neighbours.offsets()[item] + r];
        }
    }

    /**
     * Computes the neighbours. The returned CSR rows are in rank order (best first), not sorted by column; weights are
     * the cosine similarities.
     */
    public Result compute(ModalityMatrix modality) {
        int n = modality.items();
        int d = modality.dimension();
        int[] rows = java.util.stream.IntStream.range(0, n).filter(i -> modality.present()[i]
                && norm(modality.vectors(), i, d) > 0).toArray();
        int m = rows.length;
        int k = Math.min(parameters.k(), Math.max(0, m - 1));
        float[] unit = new float[m * d];
        for (int r = 0; r < m; r++) {
            double norm = norm(modality.vectors(), rows[r], d);
            for (int c = 0; c < d; c++) {
                unit[r * d + c] = (float) (modality.vectors()[rows[r] * d + c] / norm);
            }
        }
        int[] offsets = new int[n + 1];
        int[] targets = new int[m * k];
        float[] scores = new float[m * k];
        progress.begin("kNN " + modality.name() + " (k=" + parameters.k() + ")", m);
        try {
            if (m > 0 && k > 0) {
                INDArray all = Nd4j.create(unit, new long[] {m, d}, 'c');
                INDArray allT = all.transpose().dup('c');
                for (int from = 0; from < m; from += parameters.blockRows()) {
                    int to = Math.min(m, from + parameters.blockRows());
                    INDArray block = all.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
                            org.nd4j.linalg.indexing.NDArrayIndex.all());
                    float[] sims;
                    try (INDArray product = Nd4j.createUninitialized(org.nd4j.linalg.api.buffer.DataType.FLOAT,
                            new long[] {to - from, m}, 'c')) {
                        block.mmul(allT, product);
                        sims = product.data().asFloat();
                    }
                    int fromF = from;
                    AtomicInteger next = new AtomicInteger(from);
                    Runnable work = () -> {
                        int r;
                        while ((r = next.getAndIncrement()) < to) {
                            int[] self = {r};
                            int[] top = TopK.select(sims, (r - fromF) * m, m, k, self, 0, 1);
                            for (int p = 0; p < top.length; p++) {
                                targets[r * k + p] = rows[top[p]];
                                scores[r * k + p] = sims[(r - fromF) * m + top[p]];
                            }
                        }
                    };
                    Parallel.run(work);
                    progress.advance(to - from);
                }
                all.close();
                allT.close();
            }
        } finally {
            progress.end();
        }
        // row offsets: present items have k entries, others none
        int[] position = new int[n];
        java.util.Arrays.fill(position, -1);
        for (int r = 0; r < m; r++) {
            position[rows[r]] = r;
        }
        int[] outTargets = new int[m * k];
        float[] outScores = new float[m * k];
        int out = 0;
        for (int i = 0; i < n; i++) {
            int r = position[i];
            if (r >= 0) {
                System.arraycopy(targets, r * k, outTargets, out, k);
                System.arraycopy(scores, r * k, outScores, out, k);
                out += k;
            }
            offsets[i + 1] = out;
        }
        return new Result(modality.name(), new Csr(n, n, offsets, outTargets, outScores));
    }

    private static double norm(float[] v, int row, int d) {
        double s = 0;
        for (int c = 0; c < d; c++) {
            double x = v[row * d + c];
            s += x * x;
        }
        return Math.sqrt(s);
    }

    /**
     * Replaces the {@code SIMILAR} relationships of this modality with {@code result}, in batches:
     * {@code (:Item)-[:SIMILAR {modality, score, rank}]->(:Item)}, rank 1 = most similar.
     */
    public static long write(GraphConnection graph, InteractionGraph ig, Result result, ProgressTracker progress) {
        String modality = result.modality();
        progress.begin("delete old SIMILAR {modality: " + modality + "}", -1);
        try {
            long deleted;
            do {
                deleted = graph.write(tx -> tx.run("MATCH ()-[s:SIMILAR {modality: $m}]->() WITH s LIMIT 20000 "
                        + "DELETE s RETURN count(*) AS c", Map.of("m", modality)).single().get("c").asLong());
                progress.advance(deleted);
            } while (deleted > 0);
        } finally {
            progress.end();
        }
        Csr nb = result.neighbours();
        progress.begin("write SIMILAR {modality: " + modality + "}", nb.nonZeros());
        long written = 0;
        try {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < nb.rows(); i++) {
                for (int p = nb.offsets()[i]; p < nb.offsets()[i + 1]; p++) {
                    rows.add(Map.of("a", ig.itemId(i), "b", ig.itemId(nb.targets()[p]),
                            "score", (double) nb.weights()[p], "rank", p - nb.offsets()[i] + 1));
                }
                if (rows.size() >= 10_000 || (i == nb.rows() - 1 && !rows.isEmpty())) {
                    List<Map<String, Object>> batch = List.copyOf(rows);
                    rows.clear();
                    written += graph.write(tx -> tx.run("UNWIND $rows AS row "
                            + "MATCH (a:Item {id: row.a}), (b:Item {id: row.b}) "
                            + "CREATE (a)-[:SIMILAR {modality: $m, score: row.score, rank: row.rank}]->(b) "
                            + "RETURN count(*) AS c", Map.of("rows", batch, "m", modality)).single().get("c")
                            .asLong());
                    progress.advance(batch.size());
                }
            }
        } finally {
            progress.end();
        }
        progress.log(String.format(Locale.ROOT, "wrote %,d SIMILAR {modality: %s} relationships", written,
                modality));
        return written;
    }
}
