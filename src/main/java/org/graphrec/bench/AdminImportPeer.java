package org.graphrec.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.graphrec.importer.Catalogue;
import org.graphrec.importer.EmbeddingSource;
import org.graphrec.importer.Interactions;
import org.graphrec.importer.ItemRecord;
import org.graphrec.importer.Split;
import org.neo4j.cli.AdminTool;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;

/**
 * Neo4j's own {@code neo4j-admin database import full}, run in this JVM on the same rows graphrec imports: the
 * validated catalogue is staged once as the tool's CSV files (users, items with title, description and every
 * modality's vectors as {@code float[]}, brands, categories, MADE_BY, IN_CATEGORY, INTERACTED with rating, ts and
 * split), then each run imports them into a fresh Neo4j home. Staging is not timed (the tool cannot read
 * graphrec's inputs); the files are deleted by {@link #close()}.
 */
final class AdminImportPeer implements AutoCloseable {

    private final Path dir;
    private final List<String> arguments = new ArrayList<>();

    private AdminImportPeer(Path dir) {
        this.dir = dir; // absolute and normalised (BenchDataset.tempDir): neo4j-admin refuses the others
    }

    /** Writes the tool's CSV files for {@code catalogue} (splits assigned) into a new directory under {@code work}. */
    static AdminImportPeer stage(Catalogue catalogue, Path work) {
        AdminImportPeer peer = new AdminImportPeer(BenchDataset.tempDir(work, "admin-import-"));
        try {
            peer.writeFiles(catalogue);
        } catch (IOException e) {
            peer.close();
            throw new UncheckedIOException(e);
        }
        return peer;
    }

    /** Imports the staged files into a fresh Neo4j home under {@code work}; returns the wall time in seconds. */
    double importOnce(Path work) {
        Path home = BenchDataset.tempDir(work, "admin-home-");
        try {
            Files.createDirectories(home.resolve("conf"));
            Files.writeString(home.resolve("conf/neo4j.conf"), "server.directories.data=" + home.resolve("data")
                    + "\n", StandardCharsets.UTF_8);
            List<String> args = new ArrayList<>(List.of("database", "import", "full", "neo4j",
                    "--report-file=" + dir.resolve("import.report")));
            args.addAll(arguments);
            long start = System.nanoTime();
            int code;
            try (PrintStream log = new PrintStream(Files.newOutputStream(dir.resolve("admin-import.log")), true,
                    StandardCharsets.UTF_8)) {
                code = AdminTool.execute(new ExecutionContext(home, home.resolve("conf"), log, log,
                        new DefaultFileSystemAbstraction()), args.toArray(new String[0]));
            }
            double seconds = Repeater.secondsSince(start);
            if (code != 0) {
                throw new IllegalStateException("neo4j-admin database import full exited with " + code + "; see "
                        + dir.resolve("admin-import.log"));
            }
            return seconds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(home);
        }
    }

    private void writeFiles(Catalogue catalogue) throws IOException {
        List<ItemRecord> items = catalogue.items();
        write("users.csv", "id:ID(User)", catalogue.users(), (out, id) -> cell(out, id));
        List<EmbeddingSource> modalities = catalogue.embeddings();
        List<float[][]> vectors = new ArrayList<>();
        StringBuilder header = new StringBuilder("id:ID(Item),title,description");
        for (EmbeddingSource m : modalities) {
            float[][] byItem = new float[items.size()][];
            m.forEach((item, vector) -> byItem[item] = vector.clone());
            vectors.add(byItem);
            header.append(',').append(m.property()).append(":float[]");
        }
        List<Integer> itemIndexes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            itemIndexes.add(i);
        }
        write("items.csv", header.toString(), itemIndexes, (out, i) -> {
            ItemRecord item = items.get(i);
            cell(out, item.id());
            out.append(',');
            cell(out, item.title());
            out.append(',');
            cell(out, item.description());
            for (float[][] byItem : vectors) {
                out.append(',');
                float[] v = byItem[i];
                for (int c = 0; v != null && c < v.length; c++) {
                    out.append(c == 0 ? "" : ";").append(v[c]);
                }
            }
        });
        Set<String> brands = new LinkedHashSet<>();
        Set<String> categories = new LinkedHashSet<>();
        List<String[]> madeBy = new ArrayList<>();
        List<String[]> inCategory = new ArrayList<>();
        for (ItemRecord item : items) {
            if (item.brand() != null) {
                brands.add(item.brand());
                madeBy.add(new String[] {item.id(), item.brand()});
            }
            for (String c : item.categories()) {
                categories.add(c);
                inCategory.add(new String[] {item.id(), c});
            }
        }
        write("brands.csv", "name:ID(Brand)", List.copyOf(brands), (out, name) -> cell(out, name));
        write("categories.csv", "name:ID(Category)", List.copyOf(categories), (out, name) -> cell(out, name));
        write("made_by.csv", ":START_ID(Item),:END_ID(Brand)", madeBy, AdminImportPeer::pair);
        write("in_category.csv", ":START_ID(Item),:END_ID(Category)", inCategory, AdminImportPeer::pair);
        Interactions rows = catalogue.interactions();
        List<Integer> rowIndexes = new java.util.AbstractList<>() {
            @Override
            public Integer get(int index) {
                return index;
            }

            @Override
            public int size() {
                return rows.size();
            }
        };
        write("interactions.csv", ":START_ID(User),:END_ID(Item),rating:double,ts:long,split", rowIndexes,
                (out, k) -> {
                    cell(out, catalogue.users().get(rows.user(k)));
                    out.append(',');
                    cell(out, items.get(rows.item(k)).id());
                    out.append(',').append(Float.isNaN(rows.rating(k)) ? "" : Double.toString(rows.rating(k)));
                    out.append(',').append(rows.timestamp(k) == Interactions.NO_TIMESTAMP ? ""
                            : Long.toString(rows.timestamp(k)));
                    Split split = rows.split(k);
                    out.append(',').append(split == null ? "" : split.graphValue());
                });
        Map<String, String> files = new LinkedHashMap<>();
        files.put("--nodes=User=", "users.csv");
        files.put("--nodes=Item=", "items.csv");
        files.put("--nodes=Brand=", "brands.csv");
        files.put("--nodes=Category=", "categories.csv");
        files.put("--relationships=MADE_BY=", "made_by.csv");
        files.put("--relationships=IN_CATEGORY=", "in_category.csv");
        files.put("--relationships=INTERACTED=", "interactions.csv");
        files.forEach((option, file) -> arguments.add(option + dir.resolve(file)));
    }

    private static void pair(StringBuilder out, String[] pair) {
        cell(out, pair[0]);
        out.append(',');
        cell(out, pair[1]);
    }

    private interface Row<T> {
        void append(StringBuilder out, T value);
    }

    private <T> void write(String file, String header, List<T> values, Row<T> row) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(file), StandardCharsets.UTF_8)) {
            out.write(header);
            out.write('\n');
            StringBuilder line = new StringBuilder();
            for (T value : values) {
                line.setLength(0);
                row.append(line, value);
                out.append(line).append('\n');
            }
        }
    }

    /** A quoted CSV cell ("" inside), empty for null; line breaks become spaces (the tool reads one line a row). */
    private static void cell(StringBuilder out, String value) {
        if (value == null) {
            return;
        }
        out.append('"').append(value.replace("\"", "\"\"").replace('\n', ' ').replace('\r', ' ')).append('"');
    }

    @Override
    public void close() {
        delete(dir);
    }

    private static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (var paths = Files.walk(path)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
