package org.graphrec.importer.synthetic;

import org.graphrec.importer.NpyWriter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.graphrec.config.UserException;
import org.graphrec.progress.ProgressTracker;

/**
 * Writes a synthetic catalogue (see {@link SyntheticCatalogue} for its structure) as a CSV bundle
 * ({@code graph-import/BUNDLE-FORMAT.md}) or as an MMRec directory. Interactions are streamed user by user to
 * buffered writers, so 10 million rows need no more heap than the item tables.
 *
 * <p>With {@code days > 0}, the interactions of the last {@code days} days go to increment directories
 * {@code day-01} … (each a complete bundle holding that day's interactions and the users and items that first
 * appear that day); the output directory keeps everything before. The union of the base and the increments is
 * exactly the catalogue generated with the same parameters and {@code days = 0}.
 */
public final class SyntheticGenerator {

    /** Manifest file name of a bundle. */
    public static final String MANIFEST = "bundle.properties";
    /** Ground truth (not part of the bundle): the latent cluster of every item, for analysis and tests. */
    public static final String CLUSTERS_FILE = "latent-clusters.csv";
    private static final List<String> BUNDLE_FILES = List.of(MANIFEST, "users.csv", "items.csv", "interactions.csv",
            "text.npy", "image.npy", CLUSTERS_FILE);
    private static final Pattern DAY_DIRECTORY = Pattern.compile("day-\\d{2,}");
    private static final Pattern MMREC_FILE = Pattern.compile("synthetic-s-?\\d+\\.inter|text_feat\\.npy|"
            + "image_feat\\.npy|[ui]_id_mapping\\.csv");
    private static final int BUFFER = 1 << 20;

    private final SyntheticParameters parameters;
    private final int threads;

    /** A generator that computes user histories on up to 4 threads (the output does not depend on it). */
    public SyntheticGenerator(SyntheticParameters parameters) {
        this(parameters, defaultThreads());
    }

