package org.graphrec.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.graphrec.config.Suggestions;
import org.graphrec.config.UserException;
import org.graphrec.progress.ProgressTracker;

/**
 * Reads a CSV bundle described by a {@code .properties} manifest (see {@code graph-import/BUNDLE-FORMAT.md}):
 * users, items (CSV/TSV or JSON lines), interactions and per-modality vectors ({@code .npy} in items-file row
 * order, or CSV {@code id,v1,…,vd}).
 */
public final class BundleReader {

    private static final Set<String> KEYS = Set.of("name", "data.dir", "csv.separator",
            "users.file", "users.id",
            "items.file", "items.id", "items.title", "items.description", "items.brand", "items.brand.fallback",
            "items.categories", "items.categories.separator",
            "interactions.file", "interactions.user", "interactions.item", "interactions.rating",
            "interactions.timestamp", "interactions.split", "interactions.unknownItems");
    private static final Pattern EMBEDDING_KEY = Pattern.compile("embedding\\.([a-z][a-z0-9]*)\\.file");

    private BundleReader() {
    }

    /** The manifest named by {@code path}: a .properties file, or a directory's bundle.properties (or only one). */
    public static Path manifest(Path path) {
        if (Files.isRegularFile(path)) {
            return path;
        }
        Path bundle = path.resolve("bundle.properties");
        if (Files.isRegularFile(bundle)) {
            return bundle;
        }
        List<Path> manifests = Files.isDirectory(path) ? MmrecReader.list(path, ".properties") : List.of();
        if (manifests.size() == 1) {
            return manifests.get(0);
        }
        throw new UserException(path + ": no bundle manifest (bundle.properties)" + (manifests.isEmpty() ? ""
                : "; several .properties files " + manifests.stream().map(p -> p.getFileName().toString()).toList()
                + ": pass one with --path"));
    }

    /** True when {@code path} is a .properties manifest or a directory with bundle.properties. */
    public static boolean looksLike(Path path) {
        if (Files.isRegularFile(path)) {
            return path.getFileName().toString().endsWith(".properties");
        }
        return Files.isRegularFile(path.resolve("bundle.properties"));
    }

    /** Reads and validates the bundle whose manifest is (or is in) {@code path}. */
    public static Catalogue read(Path path, Rejects rejects, ProgressTracker progress) {
        Path manifestFile = manifest(path);
        Manifest m = Manifest.load(manifestFile);
        Catalogue.Builder catalogue = Catalogue.builder(m.get("name", stripExtension(manifestFile)), "bundle");
        catalogue.file(manifestFile);
        char separator = DelimitedFile.separator(m.get("csv.separator", ","), "csv.separator");

        if (m.has("users.file")) {
            Path file = m.file("users.file");
            catalogue.file(file);
            String name = file.getFileName().toString();
            try (DelimitedFile csv = DelimitedFile.open(file, name, separatorFor(file, separator), true, rejects)) {
                int id = csv.column(m.get("users.id", "user_id"), "users.id");
                DelimitedFile.Row row;
                while ((row = csv.next()) != null) {
                    String user = row.field(id);
                    if (user == null || user.isBlank()) {
                        rejects.add(row.line(), row.fields().size() <= id ? "short row: no column '"
                                + csv.header().get(id) + "'" : "empty user id");
                        continue;
                    }
                    catalogue.user(user.strip());
                }
                if (csv.rows() == 0) {
                    throw new UserException(name + ":2: no users: the file has a header but no rows");
                }
            }
        }

        int[] itemRows = null;
        boolean itemsGiven = m.has("items.file");
        if (itemsGiven) {
            Path file = m.file("items.file");
            catalogue.file(file);
            progress.begin("read " + file.getFileName(), -1);
            try {
                itemRows = isJson(file) ? readJsonItems(file, m, catalogue, rejects)
                        : readCsvItems(file, m, separatorFor(file, separator), catalogue, rejects);
                progress.advance(itemRows.length); // the line said "read items.csv: 0" for every catalogue
            } finally {
                progress.end();
            }
        }

        Path interactions = m.file("interactions.file");
        catalogue.file(interactions);
        String unknownItems = m.get("interactions.unknownItems", itemsGiven ? "reject" : "create");
        if (!unknownItems.equals("reject") && !unknownItems.equals("create")) {
            throw new UserException(m.name + ": interactions.unknownItems must be 'reject' or 'create', found '"
                    + unknownItems + "'");
        }
        readInteractions(interactions, m, separatorFor(interactions, separator),
                itemsGiven && unknownItems.equals("reject"), catalogue, rejects, progress);

        for (String key : m.embeddingKeys()) {
            String modality = EMBEDDING_KEY.matcher(key).replaceFirst("$1");
            Path file = m.file(key);
            catalogue.file(file);
            String name = file.getFileName().toString();
            progress.log("checking " + name);
            if (name.endsWith(".npy")) {
                if (itemRows == null) {
                    throw new UserException(m.name + ": " + key + " is a .npy file, whose rows follow items.file; "
                            + "items.file is missing");
                }
                int[] rows = itemRows;
                catalogue.embedding(NpyEmbeddings.validate(modality, file, name, rows.length,
                        rows.length + " data rows of " + m.get("items.file", ""), rejects,
                        index -> catalogue.item(index).id(), rows));
            } else {
                catalogue.embedding(readCsvVectors(modality, file, separatorFor(file, separator), catalogue,
                        rejects));
            }
        }
        return catalogue.build();
    }

