package org.graphrec.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.graphrec.config.UserException;
import org.graphrec.progress.ProgressTracker;

/**
 * Reads an MMRec dataset directory: {@code <name>.inter} (tab-separated, header {@code userID itemID x_label}
 * with optional {@code rating timestamp}; x_label 0/1/2 = train/valid/test; CRLF tolerated),
 * {@code <modality>_feat.npy} (row r = item r) and optional {@code i_id_mapping.csv} / {@code u_id_mapping.csv}
 * (tab-separated, header, external id then dense id) so the nodes carry the real ids.
 *
 * <p>Items are the dense ids 0..N-1, N = the item mapping's size when present, else the largest item id in the
 * {@code .inter} file + 1. Users are the ids in the {@code .inter} file (and the user mapping's, if any).
 */
public final class MmrecReader {

    private MmrecReader() {
    }

    /** True when {@code path} is an MMRec directory (holds exactly one {@code .inter} file) or an .inter file. */
    public static boolean looksLike(Path path) {
        if (Files.isRegularFile(path)) {
            return path.getFileName().toString().endsWith(".inter");
        }
        return Files.isDirectory(path) && !list(path, ".inter").isEmpty();
    }

    /** Reads and validates the dataset at {@code path} (a directory, or its .inter file). */
    public static Catalogue read(Path path, Rejects rejects, ProgressTracker progress) {
        Path dir = Files.isRegularFile(path) ? path.toAbsolutePath().getParent() : path;
        Path inter;
        if (Files.isRegularFile(path)) {
            inter = path;
        } else {
            List<Path> inters = list(dir, ".inter");
            if (inters.isEmpty()) {
                throw new UserException(dir + ": no <name>.inter file: not an MMRec dataset directory");
            }
            if (inters.size() > 1) {
                throw new UserException(dir + ": several .inter files " + inters.stream()
                        .map(p -> p.getFileName().toString()).toList() + "; pass one with --path DIR/NAME.inter");
            }
            inter = inters.get(0);
        }
        String interName = inter.getFileName().toString();
        String datasetName = interName.substring(0, interName.length() - ".inter".length());
        Catalogue.Builder catalogue = Catalogue.builder(datasetName, "mmrec").file(inter);

        String[] itemIds = readMapping(dir.resolve("i_id_mapping.csv"), "item", rejects, catalogue);
        String[] userIds = readMapping(dir.resolve("u_id_mapping.csv"), "user", rejects, catalogue);
        if (userIds != null) {
            for (String id : userIds) {
                if (id != null) {
                    catalogue.user(id);
                }
            }
        }
        if (itemIds != null) {
            for (int dense = 0; dense < itemIds.length; dense++) {
                if (itemIds[dense] == null) {
                    throw new UserException("i_id_mapping.csv: dense item ids must be 0.." + (itemIds.length - 1)
                            + " without gaps (one per row of the feature files); id " + dense + " is missing");
                }
                catalogue.item(itemIds[dense]);
            }
        }

        progress.begin("read " + interName, -1);
        try (DelimitedFile file = DelimitedFile.open(inter, interName, '\t', false, rejects)) {
            int user = file.column("userID", null);
            int item = file.column("itemID", null);
            int label = file.optionalColumn("x_label");
            int rating = file.optionalColumn("rating");
            int timestamp = file.optionalColumn("timestamp");
            int columns = file.header().size();
            DelimitedFile.Row row;
            long n = 0;
            while ((row = file.next()) != null) {
                if (++n % 50_000 == 0) {
                    progress.advance(50_000);
                }
                if (row.fields().size() < columns) {
                    rejects.add(row.line(), "expected " + columns + " tab-separated columns " + file.header()
                            + ", found " + row.fields().size());
                    continue;
                }
                if (row.fields().size() > columns) {
                    rejects.add(row.line(), "expected " + columns + " tab-separated columns " + file.header()
                            + ", found " + row.fields().size());
                    continue;
                }
                try {
                    int u = Fields.denseId(row.field(user), "userID");
                    int i = Fields.denseId(row.field(item), "itemID");
                    Split split = label < 0 ? null : Fields.split(row.field(label), "x_label");
                    float r = rating < 0 ? Float.NaN : Fields.rating(row.field(rating), "rating");
                    long ts = timestamp < 0 ? Interactions.NO_TIMESTAMP
                            : Fields.timestamp(row.field(timestamp), "timestamp");
                    if (label >= 0 && split == null) {
                        throw new Fields.Invalid("empty x_label (expected 0, 1 or 2)");
                    }
                    String userId;
                    if (userIds != null) {
                        if (u >= userIds.length || userIds[u] == null) {
                            throw new Fields.Invalid("unknown user " + u + " (not in u_id_mapping.csv)");
                        }
                        userId = userIds[u];
                    } else {
                        userId = Integer.toString(u);
                    }
                    int itemIndex;
                    if (itemIds != null) {
                        if (i >= itemIds.length || itemIds[i] == null) {
                            throw new Fields.Invalid("unknown item " + i + " (not in i_id_mapping.csv)");
                        }
                        itemIndex = i;
                    } else {
                        // dense ids 0..max become items "0".."max" in id order, so item index = dense id
                        while (catalogue.itemCount() <= i) {
                            catalogue.item(Integer.toString(catalogue.itemCount()));
                        }
                        itemIndex = i;
                    }
                    catalogue.interaction(catalogue.user(userId), itemIndex, r, ts, split);
                } catch (Fields.Invalid e) {
                    rejects.add(row.line(), e.getMessage());
                }
            }
            progress.advance(n % 50_000);
            if (n == 0) {
                throw new UserException(interName + ":2: no interactions: the file has a header but no rows");
            }
        } finally {
            progress.end();
        }
        int itemCount = catalogue.itemCount();
        String origin = itemIds != null ? "rows of i_id_mapping.csv" : "item ids 0.." + (itemCount - 1) + " in "
                + interName;
        for (Path feat : list(dir, "_feat.npy")) {
            String fileName = feat.getFileName().toString();
            String modality = fileName.substring(0, fileName.length() - "_feat.npy".length())
                    .toLowerCase(Locale.ROOT);
            if (!modality.matches("[a-z][a-z0-9]*")) {
                throw new UserException(fileName + ": modality name '" + modality
                        + "' must be letters and digits (e.g. image_feat.npy)");
            }
            progress.log("checking " + fileName);
            catalogue.file(feat);
            catalogue.embedding(NpyEmbeddings.validate(modality, feat, fileName, itemCount, origin, rejects,
                    index -> catalogue.item(index).id()));
        }
        return catalogue.build();
    }

