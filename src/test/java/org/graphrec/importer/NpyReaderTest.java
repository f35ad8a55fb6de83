package org.graphrec.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.graphrec.config.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NpyReaderTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "half 0x{0} = {1}")
    @CsvSource({
            "3C00, 1.0",
            "C000, -2.0",
            "3555, 0.333251953125",
            "7BFF, 65504.0",
            "0400, 6.103515625E-5",   // smallest normal 2^-14
            "0001, 5.9604644775390625E-8", // smallest subnormal 2^-24
            "03FF, 6.097555160522461E-5",  // largest subnormal 1023 × 2^-24
            "0000, 0.0",
            "3BFF, 0.99951171875",
            "4248, 3.140625",
    })
    void decodesFloat16BitPatternsExactly(String hex, double expected) {
        assertThat(NpyReader.halfToFloat((short) Integer.parseInt(hex, 16))).isEqualTo((float) expected);
    }

    @Test
    void decodesFloat16SpecialValues() {
        assertThat(NpyReader.halfToFloat((short) 0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(NpyReader.halfToFloat((short) 0xFC00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(NpyReader.halfToFloat((short) 0x7E00)).isNaN();
        assertThat(Float.floatToRawIntBits(NpyReader.halfToFloat((short) 0x8000)))
                .isEqualTo(Float.floatToRawIntBits(-0.0f));
    }

    @Test
    void roundTripsEveryFiniteHalfThroughTheWriter() {
        for (int bits = 0; bits < 0x10000; bits++) {
            float value = NpyReader.halfToFloat((short) bits);
            if (!Float.isNaN(value)) {
                assertThat(NpyWriter.floatToHalf(value) & 0xffff).as("bits %04x", bits).isEqualTo(bits);
            }
        }
    }

    @Test
    void readsFloat16RowsFromAVersion1File() throws IOException {
        Path file = npy(1, "<f2", false, "(2, 3)", shorts(0x3C00, 0xC000, 0x3555, 0x0001, 0x7BFF, 0x8000));
        try (NpyReader reader = NpyReader.open(file)) {
            assertThat(reader.rows()).isEqualTo(2);
            assertThat(reader.columns()).isEqualTo(3);
            float[] row = new float[3];
            assertThat(reader.next(row)).isTrue();
            assertThat(row).containsExactly(1.0f, -2.0f, 0.333251953125f);
            assertThat(reader.next(row)).isTrue();
            assertThat(row).containsExactly(0x1p-24f, 65504f, -0.0f);
            assertThat(reader.next(row)).isFalse();
        }
    }

    @Test
    void readsFloat32AndFloat64WithVersion2And3Headers() throws IOException {
        ByteBuffer f4 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-0.25f);
        Path v2 = npy(2, "<f4", false, "(2,)", f4.array());
        try (NpyReader reader = NpyReader.open(v2)) {
            assertThat(reader.header().version()).isEqualTo(2);
            assertThat(reader.columns()).isEqualTo(1);
            float[] row = new float[1];
            reader.next(row);
            assertThat(row[0]).isEqualTo(1.5f);
            reader.next(row);
            assertThat(row[0]).isEqualTo(-0.25f);
        }
        ByteBuffer f8 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.1).putDouble(1e10);
        Path v3 = npy(3, "<f8", false, "(1, 2)", f8.array());
        try (NpyReader reader = NpyReader.open(v3)) {
            float[] row = new float[2];
            assertThat(reader.next(row)).isTrue();
            assertThat(row).containsExactly(0.1f, 1e10f);
        }
    }

    @Test
    void streamsManyRowsThroughItsBuffer() {
        Path file = dir.resolve("big.npy");
        int rows = 20_000;
        try (NpyWriter writer = NpyWriter.create(file, "<f4", rows, 64)) {
            float[] row = new float[64];
            for (int r = 0; r < rows; r++) {
                java.util.Arrays.fill(row, r);
                writer.write(row);
            }
        }
        try (NpyReader reader = NpyReader.open(file)) {
            float[] row = new float[64];
            int r = 0;
            while (reader.next(row)) {
                assertThat(row[0]).isEqualTo(r);
                assertThat(row[63]).isEqualTo(r);
                r++;
            }
            assertThat(r).isEqualTo(rows);
        }
    }

    @Test
    void rejectsFortranOrderWithAHint() throws IOException {
        Path file = npy(1, "<f4", true, "(1, 1)", new byte[4]);
        assertThatThrownBy(() -> NpyReader.open(file)).isInstanceOf(UserException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("Fortran-ordered")
                .hasMessageContaining("ascontiguousarray");
    }

    @Test
    void rejectsOtherDtypesNamingThem() throws IOException {
        Path ints = npy(1, "<i8", false, "(1, 1)", new byte[8]);
        assertThatThrownBy(() -> NpyReader.open(ints)).isInstanceOf(UserException.class)
                .hasMessageContaining("unsupported .npy dtype '<i8'").hasMessageContaining("<f4");
        Path bigEndian = npy(1, ">f4", false, "(1, 1)", new byte[4]);
        assertThatThrownBy(() -> NpyReader.open(bigEndian)).hasMessageContaining("big-endian");
    }

    @Test
    void rejectsTruncatedEmptyAndForeignFiles() throws IOException {
        Path truncated = npy(1, "<f4", false, "(3, 2)", new byte[8]);
        assertThatThrownBy(() -> NpyReader.open(truncated)).hasMessageContaining("truncated");
        Path empty = Files.createFile(dir.resolve("empty.npy"));
        assertThatThrownBy(() -> NpyReader.open(empty)).hasMessageContaining("empty file");
        Path text = Files.writeString(dir.resolve("text.npy"), "id,v1\n1,0.5\n");
        assertThatThrownBy(() -> NpyReader.open(text)).hasMessageContaining("not a NumPy .npy file");
    }

    private static byte[] shorts(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            buffer.putShort((short) v);
        }
        return buffer.array();
    }

    /** A hand-built .npy file: magic, version, header length, dict, data. */
    private Path npy(int version, String dtype, boolean fortran, String shape, byte[] data) throws IOException {
        String dict = "{'descr': '" + dtype + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': "
                + shape + ", }";
        int prefix = version == 1 ? 10 : 12;
        int padded = (prefix + dict.length() + 1 + 63) / 64 * 64;
        String text = dict + " ".repeat(padded - prefix - dict.length() - 1) + "\n";
        ByteBuffer buffer = ByteBuffer.allocate(padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) version).put((byte) 0);
        if (version == 1) {
            buffer.putShort((short) text.length());
        } else {
            buffer.putInt(text.length());
        }
        buffer.put(text.getBytes(StandardCharsets.UTF_8)).put(data);
        Path file = dir.resolve("a" + version + dtype.replace('<', 'l').replace('>', 'b') + fortran + ".npy");
        Files.write(file, buffer.array());
        return file;
    }
}
