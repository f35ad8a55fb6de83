package org.graphrec.search;

import org.graphrec.importer.MiniLmTextEmbedder;
import org.graphrec.importer.TextEmbedder;

/**
 * The text encoder of {@code import --embed-text}, loaded once per JVM on first use (about half a second) and
 * shared by every search: a query must be encoded by the model that made the items' text vectors.
 */
public final class QueryEncoder {

    private static volatile TextEmbedder loaded;

    private QueryEncoder() {
    }

    /** The MiniLM encoder (thread-safe to share: ONNX sessions run concurrently). */
    public static TextEmbedder miniLm() {
        TextEmbedder e = loaded;
        if (e == null) {
            synchronized (QueryEncoder.class) {
                e = loaded;
                if (e == null) {
                    e = MiniLmTextEmbedder.load();
                    loaded = e;
                }
            }
        }
        return e;
    }
}