    /** A generator using {@code threads} worker threads for user histories (1 = the calling thread only). */
    public SyntheticGenerator(SyntheticParameters parameters, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, found " + threads);
        }
        this.parameters = parameters;
        this.threads = threads;
    }

    /** Heap the generator needs, in bytes, printable before the run. */
    public long estimateMemoryBytes() {
        return SyntheticCatalogue.estimateMemoryBytes(parameters);
    }

    /**
     * Writes the catalogue into {@code out}, which must be absent or empty unless {@code force} (then the files a
     * previous run wrote there are replaced; other files are left alone).
     */
    public SyntheticResult generate(Path out, boolean force, ProgressTracker progress) {
        long started = System.nanoTime();
        long heap = Runtime.getRuntime().maxMemory();
        if (estimateMemoryBytes() > heap) {
            throw new UserException(String.format(Locale.ROOT, "generate needs about %,d MiB of heap for %,d items "
                    + "and %,d users but the JVM may use only %,d MiB: raise it (e.g. JAVA_OPTS=-Xmx%dg) or generate "
                    + "fewer items", estimateMemoryBytes() >> 20, parameters.items(), parameters.users(), heap >> 20,
                    Math.max(1, (estimateMemoryBytes() >> 30) + 1)));
        }
        prepare(out, force);
        progress.log(String.format(Locale.ROOT, "generating %,d users, %,d items, %,d interactions (seed %d); "
                + "estimated memory %,d MiB", parameters.users(), parameters.items(), parameters.interactions(),
                parameters.seed(), estimateMemoryBytes() >> 20));
        progress.begin("build latent model", parameters.items());
        SyntheticCatalogue catalogue = new SyntheticCatalogue(parameters);
        progress.advance(parameters.items());
        progress.end();
        try {
            return parameters.layout() == SyntheticParameters.Layout.MMREC
                    ? new MmrecWriter(catalogue, out, progress, started, threads).write()
                    : new BundleWriter(catalogue, out, progress, started, threads).write();
        } catch (IOException e) {
            throw new UserException("cannot write " + out + ": " + e.getMessage(), UserException.INPUT_ERROR, e);
        } catch (java.io.UncheckedIOException e) { // NpyWriter reports I/O errors unchecked
            throw new UserException("cannot write " + out + ": " + e.getCause().getMessage(), UserException.INPUT_ERROR,
                    e);
        }
    }

    private void prepare(Path out, boolean force) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserException("--out " + out + " is a file, expected a directory");
        }
        try {
            if (Files.isDirectory(out)) {
                List<Path> entries;
                try (Stream<Path> list = Files.list(out)) {
                    entries = list.sorted().toList();
                }
                if (!entries.isEmpty() && !force) {
                    throw new UserException("--out " + out + " is not empty (" + entries.size() + " entries, e.g. "
                            + entries.get(0).getFileName() + "); choose another directory or add --force to "
                            + "replace a previous generate run");
                }
                for (Path entry : entries) {
                    removeGenerated(entry);
                }
            }
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UserException("cannot prepare --out " + out + ": " + e.getMessage(), UserException.INPUT_ERROR,
                    e);
        }
    }

    private static void removeGenerated(Path entry) throws IOException {
        String name = entry.getFileName().toString();
        if (Files.isDirectory(entry) && DAY_DIRECTORY.matcher(name).matches()) {
            try (Stream<Path> list = Files.list(entry)) {
                for (Path file : list.toList()) {
                    if (BUNDLE_FILES.contains(file.getFileName().toString())) {
                        Files.delete(file);
                    }
                }
            }
            try (Stream<Path> list = Files.list(entry)) {
                if (list.findAny().isEmpty()) {
                    Files.delete(entry);
                }
            }
        } else if (Files.isRegularFile(entry)
                && (BUNDLE_FILES.contains(name) || MMREC_FILE.matcher(name).matches())) {
            Files.delete(entry);
        }
    }

    static BufferedWriter writer(Path file) throws IOException {
        return new BufferedWriter(new java.io.OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
                BUFFER);
    }

    static String userId(int u) {
        return "u" + (u + 1);
    }

    static String itemId(int i) {
        return "i" + (i + 1);
    }

    /** The bundle layout, base plus optional daily increments. */
    private static final class BundleWriter extends LayoutWriter {
        private final Path[] dirs;
        private final int[] itemCounts;
        private final int[] userCounts;
        private final long[] interactionCounts;

        BundleWriter(SyntheticCatalogue catalogue, Path out, ProgressTracker progress, long started, int threads) {
            super(catalogue, out, progress, started, threads);
            int parts = p.days() + 1;
            dirs = new Path[parts];
            dirs[0] = out;
            for (int k = 1; k < parts; k++) {
                dirs[k] = out.resolve(String.format(Locale.ROOT, "day-%02d", k));
            }
            itemCounts = new int[parts];
            userCounts = new int[parts];
            interactionCounts = new long[parts];
        }

        private int part(long time) {
            long cut = p.incrementStartEpochSecond();
            return time < cut ? 0 : (int) Math.min(p.days(), 1 + (time - cut) / 86_400);
        }

        @Override
        SyntheticResult write() throws IOException {
            for (int k = 1; k < dirs.length; k++) {
                Files.createDirectories(dirs[k]);
            }
            writeItems();
            long[] perItem = writeUsersAndInteractions();
            for (int k = 1; k < dirs.length; k++) {
                if (interactionCounts[k] == 0) {
                    progress.log("warning: " + dirs[k].getFileName() + " has no interactions (too few users for "
                            + "--days " + p.days() + "); an importer may reject its header-only interactions.csv");
                }
            }
            for (int k = 0; k < dirs.length; k++) {
                if (userCounts[k] == 0) {
                    Path empty = dirs[k].resolve("users.csv");
                    Files.delete(empty);
                    files.remove(empty);
                }
                writeManifest(dirs[k], k);
            }
            List<SyntheticResult.Part> parts = new ArrayList<>();
            for (int k = 0; k < dirs.length; k++) {
                parts.add(new SyntheticResult.Part(dirs[k], userCounts[k], itemCounts[k], interactionCounts[k]));
            }
            return result(perItem, parts);
        }

        /**
         * Written last, when the counts are known: a part without new users or items names no users or items file
         * (an importer rejects header-only files), and an increment lets its interactions refer to items of
         * earlier parts ({@code interactions.unknownItems = create}).
         */
        private void writeManifest(Path dir, int part) throws IOException {
            Path file = dir.resolve(MANIFEST);
            String name = p.name() + (part == 0 ? "" : String.format(Locale.ROOT, "-day-%02d", part));
            StringBuilder text = new StringBuilder();
            text.append("# synthetic catalogue written by graphrec generate (see docs/generate.md)\n")
                    .append(String.format(Locale.ROOT, "# users=%d items=%d brands=%d categories=%d clusters=%d "
                            + "interactions=%d text-dim=%d image-dim=%d days=%d seed=%d%n", p.users(), p.items(),
                            p.brands(), p.categories(), p.clusters(), p.interactions(), p.textDim(), p.imageDim(),
                            p.days(), p.seed()));
            if (part == 0 && p.days() > 0) {
                text.append("# base catalogue: everything before the last ").append(p.days())
                        .append(" days; the daily increments are in day-01 … day-")
                        .append(String.format(Locale.ROOT, "%02d", p.days())).append('\n');
            } else if (part > 0) {
                text.append("# daily increment ").append(part).append(" of ").append(p.days())
                        .append(": that day's interactions and the users and items first seen that day;\n")
                        .append("# import it after the base and the earlier increments\n");
            }
            text.append(String.format(Locale.ROOT, "# this part: %d users, %d items, %d interactions%n",
                    userCounts[part], itemCounts[part], interactionCounts[part]));
            text.append("name = ").append(name).append('\n')
                    .append("csv.separator = ,\n");
            if (userCounts[part] > 0) {
                text.append("\nusers.file = users.csv\n")
                        .append("users.id = user_id\n");
            }
            if (itemCounts[part] > 0) {
                text.append("\nitems.file = items.csv\n")
                        .append("items.id = item_id\n")
                        .append("items.title = title\n")
                        .append("items.description = description\n")
                        .append("items.brand = brand\n")
                        .append("items.categories = categories\n")
                        .append("items.categories.separator = |\n");
            }
            text.append("\ninteractions.file = interactions.csv\n")
                    .append("interactions.user = user_id\n")
                    .append("interactions.item = item_id\n")
                    .append("interactions.rating = rating\n")
                    .append("interactions.timestamp = timestamp\n");
            if (part > 0) {
                text.append("interactions.unknownItems = create\n");
            }
            if (itemCounts[part] > 0) {
                text.append("\nembedding.text.file = text.npy\n")
                        .append("embedding.image.file = image.npy\n");
            }
            Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
            files.add(file);
        }

        private void writeItems() throws IOException {
            int parts = dirs.length;
            int[] itemPart = new int[p.items()];
            for (int i = 0; i < p.items(); i++) {
                itemPart[i] = part(c.itemRelease[i]);
                itemCounts[itemPart[i]]++;
            }
            BufferedWriter[] items = new BufferedWriter[parts];
            NpyWriter[] text = new NpyWriter[parts];
            NpyWriter[] image = new NpyWriter[parts];
            try (BufferedWriter truth = writer(out.resolve(CLUSTERS_FILE))) {
                for (int k = 0; k < parts; k++) {
                    if (itemCounts[k] == 0) {
                        continue;
                    }
                    items[k] = writer(track(dirs[k].resolve("items.csv")));
                    items[k].write("item_id,title,description,brand,categories\n");
                    text[k] = NpyWriter.create(track(dirs[k].resolve("text.npy")), "<f4", itemCounts[k],
                            p.textDim());
                    image[k] = NpyWriter.create(track(dirs[k].resolve("image.npy")), "<f4", itemCounts[k], p.imageDim());
                }
                files.add(out.resolve(CLUSTERS_FILE));
                truth.write("item_id,cluster\n");
                float[] textRow = new float[p.textDim()];
                float[] imageRow = new float[p.imageDim()];
                StringBuilder line = new StringBuilder(256);
                progress.begin("write items", p.items());
                for (int i = 0; i < p.items(); i++) {
                    int k = itemPart[i];
                    int[] categories = c.content.categories(i);
                    String[] words = c.content.titleAndDescription(i, categories);
                    line.setLength(0);
                    line.append(itemId(i)).append(',');
                    CsvCells.append(line, words[0]).append(',');
                    CsvCells.append(line, words[1]).append(',');
                    if (c.itemBrand[i] >= 0) {
                        CsvCells.append(line, c.brandNames[c.itemBrand[i]]);
                    }
                    line.append(',');
                    StringBuilder cell = new StringBuilder();
                    for (int j = 0; j < categories.length; j++) {
                        cell.append(j == 0 ? "" : "|").append(c.categoryNames[categories[j]]);
                    }
                    CsvCells.append(line, cell.toString()).append('\n');
                    items[k].append(line);
                    c.content.textVector(i, categories[0], textRow);
                    text[k].write(textRow);
                    c.content.imageVector(i, imageRow);
                    image[k].write(imageRow);
                    truth.write(itemId(i) + "," + c.itemCluster[i] + "\n");
                    if ((i & 4095) == 4095) {
                        progress.advance(4096);
                    }
                }
                progress.advance(p.items() & 4095);
                progress.end();
            } finally {
                for (int k = 0; k < parts; k++) {
                    close(items[k]);
                    close(text[k]);
                    close(image[k]);
                }
            }
        }

        private long[] writeUsersAndInteractions() throws IOException {
            int parts = dirs.length;
            BufferedWriter[] users = new BufferedWriter[parts];
            BufferedWriter[] interactions = new BufferedWriter[parts];
            long[] perItem = new long[p.items()];
            try {
                for (int k = 0; k < parts; k++) {
                    users[k] = writer(track(dirs[k].resolve("users.csv")));
                    users[k].write("user_id\n");
                    interactions[k] = writer(track(dirs[k].resolve("interactions.csv")));
                    interactions[k].write("user_id,item_id,rating,timestamp\n");
                }
                progress.begin("write interactions", p.interactions());
                BlockPipeline.run(p.users(), usersPerBlock(p.users(), threads), threads, this::produce, chunk -> {
                    try {
                        for (int k = 0; k < parts; k++) {
                            users[k].append(chunk.users[k]);
                            interactions[k].append(chunk.interactions[k]);
                            userCounts[k] += chunk.userCounts[k];
                            interactionCounts[k] += chunk.interactionCounts[k];
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    for (int j = 0; j < chunk.itemCount; j++) {
                        perItem[chunk.items[j]]++;
                    }
                    progress.advance(chunk.itemCount);
                });
                progress.end();
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            } finally {
                for (int k = 0; k < parts; k++) {
                    close(users[k]);
                    close(interactions[k]);
                }
            }
            return perItem;
        }

        /** The rows of users {@code [from, to)}, formatted per part (runs on a worker thread). */
        private Chunk produce(int from, int to) {
            int parts = dirs.length;
            Chunk chunk = new Chunk(parts);
            History h = HISTORY.get();
            if (h == null || h.taste.length != c.d) {
                h = new History(c.d);
                HISTORY.set(h);
            }
            for (int u = from; u < to; u++) {
                c.shoppers.history(u, h);
                String user = userId(u);
                int first = part(h.times[0]);
                chunk.users[first].append(user).append('\n');
                chunk.userCounts[first]++;
                chunk.reserve(h.count);
                for (int j = 0; j < h.count; j++) {
                    int k = part(h.times[j]);
                    chunk.interactions[k].append(user).append(",i").append(h.items[j] + 1).append(',')
                            .append(h.ratings[j]).append(',').append(h.times[j]).append('\n');
                    chunk.interactionCounts[k]++;
                    chunk.items[chunk.itemCount++] = h.items[j];
                }
            }
            return chunk;
        }
    }

    /** Formatted rows of one block of users, per part, with the items they touched. */
    private static final class Chunk {
        final StringBuilder[] users;
        final StringBuilder[] interactions;
        final int[] userCounts;
        final long[] interactionCounts;
        int[] items = new int[1024];
        int itemCount;

        Chunk(int parts) {
            users = new StringBuilder[parts];
            interactions = new StringBuilder[parts];
            for (int k = 0; k < parts; k++) {
                users[k] = new StringBuilder();
                interactions[k] = new StringBuilder(k == 0 ? 1 << 16 : 256);
            }
            userCounts = new int[parts];
            interactionCounts = new long[parts];
        }

        void reserve(int more) {
            if (itemCount + more > items.length) {
                items = java.util.Arrays.copyOf(items, Math.max(itemCount + more, 2 * items.length));
            }
        }
    }

    /**
     * Users per block handed to a worker: 64–2048, big enough to amortise the hand-over, small enough to bound
     * memory and to keep every thread busy on small catalogues. The output does not depend on it.
     */
    static int usersPerBlock(int users, int threads) {
        return Math.max(64, Math.min(2048, users / (8 * threads)));
    }
    private static final ThreadLocal<History> HISTORY = new ThreadLocal<>();

    /** Worker threads for user histories by default: the available processors, at most 4. */
    public static int defaultThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    static void close(AutoCloseable closeable) throws IOException {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
