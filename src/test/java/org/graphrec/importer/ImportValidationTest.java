package org.graphrec.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.graphrec.config.UserException;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.testing.SharedEmbeddedGraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every class of bad input: the import fails with one line naming file:line (or the file and row), and the graph
 * is exactly as it was (the example bundle imported before).
 */
class ImportValidationTest extends SharedEmbeddedGraph {

    @TempDir
    Path work;

    List<String> before;

    @BeforeEach
    void importBaseline() {
        new CatalogImporter().importPath(graph, ImportRequest.of(ImportFixturesTest.EXAMPLE)
                .withRejects(0, work.resolve("baseline-rejects.tsv")), ProgressTracker.none());
        before = GraphSnapshot.of(graph);
    }

    @AfterEach
    void graphIsUnchanged() {
        assertThat(GraphSnapshot.of(graph)).as("graph unchanged").isEqualTo(before);
    }

    private Path copy(Path source) throws IOException {
        Path dir = Files.createDirectories(work.resolve("input"));
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    private Path bundle() throws IOException {
        return copy(ImportFixturesTest.EXAMPLE);
    }

    private Path mmrec() throws IOException {
        return copy(ImportFixturesTest.FIXTURES.resolve("mmrec"));
    }

    private Exception failure(Path input) {
        return failure(ImportRequest.of(input));
    }

    private Exception failure(ImportRequest request) {
        try {
            new CatalogImporter().importPath(graph, request.withRejects(request.maxRejects(),
                    work.resolve("rejects.tsv")), ProgressTracker.none());
        } catch (UserException e) {
            return e;
        }
        throw new AssertionError("the import should have failed");
    }

    /** Writes {@code dir/text.npy} with {@code rows} copies of {@code row}. */
    private static void writeTextNpy(Path dir, int rows, float[] row) {
        float[][] copies = new float[rows][];
        java.util.Arrays.fill(copies, row);
        writeTextNpy(dir, copies);
    }

    /** Writes {@code dir/text.npy} with these rows, all of one width. */
    private static void writeTextNpy(Path dir, float[]... rows) {
        try (NpyWriter w = NpyWriter.create(dir.resolve("text.npy"), "<f4", rows.length, rows[0].length)) {
            for (float[] row : rows) {
                w.write(row);
            }
        }
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }

    @Test
    void shortRowIsRejectedWithFileAndLine() throws IOException {
        Path dir = mmrec();
        Files.writeString(dir.resolve("tiny.inter"), "userID\titemID\tx_label\trating\ttimestamp\r\n"
                + "0\t0\t0\t5\t100\r\n1\t2\r\n");
        assertThat(failure(dir)).hasMessageContaining("tiny.inter:3: expected 5 tab-separated columns")
                .hasMessageContaining("nothing was written").hasMessageContaining("found: 1\t2");
        assertThat(Files.readString(work.resolve("rejects.tsv"))).contains("tiny.inter:3\texpected 5");
    }

    /** Input made bad by one appended line, and the parts of the one-line error it must cause. */
    record BadLine(String name, Layout layout, String file, String line, String... expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    enum Layout { MMREC, BUNDLE }

    static Stream<BadLine> badLines() {
        return Stream.of(
                new BadLine("a non-numeric MMRec id", Layout.MMREC, "tiny.inter", "x1\t0\t0\t5\t100\r\n",
                        "tiny.inter:8: non-numeric userID 'x1'"),
                new BadLine("an interaction with an unknown item", Layout.BUNDLE, "interactions.csv",
                        "u1,i9,5,1700000000\n", "interactions.csv:10: unknown item 'i9' (not in items.csv"),
                new BadLine("a CSV vector of another dimension", Layout.BUNDLE, "image.csv", "i4,1,2,3\n",
                        "image.csv:5: dimension mismatch: 3 values, earlier rows have 2"),
                new BadLine("an unknown manifest key gets a suggestion", Layout.BUNDLE, "bundle.properties",
                        "items.titel = title\n", "unknown key 'items.titel'", "did you mean 'items.title'"),
                new BadLine("a missing column names the manifest key", Layout.BUNDLE, "bundle.properties",
                        "interactions.rating = stars\n",
                        "interactions.csv:1: no column 'stars' (interactions.rating)"));
    }

    @ParameterizedTest
    @MethodSource("badLines")
    void oneBadLineFailsTheImportWithOneLineNamingIt(BadLine bad) throws IOException {
        Path dir = bad.layout() == Layout.MMREC ? mmrec() : bundle();
        append(dir.resolve(bad.file()), bad.line());
        assertThat(failure(dir)).hasMessageContainingAll(bad.expected());
    }

    @Test
    void embeddingRowCountMustMatchTheItems() throws IOException {
        Path dir = bundle();
        writeTextNpy(dir, 3, new float[]{1, 2, 3});
        assertThat(failure(dir)).hasMessageContaining("text.npy: has 3 rows")
                .hasMessageContaining("expected 4, one per item (4 data rows of items.csv)");
    }

    @Test
    void nanOrInfinityInAVectorIsRejected() throws IOException {
        Path dir = bundle();
        writeTextNpy(dir, new float[]{1, 2, 3}, new float[]{1, Float.NaN, 3}, new float[]{1, 2, 3},
                new float[]{Float.POSITIVE_INFINITY, 2, 3});
        Exception e = failure(dir);
        assertThat(e).hasMessageContaining("2 rows rejected")
                .hasMessageContaining("text.npy row 1: vector of item 'i2' has NaN at column 1");
        assertThat(Files.readString(work.resolve("rejects.tsv"))).contains("text.npy row 3\tvector of item 'i4' has "
                + "Infinity");
    }

    @Test
    void vectorsOfAnotherDimensionThanTheGraphsFailBeforeWriting() throws IOException {
        Path dir = bundle();
        writeTextNpy(dir, 4, new float[]{1, 2, 3, 4, 5});
        assertThat(failure(dir)).hasMessageContaining("text.npy: 5-d text vectors, but the graph's text vectors "
                + "are 3-d");
    }

    @Test
    void fortranOrderAndOtherDtypesAreRefused() throws IOException {
        Path dir = bundle();
        byte[] header = NpyWriter.header("<f4", true, "(4, 3)");
        Files.write(dir.resolve("text.npy"), concat(header, new byte[48]));
        assertThat(failure(dir)).hasMessageContaining("text.npy: Fortran-ordered");
        Files.write(dir.resolve("text.npy"), concat(NpyWriter.header("<i8", false, "(4, 3)"), new byte[96]));
        assertThat(failure(dir)).hasMessageContaining("unsupported .npy dtype '<i8'");
    }

    @Test
    void emptyFilesAreRefused() throws IOException {
        Path dir = bundle();
        Files.writeString(dir.resolve("interactions.csv"), "");
        assertThat(failure(dir)).hasMessageContaining("interactions.csv:1: empty file");
        Files.writeString(dir.resolve("interactions.csv"), "user_id,item_id,rating,timestamp\n");
        assertThat(failure(dir)).hasMessageContaining("interactions.csv:2: no interactions");
    }

    @Test
    void invalidUtf8IsRejectedByLine() throws IOException {
        Path dir = bundle();
        byte[] bad = "i5,Caf\u00e9 ".getBytes(StandardCharsets.UTF_8);
        byte[] line = concat(concat(bad, new byte[]{(byte) 0xC3, (byte) 0x28}), ",,,\n".getBytes());
        Files.write(dir.resolve("items.csv"), line, java.nio.file.StandardOpenOption.APPEND);
        assertThat(failure(dir)).hasMessageContaining("items.csv:6: invalid UTF-8");
    }

    @Test
    void duplicateIdsWithConflictingAttributesAreRejected() throws IOException {
        Path dir = bundle();
        Files.writeString(dir.resolve("bundle.properties"), Files.readString(dir.resolve("bundle.properties"))
                .replace("embedding.text.file = text.npy", ""));
        append(dir.resolve("items.csv"), "i2,Road Runner,Cushioned road shoe,Stride,Shoes|Running\n");
        append(dir.resolve("items.csv"), "i1,Another title,,Stride,Shoes\n");
        // the identical repetition of i2 (line 6) is fine; the conflicting i1 (line 7) is not
        assertThat(failure(dir)).hasMessageContaining("1 row rejected")
                .hasMessageContaining("items.csv:7: duplicate item id 'i1' conflicts with items.csv:2: title");
    }

    @Test
    void malformedJsonIsRejected() throws IOException {
        Path dir = copy(ImportFixturesTest.FIXTURES.resolve("amazon"));
        Files.writeString(dir.resolve("Tiny_Cards_5.json"), "{\"reviewerID\": \"R1\", \"asin\": \"P1\"}\n"
                + "{\"reviewerID\": \"R2\", \"asin\": \n");
        assertThat(failure(dir)).hasMessageContaining("Tiny_Cards_5.json:2: malformed JSON");
    }

    @Test
    void rejectsUpToMaxRejectsAreSkippedAndListed() throws IOException {
        Path dir = bundle();
        append(dir.resolve("interactions.csv"), "u1,i9,5,1700000000\n");
        ImportResult result = new CatalogImporter().importPath(graph, ImportRequest.of(dir)
                .withRejects(1, work.resolve("rejects.tsv")), ProgressTracker.none());
        assertThat(result.rejects()).isEqualTo(1);
        assertThat(Files.readAllLines(work.resolve("rejects.tsv"))).containsExactly("location\treason\traw",
                "interactions.csv:10\tunknown item 'i9' (not in items.csv; set interactions.unknownItems = create "
                        + "to add such items)\tu1,i9,5,1700000000");
        // the rest was imported: same graph as the baseline
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
