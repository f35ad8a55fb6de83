package org.graphrec.propagation;
import org.graphrec.core.Csr;
import org.graphrec.core.ExactKnn;
import org.graphrec.core.Parallel;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.ModalityMatrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.graphrec.graph.GraphConnection;
import org.graphrec.progress.ProgressTracker;

/**
 * The modality kNN graphs of the closed form and their {@code SIMILAR} relationships: exact top-k cosine neighbours
 * of every item in one modality by the core's {@link ExactKnn} (the item itself excluded; items without a vector get
 * no neighbours), written to the graph by {@link #write}.
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
     * Computes the neighbours ({@link ExactKnn}, the item itself excluded). The returned CSR rows are in rank order
     * (best first), not sorted by column; weights are the cosine similarities.
     */
    public Result compute(ModalityMatrix modality) {
        Csr neighbours = new ExactKnn(parameters.k(), parameters.blockRows(), false, Parallel.shared(), progress)
                .compute(modality);
        return new Result(modality.name(), neighbours);
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
