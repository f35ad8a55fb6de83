package org.graphrec.importer;

import java.util.ArrayList;
import java.util.List;

/** Vectors held in memory (read from a CSV {@code id,v1,…,vd} file), keyed by item index. */
public final class InMemoryEmbeddings extends EmbeddingSource {

    private final List<Integer> items = new ArrayList<>();
    private final List<float[]> vectors = new ArrayList<>();

    public InMemoryEmbeddings(String modality, String file, int dimension) {
        super(modality, file, dimension);
    }

    /** Adds a validated vector of {@link #dimension()} finite values. */
    public void put(int item, float[] vector) {
        items.add(item);
        vectors.add(vector);
    }

    @Override
    public long vectors() {
        return vectors.size();
    }

    @Override
    public void forEach(VectorConsumer consumer) {
        for (int k = 0; k < items.size(); k++) {
            consumer.accept(items.get(k), vectors.get(k));
        }
    }
}
