package org.graphrec.propagation;

import java.util.Arrays;
import java.util.List;

/**
 * How the modality kNN graphs are computed ({@code propagate --knn}): {@code exact} (blocked GEMM,
 * {@code core.ExactKnn}), {@code approx} (Lucene's HNSW, {@code core.HnswKnn}, with its recall@k against exact
 * measured on a sample and reported) or {@code auto}: exact below {@link #AUTO_APPROX_ITEMS} items with a vector,
 * approx from there on (docs/scale.md "kNN": at 300,000 items × 64-d exact took 401 s for two modalities against
 * 1,109 s for HNSW, whose recall@10 was 0.815 / 0.926; exact grows as n², HNSW as ~n log n, so they meet near 1M).
 */
public enum KnnMethod {
    EXACT("exact"),
    APPROX("approx"),
    AUTO("auto");

    /** From this many items with a vector {@code auto} picks approx (measured: docs/scale.md, section "kNN"). */
    public static final int AUTO_APPROX_ITEMS = 1_000_000;

    private final String label;

    KnnMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The method actually used for a modality with {@code items} usable vectors: never AUTO. */
    public KnnMethod resolve(int items) {
        if (this != AUTO) {
            return this;
        }
        return items >= AUTO_APPROX_ITEMS ? APPROX : EXACT;
    }

    /** The method called {@code label} (case-insensitive), or null. */
    public static KnnMethod parse(String label) {
        for (KnnMethod m : values()) {
            if (m.label.equalsIgnoreCase(label == null ? "" : label.strip())) {
                return m;
            }
        }
        return null;
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(KnnMethod::label).toList();
    }
}
