package org.graphrec.propagation;
import org.graphrec.core.InteractionGraph;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.graphrec.core.InteractionGraph.Split;

/**
 * Test-only reader of the MMRec files in {@code ../shared/data} straight into an {@link InteractionGraph}, so the
 * algorithms can be tuned without a Neo4j import (the importer owns the production reader). Items are interned in id
 * order 0..n−1 so feature rows line up.
 */
final class MmrecTestData {

    static final Path DATA = Path.of("..", "shared", "data");

    private MmrecTestData() {
    }

    static boolean available(String folder) {
        return Files.isDirectory(DATA.resolve(folder));
    }

    /** Loads {@code <folder>/<name>.inter} and the given {@code <modality>_feat.npy} files. */
    static InteractionGraph load(String folder, String name, List<String> modalities) {
        Path dir = DATA.resolve(folder);
        try {
            int maxItem = -1;
            List<String> lines = Files.readAllLines(dir.resolve(name + ".inter"));
            int[][] rows = new int[lines.size() - 1][];
            for (int l = 1; l < lines.size(); l++) {
                String[] f = lines.get(l).strip().split("\t");
                rows[l - 1] = new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2])};
                maxItem = Math.max(maxItem, rows[l - 1][1]);
            }
            float[][] feats = new float[modalities.size()][];
            int[] dims = new int[modalities.size()];
            for (int m = 0; m < modalities.size(); m++) {
                Npy npy = Npy.read(dir.resolve(modalities.get(m) + "_feat.npy"));
                feats[m] = npy.data;
                dims[m] = npy.cols;
                maxItem = Math.max(maxItem, npy.rows - 1);
            }
            InteractionGraph.Builder b = new InteractionGraph.Builder();
            for (int i = 0; i <= maxItem; i++) {
                b.item(Integer.toString(i));
            }
            for (int[] r : rows) {
                b.interaction(Integer.toString(r[0]), Integer.toString(r[1]), Split.values()[r[2]]);
            }
            for (int m = 0; m < modalities.size(); m++) {
                String mod = modalities.get(m);
                b.modality(mod, mod + "Embedding", dims[m]);
                int d = dims[m];
                for (int i = 0; i * d < feats[m].length; i++) {
                    float[] v = new float[d];
                    System.arraycopy(feats[m], i * d, v, 0, d);
                    b.vector(mod, Integer.toString(i), v);
                }
            }
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A minimal NumPy .npy reader: version 1/2 headers, 2-D C-order {@code <f2} or {@code <f4}. */
    static final class Npy {
        int rows;
        int cols;
        float[] data;

        static Npy read(Path file) throws IOException {
            byte[] bytes = Files.readAllBytes(file);
            ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            int major = bytes[6];
            int headerLength = major == 1 ? Short.toUnsignedInt(buf.getShort(8)) : buf.getInt(8);
            int start = (major == 1 ? 10 : 12);
            String header = new String(bytes, start, headerLength, java.nio.charset.StandardCharsets.US_ASCII);
            String descr = header.replaceAll(".*'descr':\\s*'([^']*)'.*", "$1").strip();
            String shape = header.replaceAll(".*'shape':\\s*\\(([^)]*)\\).*", "$1").strip();
            if (header.contains("'fortran_order': True")) {
                throw new IOException(file + ": Fortran order not supported");
            }
            String[] dims = shape.split(",");
            Npy npy = new Npy();
            npy.rows = Integer.parseInt(dims[0].strip());
            npy.cols = dims.length > 1 && !dims[1].isBlank() ? Integer.parseInt(dims[1].strip()) : 1;
            int n = npy.rows * npy.cols;
            npy.data = new float[n];
            int off = start + headerLength;
            switch (descr) {
                case "<f2" -> {
                    for (int i = 0; i < n; i++) {
                        npy.data[i] = halfToFloat(buf.getShort(off + 2 * i));
                    }
                }
                case "<f4" -> {
                    for (int i = 0; i < n; i++) {
                        npy.data[i] = buf.getFloat(off + 4 * i);
                    }
                }
                default -> throw new IOException(file + ": dtype " + descr + " not supported");
            }
            return npy;
        }

        /** IEEE 754 binary16 → float (Float.float16ToFloat arrived only in Java 20). */
        static float halfToFloat(short h) {
            int bits = h & 0xffff;
            int sign = (bits & 0x8000) << 16;
            int exp = (bits >>> 10) & 0x1f;
            int mant = bits & 0x3ff;
            if (exp == 0x1f) {
                return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
            }
            if (exp == 0) {
                float v = mant * 0x1p-24f;
                return sign == 0 ? v : -v;
            }
            return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
        }
    }
}
