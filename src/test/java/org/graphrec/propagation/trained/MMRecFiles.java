package org.graphrec.propagation.trained;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-scope reader of MMRec data folders ({@code *.inter} TSV with header {@code userID itemID x_label}, extra
 * columns ignored, CRLF accepted; {@code <modality>_feat.npy} version-1 float16/float32 matrices) into a
 * {@link TrainingGraph}, for experiments. The shared loader replaces it in production.
 */
final class MMRecFiles {

    /** The shared data folder, {@code ../shared/data} from the project root. */
    static Path dataRoot() {
        String root = System.getProperty("graphrec.project.root", ".");
        return Path.of(root).resolve("..").resolve("shared").resolve("data").normalize();
    }

    private MMRecFiles() {
    }

    /** Loads {@code folder/<name>.inter} and the given modality feature files ({@code <modality>_feat.npy}). */
    static TrainingGraph load(Path folder, String name, List<String> modalityNames) throws IOException {
        Path inter = folder.resolve(name + ".inter");
        int[][] columns = readInter(inter);
        int[] u = columns[0];
        int[] i = columns[1];
        int[] label = columns[2];
        int users = Arrays.stream(u).max().orElse(-1) + 1;
        int items = Arrays.stream(i).max().orElse(-1) + 1;
        List<TrainingGraph.Modality> modalities = new ArrayList<>();
        for (String m : modalityNames) {
            float[][] features = readNpy(folder.resolve(m + "_feat.npy"));
            items = Math.max(items, features.length);
            modalities.add(new TrainingGraph.Modality(m, features));
        }
        int train = 0;
        for (int l : label) {
            if (l == 0) {
                train++;
            }
        }
        int[] tu = new int[train];
        int[] ti = new int[train];
        List<List<Integer>> valid = new ArrayList<>();
        List<List<Integer>> test = new ArrayList<>();
        for (int x = 0; x < users; x++) {
            valid.add(new ArrayList<>());
            test.add(new ArrayList<>());
        }
        int t = 0;
        for (int e = 0; e < u.length; e++) {
            switch (label[e]) {
                case 0 -> {
                    tu[t] = u[e];
                    ti[t] = i[e];
                    t++;
                }
                case 1 -> valid.get(u[e]).add(i[e]);
                case 2 -> test.get(u[e]).add(i[e]);
                default -> throw new IOException(inter + ": x_label " + label[e] + " is not 0, 1 or 2");
            }
        }
        return TrainingGraph.fromPairs(users, items, tu, ti, toArrays(valid), toArrays(test), modalities);
    }

    private static int[][] toArrays(List<List<Integer>> lists) {
        int[][] out = new int[lists.size()][];
        for (int x = 0; x < out.length; x++) {
            out[x] = lists.get(x).stream().mapToInt(Integer::intValue).distinct().toArray();
        }
        return out;
    }

    private static int[][] readInter(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null) {
                throw new IOException(file + ":1: empty file, expected header userID itemID x_label");
            }
            List<String> names = Arrays.asList(header.strip().split("\t"));
            int cu = names.indexOf("userID");
            int ci = names.indexOf("itemID");
            int cl = names.indexOf("x_label");
            if (cu < 0 || ci < 0 || cl < 0) {
                throw new IOException(file + ":1: expected columns userID itemID x_label, found " + names);
            }
            int[] u = new int[1 << 16];
            int[] i = new int[1 << 16];
            int[] l = new int[1 << 16];
            int n = 0;
            String line;
            int lineNo = 1;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                line = line.strip();
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = line.split("\t");
                if (n == u.length) {
                    u = Arrays.copyOf(u, 2 * n);
                    i = Arrays.copyOf(i, 2 * n);
                    l = Arrays.copyOf(l, 2 * n);
                }
                try {
                    u[n] = Integer.parseInt(f[cu]);
                    i[n] = Integer.parseInt(f[ci]);
                    l[n] = Integer.parseInt(f[cl]);
                } catch (RuntimeException e) {
                    throw new IOException(file + ":" + lineNo + ": expected integer userID itemID x_label, found '"
                            + line + "'");
                }
                n++;
            }
            return new int[][]{Arrays.copyOf(u, n), Arrays.copyOf(i, n), Arrays.copyOf(l, n)};
        }
    }

    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\((\\d+),\\s*(\\d+)\\)");
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([<>|]?)([fi])(\\d)'");

    /** A 2-D {@code .npy} (version 1 or 2, little-endian float16/float32, C order) as rows. */
    static float[][] readNpy(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10 || (bytes[0] & 0xff) != 0x93 || bytes[1] != 'N') {
            throw new IOException(file + ": not a .npy file");
        }
        int major = bytes[6];
        int headerLength = major == 1 ? buf.getShort(8) & 0xffff : buf.getInt(8);
        int dataStart = (major == 1 ? 10 : 12) + headerLength;
        String header = new String(bytes, major == 1 ? 10 : 12, headerLength, StandardCharsets.ISO_8859_1);
        Matcher shape = SHAPE.matcher(header);
        Matcher descr = DESCR.matcher(header);
        if (!shape.find() || !descr.find() || header.contains("'fortran_order': True") || descr.group(1).equals(">")
                || !descr.group(2).equals("f")) {
            throw new IOException(file + ": expected a 2-D little-endian float matrix in C order, header " + header);
        }
        int rows = Integer.parseInt(shape.group(1));
        int cols = Integer.parseInt(shape.group(2));
        int width = Integer.parseInt(descr.group(3));
        float[][] out = new float[rows][cols];
        buf.position(dataStart);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r][c] = width == 2 ? halfToFloat(buf.getShort()) : buf.getFloat();
            }
        }
        return out;
    }

    /** IEEE 754 binary16 to float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short half) {
        int h = half & 0xffff;
        int sign = (h >>> 15) << 31;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0) {
            float value = mantissa * 0x1.0p-24f; // subnormal (or zero)
            return sign == 0 ? value : -value;
        }
        if (exponent == 31) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }
}
