package org.graphrec.importer;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.graphrec.config.UserException;
import org.graphrec.graph.GraphConnection;

/**
 * The modality check every import makes before it writes anything: the catalogue's vector files (and the text
 * vectors {@code --embed-text} will make) must have the dimension the graph's {@code (:Modality)} nodes already
 * declare, so one property never holds vectors of two sizes.
 */
public final class ModalityDimensions {

    private ModalityDimensions() {
    }

    /**
     * Checks that the catalogue's modalities agree with the graph's Modality nodes (same dimension), before
     * anything is written.
     *
     * @param extra additional (modality, dimension) pairs the import will write, e.g. text from --embed-text
     */
    public static void check(GraphConnection graph, Catalogue catalogue, Map<String, Integer> extra) {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        Map<String, String> source = new HashMap<>();
        for (EmbeddingSource e : catalogue.embeddings()) {
            wanted.put(e.modality(), e.dimension());
            source.put(e.modality(), e.file());
        }
        extra.forEach((modality, dimension) -> {
            Integer d = wanted.get(modality);
            if (d != null && !d.equals(dimension)) {
                throw new UserException("--embed-text makes " + dimension + "-d text vectors but " + source.get(modality)
                        + " holds " + d + "-d text vectors; drop --embed-text or the text vectors");
            }
            wanted.putIfAbsent(modality, dimension);
            source.putIfAbsent(modality, "--embed-text");
        });
        Map<String, Long> existing = graph.read(tx -> {
            Map<String, Long> m = new HashMap<>();
            tx.run("MATCH (m:Modality) RETURN m.name AS name, m.dimension AS dimension").forEachRemaining(r -> {
                if (!r.get("dimension").isNull()) {
                    m.put(r.get("name").asString(), r.get("dimension").asLong());
                }
            });
            return m;
        });
        wanted.forEach((modality, dimension) -> {
            Long have = existing.get(modality);
            if (have != null && have != dimension.longValue()) {
                throw new UserException(source.get(modality) + ": " + dimension + "-d " + modality
                        + " vectors, but the graph's " + modality + " vectors are " + have
                        + "-d (dimension mismatch with an earlier import); nothing was written");
            }
        });
    }
}
