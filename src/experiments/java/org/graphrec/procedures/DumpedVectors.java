package org.graphrec.procedures;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Vectors dumped by {@code VectorDumpProbe} (float32, big-endian, a rows/dimension header), as the scan probes use
 * them: the rows, the same values row-major, and ids i0000000… in row order.
 */
record DumpedVectors(float[][] rows, float[] values, List<String> ids, int dimension) {

    /** The NAME.items files of {@code dir} for the comma-separated {@code names} that exist, in that order. */
    static java.util.Map<String, Path> files(Path dir, String names) {
        java.util.Map<String, Path> out = new java.util.LinkedHashMap<>();
        for (String name : names.split(",")) {
            Path file = dir.resolve(name + ".items");
            if (Files.exists(file)) {
                out.put(name, file);
            }
        }
        return out;
    }

    static DumpedVectors read(Path file) throws IOException {
        float[][] rows = matrix(file);
        int d = rows[0].length;
        float[] values = new float[rows.length * d];
        List<String> ids = new ArrayList<>(rows.length);
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, values, r * d, d);
            ids.add(String.format(Locale.ROOT, "i%07d", r));
        }
        return new DumpedVectors(rows, values, ids, d);
    }

    /** The file's rows. */
    static float[][] matrix(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            int n = in.readInt();
            int d = in.readInt();
            float[][] m = new float[n][d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    m[i][j] = in.readFloat();
                }
            }
            return m;
        }
    }
}