    private static int[] readCsvItems(Path file, Manifest m, char separator, Catalogue.Builder catalogue,
                                      Rejects rejects) {
        String name = file.getFileName().toString();
        List<Integer> rows = new ArrayList<>();
        try (DelimitedFile csv = DelimitedFile.open(file, name, separator, true, rejects)) {
            int id = csv.column(m.get("items.id", "item_id"), "items.id");
            int title = m.column(csv, "items.title", "title");
            int description = m.column(csv, "items.description", "description");
            int brand = m.column(csv, "items.brand", "brand");
            int brandFallback = m.column(csv, "items.brand.fallback", null);
            int categories = m.column(csv, "items.categories", "categories");
            String categorySeparator = m.get("items.categories.separator", "|");
            int columns = csv.header().size();
            DelimitedFile.Row row;
            while ((row = csv.next()) != null) {
                if (row.fields().size() != columns) {
                    rejects.add(row.line(), "expected " + columns + " columns " + csv.header() + ", found "
                            + row.fields().size());
                    rows.add(-1);
                    continue;
                }
                String itemId = row.field(id).strip();
                if (itemId.isEmpty()) {
                    rejects.add(row.line(), "empty item id");
                    rows.add(-1);
                    continue;
                }
                String brandName = field(row, brand);
                if ((brandName == null || brandName.isBlank()) && brandFallback >= 0) {
                    brandName = field(row, brandFallback);
                }
                List<String> cats = new ArrayList<>();
                String cell = field(row, categories);
                if (cell != null && !cell.isBlank()) {
                    cats.addAll(List.of(cell.split(Pattern.quote(categorySeparator))));
                }
                ItemRecord item = new ItemRecord(itemId, field(row, title), field(row, description), brandName, cats);
                rows.add(accept(catalogue, item, row.line(), rejects));
            }
            if (csv.rows() == 0) {
                throw new UserException(name + ":2: no items: the file has a header but no rows");
            }
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int accept(Catalogue.Builder catalogue, ItemRecord item, SourceLine line, Rejects rejects) {
        String conflict = catalogue.putItem(item, line.where());
        if (conflict != null) {
            rejects.add(line, conflict);
            return -1;
        }
        return catalogue.findItem(item.id());
    }

    private static String field(DelimitedFile.Row row, int column) {
        return column < 0 ? null : row.field(column);
    }

    private static int[] readJsonItems(Path file, Manifest m, Catalogue.Builder catalogue, Rejects rejects) {
        String name = file.getFileName().toString();
        String id = m.get("items.id", "item_id");
        String categorySeparator = m.get("items.categories.separator", "|");
        List<Integer> rows = new ArrayList<>();
        try (TextLines lines = TextLines.open(file)) {
            TextLines.Line line;
            while ((line = lines.nextNonBlank(name, rejects)) != null) {
                if (!line.isValid()) {
                    rows.add(-1);
                    continue;
                }
                SourceLine source = new SourceLine(name, line.number(), line.text());
                try {
                    JsonNode object = JsonLines.parse(line.text());
                    String itemId = JsonLines.text(JsonLines.at(object, id));
                    if (itemId == null) {
                        throw new Fields.Invalid("missing item id field '" + id + "' (items.id)");
                    }
                    String brand = JsonLines.text(JsonLines.at(object, m.get("items.brand", "brand")));
                    if (brand == null) {
                        brand = JsonLines.text(JsonLines.at(object, m.get("items.brand.fallback", null)));
                    }
                    ItemRecord item = new ItemRecord(itemId,
                            JsonLines.text(JsonLines.at(object, m.get("items.title", "title"))),
                            JsonLines.text(JsonLines.at(object, m.get("items.description", "description"))),
                            brand,
                            JsonLines.list(JsonLines.at(object, m.get("items.categories", "categories")),
                                    categorySeparator));
                    rows.add(accept(catalogue, item, source, rejects));
                } catch (Fields.Invalid e) {
                    rejects.add(source, e.getMessage());
                    rows.add(-1);
                }
            }
        }
        if (rows.isEmpty()) {
            throw new UserException(name + ":1: empty file: expected one item (JSON object) a line");
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void readInteractions(Path file, Manifest m, char separator, boolean rejectUnknownItems,
                                         Catalogue.Builder catalogue, Rejects rejects, ProgressTracker progress) {
        String name = file.getFileName().toString();
        progress.begin("read " + name, -1);
        try (DelimitedFile csv = DelimitedFile.open(file, name, separator, true, rejects)) {
            int user = csv.column(m.get("interactions.user", "user_id"), "interactions.user");
            int item = csv.column(m.get("interactions.item", "item_id"), "interactions.item");
            int rating = m.column(csv, "interactions.rating", "rating");
            int timestamp = m.column(csv, "interactions.timestamp", "timestamp");
            int split = m.column(csv, "interactions.split", "split");
            int columns = csv.header().size();
            String itemsFile = m.get("items.file", "");
            DelimitedFile.Row row;
            while ((row = csv.next()) != null) {
                if (csv.rows() % 50_000 == 0) {
                    progress.advance(50_000);
                }
                if (row.fields().size() != columns) {
                    rejects.add(row.line(), "expected " + columns + " columns " + csv.header() + ", found "
                            + row.fields().size());
                    continue;
                }
                try {
                    String u = row.field(user).strip();
                    String i = row.field(item).strip();
                    if (u.isEmpty()) {
                        throw new Fields.Invalid("empty user id");
                    }
                    if (i.isEmpty()) {
                        throw new Fields.Invalid("empty item id");
                    }
                    float r = rating < 0 ? Float.NaN : Fields.rating(row.field(rating), csv.header().get(rating));
                    long ts = timestamp < 0 ? Interactions.NO_TIMESTAMP
                            : Fields.timestamp(row.field(timestamp), csv.header().get(timestamp));
                    Split s = split < 0 ? null : Fields.split(row.field(split), csv.header().get(split));
                    if (split >= 0 && s == null) {
                        throw new Fields.Invalid("empty " + csv.header().get(split));
                    }
                    int itemIndex = catalogue.findItem(i);
                    if (itemIndex < 0) {
                        if (rejectUnknownItems) {
                            throw new Fields.Invalid("unknown item '" + i + "' (not in " + itemsFile
                                    + "; set interactions.unknownItems = create to add such items)");
                        }
                        itemIndex = catalogue.item(i);
                    }
                    catalogue.interaction(catalogue.user(u), itemIndex, r, ts, s);
                } catch (Fields.Invalid e) {
                    rejects.add(row.line(), e.getMessage());
                }
            }
            progress.advance(csv.rows() % 50_000);
            if (csv.rows() == 0) {
                throw new UserException(name + ":2: no interactions: the file has a header but no rows");
            }
        } finally {
            progress.end();
        }
    }

    private static InMemoryEmbeddings readCsvVectors(String modality, Path file, char separator,
                                                     Catalogue.Builder catalogue, Rejects rejects) {
        String name = file.getFileName().toString();
        InMemoryEmbeddings vectors = null;
        Map<Integer, String> seen = new HashMap<>();
        int dimension = -1;
        long rows = 0;
        try (TextLines lines = TextLines.open(file)) {
            TextLines.Line line;
            while ((line = lines.nextNonBlank(name, rejects)) != null) {
                if (!line.isValid()) {
                    continue;
                }
                SourceLine source = new SourceLine(name, line.number(), line.text());
                List<String> fields;
                try {
                    fields = Csv.split(line.text(), separator);
                } catch (Csv.MalformedRecord e) {
                    rejects.add(source, "malformed CSV: " + e.getMessage());
                    continue;
                }
                if (line.number() == 1 && fields.size() > 1 && !isNumber(fields.get(1))) {
                    continue; // header
                }
                rows++;
                try {
                    if (fields.size() < 2) {
                        throw new Fields.Invalid("expected id,v1,…,vd, found " + fields.size() + " field");
                    }
                    if (dimension < 0) {
                        dimension = fields.size() - 1;
                        vectors = new InMemoryEmbeddings(modality, name, dimension);
                    } else if (fields.size() - 1 != dimension) {
                        throw new Fields.Invalid("dimension mismatch: " + (fields.size() - 1)
                                + " values, earlier rows have " + dimension);
                    }
                    String id = fields.get(0).strip();
                    int item = catalogue.findItem(id);
                    if (item < 0) {
                        throw new Fields.Invalid("unknown item '" + id + "' (no such item in the bundle)");
                    }
                    float[] v = new float[dimension];
                    for (int c = 0; c < dimension; c++) {
                        v[c] = Fields.component(fields.get(c + 1), c + 1);
                    }
                    String previous = seen.putIfAbsent(item, source.where());
                    if (previous != null) {
                        throw new Fields.Invalid("duplicate vector for item '" + id + "' (first at " + previous + ")");
                    }
                    vectors.put(item, v);
                } catch (Fields.Invalid e) {
                    rejects.add(source, e.getMessage());
                }
            }
        }
        if (rows == 0 || vectors == null) {
            throw new UserException(name + ":1: empty file: expected rows id,v1,…,vd");
        }
        return vectors;
    }

    private static boolean isNumber(String text) {
        try {
            Double.parseDouble(text.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isJson(Path file) {
        String n = file.getFileName().toString();
        return n.endsWith(".jsonl") || n.endsWith(".json") || n.endsWith(".jsonl.gz") || n.endsWith(".json.gz");
    }

    private static char separatorFor(Path file, char configured) {
        String n = file.getFileName().toString();
        return n.endsWith(".tsv") || n.endsWith(".tsv.gz") ? '\t' : configured;
    }

    private static String stripExtension(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /**
     * The manifest's keys, validated ("did you mean" for unknown ones), with paths resolved against data.dir.
     *
     * @param name the manifest's file name, for messages
     */
    record Manifest(String name, Properties properties, Path dataDir) {

        static Manifest load(Path file) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException e) {
                throw new UserException(file + ": cannot read the manifest: " + e.getMessage());
            }
            String name = file.getFileName().toString();
            Set<String> known = new TreeSet<>(KEYS);
            for (String key : p.stringPropertyNames()) {
                if (!KEYS.contains(key) && !EMBEDDING_KEY.matcher(key).matches()) {
                    throw new UserException(name + ": unknown key '" + key + "'"
                            + Suggestions.didYouMean(key, known)
                            + " (embedding keys look like embedding.image.file)");
                }
                // inline comments ("value   # note") as BUNDLE-FORMAT.md shows them
                String value = p.getProperty(key);
                int hash = value.indexOf(" #");
                if (hash >= 0) {
                    value = value.substring(0, hash);
                }
                p.setProperty(key, value.strip());
            }
            Path base = file.toAbsolutePath().getParent();
            String dir = p.getProperty("data.dir");
            Path dataDir = dir == null || dir.isBlank() ? base : base.resolve(dir).normalize();
            if (!Files.isDirectory(dataDir)) {
                throw new UserException(name + ": data.dir " + dir + " is not a directory (resolved to " + dataDir
                        + ")");
            }
            if (p.getProperty("interactions.file") == null) {
                throw new UserException(name + ": interactions.file is required");
            }
            return new Manifest(name, p, dataDir);
        }

        boolean has(String key) {
            String v = properties.getProperty(key);
            return v != null && !v.isBlank();
        }

        String get(String key, String fallback) {
            return has(key) ? properties.getProperty(key) : fallback;
        }

        Path file(String key) {
            Path file = dataDir.resolve(properties.getProperty(key)).normalize();
            if (!Files.isRegularFile(file)) {
                throw new UserException(name + ": " + key + " = " + properties.getProperty(key)
                        + ": no such file (" + file + ")");
            }
            return file;
        }

        List<String> embeddingKeys() {
            return properties.stringPropertyNames().stream().filter(k -> EMBEDDING_KEY.matcher(k).matches())
                    .sorted().toList();
        }

        /**
         * The column of optional attribute {@code key}: an error when the key names a missing column; when the key
         * is absent, {@code defaultColumn} if the header has it, else -1.
         */
        int column(DelimitedFile csv, String key, String defaultColumn) {
            if (has(key)) {
                return csv.column(properties.getProperty(key), key);
            }
            return csv.optionalColumn(defaultColumn);
        }
    }
}
