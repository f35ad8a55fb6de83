package org.graphrec.importer;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.graphrec.config.UserException;

/**
 * all-MiniLM-L6-v2 (quantized ONNX, 384-d, mean pooling, normalised) running in-process from the LangChain4j
 * jar: no network at run time. The tokenizer unpacks a native library; it goes to {@code DJL_CACHE_DIR}, set
 * to a directory under {@code java.io.tmpdir} unless the user set one.
 */
public final class MiniLmTextEmbedder implements TextEmbedder {

    private final AllMiniLmL6V2QuantizedEmbeddingModel model;

    private MiniLmTextEmbedder(AllMiniLmL6V2QuantizedEmbeddingModel model) {
        this.model = model;
    }

    /** Loads the model (about half a second). */
    public static MiniLmTextEmbedder load() {
        configureCacheDirectories();
        try {
            return new MiniLmTextEmbedder(new AllMiniLmL6V2QuantizedEmbeddingModel());
        } catch (RuntimeException | LinkageError e) {
            throw new UserException("cannot load the MiniLM text encoder for --embed-text: " + e.getMessage());
        }
    }

    static void configureCacheDirectories() {
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "graphrec-djl-" + System.getProperty("user.name"));
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UserException("cannot create " + dir + " for the text encoder: " + e.getMessage());
            }
            System.setProperty("DJL_CACHE_DIR", dir.toString());
            System.setProperty("ENGINE_CACHE_DIR", dir.toString());
        }
        System.setProperty("offline", "true");
        System.setProperty("ai.djl.offline", "true");
    }

    @Override
    public int dimension() {
        return 384;
    }

    @Override
    public String model() {
        return "all-MiniLM-L6-v2-q";
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return model.embedAll(segments).content().stream().map(e -> e.vector()).toList();
    }
}
