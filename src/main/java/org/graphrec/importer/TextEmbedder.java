package org.graphrec.importer;

import java.util.List;

/** Turns texts into vectors (one per text, same order), for {@code --embed-text}. */
public interface TextEmbedder {

    /** Vector length. */
    int dimension();

    /** The model's name, recorded on the Modality node. */
    String model();

    /** Embeds a batch of texts. */
    List<float[]> embed(List<String> texts);
}
