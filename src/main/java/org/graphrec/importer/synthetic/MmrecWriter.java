package org.graphrec.importer.synthetic;

import org.graphrec.importer.NpyWriter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.graphrec.progress.ProgressTracker;

/**
 * Writes a synthetic catalogue as an MMRec dataset directory: {@code <name>.inter} (tab-separated
 * {@code userID itemID x_label rating timestamp}, dense ids from 0, x_label 0/1/2 = train/valid/test from a
 * per-user random 8:1:1 split), {@code text_feat.npy} and {@code image_feat.npy} (row = itemID), and the
 * tab-separated id mappings {@code i_id_mapping.csv} ({@code asin itemID}) and {@code u_id_mapping.csv}
 * ({@code user_id userID}) with the same external ids the bundle layout uses.
 */
final class MmrecWriter extends LayoutWriter {

    MmrecWriter(SyntheticCatalogue catalogue, Path out, ProgressTracker progress, long started, int threads) {
        super(catalogue, out, progress, started, threads);
    }

    /** The name of the interaction file for these parameters. */
    static String interFile(SyntheticParameters p) {
        return p.name() + ".inter";
    }

    @Override
    SyntheticResult write() throws IOException {
        try (BufferedWriter items = SyntheticGenerator.writer(track(out.resolve("i_id_mapping.csv")));
                BufferedWriter truth = SyntheticGenerator.writer(track(out.resolve(SyntheticGenerator.CLUSTERS_FILE)));
                NpyWriter text = NpyWriter.create(track(out.resolve("text_feat.npy")), "<f4", p.items(), p.textDim());
                NpyWriter image = NpyWriter.create(track(out.resolve("image_feat.npy")), "<f4", p.items(),
                        p.imageDim())) {
            items.write("asin\titemID\n");
            truth.write("item_id,cluster\n");
            float[] textRow = new float[p.textDim()];
            float[] imageRow = new float[p.imageDim()];
            progress.begin("write items", p.items());
            for (int i = 0; i < p.items(); i++) {
                String id = SyntheticGenerator.itemId(i);
                items.write(id + "\t" + i + "\n");
                truth.write(id + "," + c.itemCluster[i] + "\n");
                c.content.textVector(i, c.content.categories(i)[0], textRow);
                text.write(textRow);
                c.content.imageVector(i, imageRow);
                image.write(imageRow);
                if ((i & 4095) == 4095) {
                    progress.advance(4096);
                }
            }
            progress.advance(p.items() & 4095);
            progress.end();
        }
        long[] perItem = new long[p.items()];
        try (BufferedWriter users = SyntheticGenerator.writer(track(out.resolve("u_id_mapping.csv")));
                BufferedWriter inter = SyntheticGenerator.writer(track(out.resolve(interFile(p))))) {
            users.write("user_id\tuserID\n");
            inter.write("userID\titemID\tx_label\trating\ttimestamp\n");
            progress.begin("write interactions", p.interactions());
            BlockPipeline.run(p.users(), SyntheticGenerator.usersPerBlock(p.users(), threads), threads,
                    this::produce, block -> {
                        try {
                            users.append(block.users);
                            inter.append(block.inter);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        for (int j = 0; j < block.itemCount; j++) {
                            perItem[block.items[j]]++;
                        }
                        progress.advance(block.itemCount);
                    });
            progress.end();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return result(perItem, List.of(new SyntheticResult.Part(out, p.users(), p.items(), p.interactions())));
    }

    /** Formatted rows of one block of users. */
    private static final class Block {
        final StringBuilder users = new StringBuilder();
        final StringBuilder inter = new StringBuilder(1 << 16);
        int[] items = new int[1024];
        int itemCount;
    }

    private Block produce(int from, int to) {
        Block block = new Block();
        History h = new History(c.d);
        for (int u = from; u < to; u++) {
            c.shoppers.history(u, h);
            Shoppers.randomSplit(p.seed(), u, h.count, h.splits);
            block.users.append(SyntheticGenerator.userId(u)).append('\t').append(u).append('\n');
            if (block.itemCount + h.count > block.items.length) {
                block.items = Arrays.copyOf(block.items, Math.max(block.itemCount + h.count, 2 * block.items.length));
            }
            for (int j = 0; j < h.count; j++) {
                block.inter.append(u).append('\t').append(h.items[j]).append('\t').append(h.splits[j]).append('\t')
                        .append(h.ratings[j]).append('\t').append(h.times[j]).append('\n');
                block.items[block.itemCount++] = h.items[j];
            }
        }
        return block;
    }
}