    /**
     * Reads a tab-separated mapping {@code external<TAB>dense} with a header; returns external ids by dense id.
     */
    private static String[] readMapping(Path file, String what, Rejects rejects, Catalogue.Builder catalogue) {
        if (!Files.exists(file)) {
            return null;
        }
        catalogue.file(file);
        String name = file.getFileName().toString();
        List<String> ids = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        try (DelimitedFile csv = DelimitedFile.open(file, name, '\t', false, rejects)) {
            if (csv.header().size() < 2) {
                throw new UserException(name + ":1: expected a header of two tab-separated columns "
                        + "(external id, dense id), found " + csv.header());
            }
            DelimitedFile.Row row;
            while ((row = csv.next()) != null) {
                if (row.fields().size() != 2) {
                    rejects.add(row.line(), "expected 2 tab-separated columns (external id, dense id), found "
                            + row.fields().size());
                    continue;
                }
                String external = row.field(0).strip();
                try {
                    int dense = Fields.denseId(row.field(1), what + " id");
                    if (external.isEmpty()) {
                        throw new Fields.Invalid("empty external " + what + " id");
                    }
                    while (ids.size() <= dense) {
                        ids.add(null);
                    }
                    if (ids.get(dense) != null && !ids.get(dense).equals(external)) {
                        throw new Fields.Invalid("duplicate dense " + what + " id " + dense + " maps to '"
                                + ids.get(dense) + "' and '" + external + "'");
                    }
                    String previous = seen.putIfAbsent(external, row.line().where());
                    if (previous != null && ids.get(dense) == null) {
                        throw new Fields.Invalid("duplicate " + what + " id '" + external + "' conflicts with "
                                + previous + " (another dense id)");
                    }
                    ids.set(dense, external);
                } catch (Fields.Invalid e) {
                    rejects.add(row.line(), e.getMessage());
                }
            }
            if (csv.rows() == 0) {
                throw new UserException(name + ":2: no rows: the file has a header but no mapping");
            }
        }
        return ids.toArray(String[]::new);
    }

    /** Files in {@code dir} whose names end with {@code suffix}, sorted by name. */
    static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
