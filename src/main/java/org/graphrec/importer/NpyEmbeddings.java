package org.graphrec.importer;

import java.nio.file.Path;
import java.util.BitSet;
import org.graphrec.config.UserException;

/**
 * Vectors from a {@code .npy} file whose row r belongs to item index r of the catalogue (MMRec feature files,
 * bundle {@code .npy} files in items-file order). Streams the file; never holds it in memory.
 */
public final class NpyEmbeddings extends EmbeddingSource {

    private final Path path;
    private final long rows;
    private final BitSet rejected = new BitSet();
    private int[] rowToItem;

    private NpyEmbeddings(String modality, Path path, String name, int dimension, long rows) {
        super(modality, name, dimension);
        this.path = path;
        this.rows = rows;
    }

    /**
     * Checks {@code path} against the catalogue: a supported 2-d array with exactly {@code itemCount} rows, then
     * streams it once to reject rows holding NaN or infinity.
     *
     * @param itemCount   the number of items the rows must match
     * @param itemsOrigin what defines the items, for the message (e.g. "item ids 0..6709 in tiktok.inter")
     */
    public static NpyEmbeddings validate(String modality, Path path, String name, int itemCount, String itemsOrigin,
                                         Rejects rejects, java.util.function.IntFunction<String> itemId) {
        return validate(modality, path, name, itemCount, itemsOrigin, rejects, itemId, null);
    }

    /**
     * As {@link #validate(String, Path, String, int, String, Rejects, java.util.function.IntFunction)}, with row r
     * belonging to item index {@code rowToItem[r]} ({@code -1}: skip the row, its item was rejected).
     */
    public static NpyEmbeddings validate(String modality, Path path, String name, int itemCount, String itemsOrigin,
                                         Rejects rejects, java.util.function.IntFunction<String> itemId,
                                         int[] rowToItem) {
        try (NpyReader reader = NpyReader.open(path)) {
            NpyHeader header = reader.header();
            if (header.shape().length != 2) {
                throw new UserException(name + ": expected a 2-d array (items × dimension), found shape "
                        + header.shapeText());
            }
            if (header.rows() != itemCount) {
                throw new UserException(name + ": has " + header.rows() + " rows (shape " + header.shapeText()
                        + ") but expected " + itemCount + ", one per item (" + itemsOrigin + ")");
            }
            if (header.columns() == 0) {
                throw new UserException(name + ": vectors have dimension 0 (shape " + header.shapeText() + ")");
            }
            NpyEmbeddings source = new NpyEmbeddings(modality, path, name, reader.columns(), header.rows());
            source.rowToItem = rowToItem;
            float[] row = new float[reader.columns()];
            long r = 0;
            while (reader.next(row)) {
                if (rowToItem != null && rowToItem[(int) r] < 0) {
                    source.rejected.set((int) r);
                    r++;
                    continue;
                }
                for (int c = 0; c < row.length; c++) {
                    if (!Float.isFinite(row[c])) {
                        source.rejected.set((int) r);
                        rejects.add(name + " row " + r, "vector of item '"
                                + itemId.apply(rowToItem == null ? (int) r : rowToItem[(int) r]) + "' has "
                                + row[c] + " at column " + c, null);
                        break;
                    }
                }
                r++;
            }
            return source;
        }
    }

    @Override
    public long vectors() {
        return rows - rejected.cardinality();
    }

    @Override
    public void forEach(VectorConsumer consumer) {
        try (NpyReader reader = NpyReader.open(path)) {
            float[] row = new float[dimension()];
            int r = 0;
            while (reader.next(row)) {
                if (!rejected.get(r)) {
                    consumer.accept(rowToItem == null ? r : rowToItem[r], row);
                }
                r++;
            }
        }
    }
}
