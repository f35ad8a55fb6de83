package org.graphrec.importer.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Independent readers for what the generator writes (the importer's readers are written elsewhere). */
final class BundleFiles {

    private BundleFiles() {
    }

    /** A parsed {@code .npy} file. */
    record Npy(int rows, int columns, float[] data, String header) {
        float[] row(int r) {
            float[] out = new float[columns];
            System.arraycopy(data, r * columns, out, 0, columns);
            return out;
        }
    }

    /** Parses an RFC 4180 CSV file (quoted cells may hold separators and doubled quotes); drops the header. */
    static List<List<String>> csv(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                assertThat(cell).as("quote inside an unquoted cell of %s", file).isEmpty();
                quoted = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(ch);
            }
        }
        assertThat(quoted).as("unterminated quote in %s", file).isFalse();
        assertThat(cell.length() == 0 && row.isEmpty()).as("%s ends with a newline", file).isTrue();
        return rows.subList(1, rows.size());
    }

    /** The header line of a CSV file. */
    static String header(Path file) throws IOException {
        try (var lines = Files.lines(file)) {
            return lines.findFirst().orElseThrow();
        }
    }

    private static final Pattern DICT = Pattern.compile(
            "\\{'descr': '([<>|][a-z]\\d)', 'fortran_order': (True|False), 'shape': \\((\\d+), (\\d+)\\), \\} *\n");

    /** Parses a float32 .npy v1 file, asserting every rule of the format on the way. */
    static Npy npy(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes[0] & 0xff).isEqualTo(0x93);
        assertThat(new String(bytes, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
        assertThat(bytes[6]).as("major version").isEqualTo((byte) 1);
        assertThat(bytes[7]).as("minor version").isEqualTo((byte) 0);
        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        int dataStart = 10 + headerLength;
        assertThat(dataStart % 64).as("data offset %d is 64-byte aligned", dataStart).isZero();
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        Matcher m = DICT.matcher(header);
        assertThat(m.matches()).as("header dictionary %s", header).isTrue();
        assertThat(m.group(1)).isEqualTo("<f4");
        assertThat(m.group(2)).isEqualTo("False");
        int rows = Integer.parseInt(m.group(3));
        int columns = Integer.parseInt(m.group(4));
        assertThat(bytes.length).as("file size").isEqualTo(dataStart + 4L * rows * columns);
        float[] data = new float[rows * columns];
        ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
                .get(data);
        return new Npy(rows, columns, data, header);
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < a.length; k++) {
            dot += a[k] * b[k];
            na += a[k] * a[k];
            nb += b[k] * b[k];
        }
        return dot / Math.sqrt(na * nb);
    }
}
