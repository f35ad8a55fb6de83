package org.graphrec.importer;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graphrec.config.UserException;

/**
 * Streams the rows of a NumPy {@code .npy} file (format versions 1, 2 and 3) as {@code float[]}, one row at a
 * time through a small buffer, so files larger than the heap can be read. Supports little-endian float16
 * ({@code <f2}), float32 ({@code <f4}) and float64 ({@code <f8}) in C order; anything else is rejected with a
 * {@link UserException} naming the file, what was found and what to do.
 *
 * <p>Format reference: NEP 1, "A simple file format for NumPy arrays".
 */
public final class NpyReader implements AutoCloseable {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    private final Path file;
    private final NpyHeader header;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private final int columns;
    private final int elementSize;
    private long row;

    private NpyReader(Path file, NpyHeader header, FileChannel channel) {
        this.file = file;
        this.header = header;
        this.channel = channel;
        this.columns = (int) header.columns();
        this.elementSize = header.elementSize();
        int rowBytes = Math.max(1, columns * elementSize);
        this.buffer = ByteBuffer.allocate(Math.max(rowBytes, 1 << 20) / rowBytes * rowBytes)
                .order(ByteOrder.LITTLE_ENDIAN);
        this.buffer.limit(0);
    }

    /**
     * Opens {@code file} for reading rows, after checking its header and that the file holds all the data the
     * header announces.
     *
     * @throws UserException for a missing, truncated or unsupported file (Fortran order, other dtypes)
     */
    public static NpyReader open(Path file) {
        NpyHeader header = readHeader(file);
        checkSupported(file, header);
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            long expected = header.dataOffset() + header.rows() * header.columns() * header.elementSize();
            long size = channel.size();
            if (size < expected) {
                channel.close();
                throw new UserException(file + ": truncated .npy file: shape " + header.shapeText() + " of "
                        + header.dtype() + " needs " + expected + " bytes, found " + size);
            }
            channel.position(header.dataOffset());
            return new NpyReader(file, header, channel);
        } catch (IOException e) {
            throw new UserException(file + ": cannot read: " + e, UserException.INPUT_ERROR, e);
        }
    }

    /** Reads and parses only the header of {@code file} (any dtype and order). */
    public static NpyHeader readHeader(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer start = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, start);
            start.flip();
            if (start.remaining() < 10) {
                throw new UserException(file + ": not a NumPy .npy file (" + (channel.size() == 0 ? "empty file"
                        : "only " + channel.size() + " bytes") + ")");
            }
            for (byte b : MAGIC) {
                if (start.get() != b) {
                    throw new UserException(file + ": not a NumPy .npy file (the magic string \\x93NUMPY is missing)");
                }
            }
            int major = start.get() & 0xff;
            start.get(); // minor version
            long headerLength;
            int prefix;
            if (major == 1) {
                headerLength = start.getShort() & 0xffff;
                prefix = 10;
            } else if (major == 2 || major == 3) {
                if (start.remaining() < 4) {
                    throw new UserException(file + ": truncated .npy header");
                }
                headerLength = start.getInt() & 0xffffffffL;
                prefix = 12;
            } else {
                throw new UserException(file + ": .npy format version " + major + " is not supported (expected 1, 2 or 3)");
            }
            if (prefix + headerLength > channel.size()) {
                throw new UserException(file + ": truncated .npy header: announces " + headerLength
                        + " bytes, the file has " + channel.size());
            }
            ByteBuffer text = ByteBuffer.allocate((int) headerLength);
            channel.position(prefix);
            readFully(channel, text);
            String dict = new String(text.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            return parseDict(file, major, dict, prefix + headerLength);
        } catch (NoSuchFileException e) {
            throw new UserException(file + ": no such file");
        } catch (IOException e) {
            throw new UserException(file + ": cannot read: " + e, UserException.INPUT_ERROR, e);
        }
    }

    private static NpyHeader parseDict(Path file, int version, String dict, long dataOffset) {
        Matcher descr = DESCR.matcher(dict);
        Matcher fortran = FORTRAN.matcher(dict);
        Matcher shape = SHAPE.matcher(dict);
        if (!descr.find() || !fortran.find() || !shape.find()) {
            throw new UserException(file + ": malformed .npy header: expected 'descr', 'fortran_order' and 'shape', "
                    + "found " + dict.strip());
        }
        List<Long> dims = new ArrayList<>();
        for (String part : shape.group(1).split(",")) {
            if (!part.isBlank()) {
                try {
                    dims.add(Long.parseLong(part.strip().replace("L", "")));
                } catch (NumberFormatException e) {
                    throw new UserException(file + ": malformed .npy shape (" + shape.group(1) + ")");
                }
            }
        }
        return new NpyHeader(version, descr.group(1), fortran.group(1).equals("True"),
                dims.stream().mapToLong(Long::longValue).toArray(), dataOffset);
    }

    private static void checkSupported(Path file, NpyHeader header) {
        if (header.fortranOrder()) {
            throw new UserException(file + ": Fortran-ordered (column-major) .npy arrays are not supported; "
                    + "save a C-ordered copy with numpy.save(path, numpy.ascontiguousarray(a))");
        }
        switch (header.dtype()) {
            case "<f2", "<f4", "<f8" -> {
            }
            case ">f2", ">f4", ">f8" -> throw new UserException(file + ": big-endian dtype '" + header.dtype()
                    + "' is not supported; expected little-endian float16 (<f2), float32 (<f4) or float64 (<f8) — "
                    + "convert with a.astype('<f4')");
            default -> throw new UserException(file + ": unsupported .npy dtype '" + header.dtype()
                    + "'; expected float16 (<f2), float32 (<f4) or float64 (<f8) — convert with a.astype('<f4')");
        }
        if (header.shape().length == 0) {
            throw new UserException(file + ": the .npy array is a scalar; expected rows of vectors");
        }
        if (header.columns() > Integer.MAX_VALUE / 8) {
            throw new UserException(file + ": rows of " + header.columns() + " elements are too long");
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer target) throws IOException {
        while (target.hasRemaining()) {
            if (channel.read(target) < 0) {
                return;
            }
        }
    }

    public NpyHeader header() {
        return header;
    }

    /** Rows in the file (the first dimension). */
    public long rows() {
        return header.rows();
    }

    /** Elements per row. */
    public int columns() {
        return columns;
    }

    /** Index of the next row {@link #next} will read. */
    public long position() {
        return row;
    }

    /**
     * Reads the next row into {@code target} (length {@link #columns()}); returns false after the last row.
     */
    public boolean next(float[] target) {
        if (row >= header.rows()) {
            return false;
        }
        try {
            int rowBytes = columns * elementSize;
            if (buffer.remaining() < rowBytes) {
                buffer.compact();
                while (buffer.position() < rowBytes) {
                    if (channel.read(buffer) < 0) {
                        throw new EOFException("unexpected end of data at row " + row);
                    }
                }
                buffer.flip();
            }
            switch (elementSize) {
                case 2 -> {
                    for (int c = 0; c < columns; c++) {
                        target[c] = halfToFloat(buffer.getShort());
                    }
                }
                case 4 -> {
                    for (int c = 0; c < columns; c++) {
                        target[c] = buffer.getFloat();
                    }
                }
                default -> {
                    for (int c = 0; c < columns; c++) {
                        target[c] = (float) buffer.getDouble();
                    }
                }
            }
            row++;
            return true;
        } catch (IOException e) {
            throw new UserException(file + ": cannot read row " + row + ": " + e.getMessage());
        }
    }

    /**
     * Converts an IEEE 754 half-precision value (binary16: 1 sign bit, 5 exponent bits, 10 fraction bits) to
     * float exactly: normals, subnormals, signed zeros, infinities and NaN.
     */
    public static float halfToFloat(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int fraction = bits & 0x3ff;
        if (exponent == 0) {
            float magnitude = fraction * 0x1p-24f; // subnormal or zero: fraction × 2^-24, exact in float
            return sign == 0 ? magnitude : -magnitude;
        }
        if (exponent == 31) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (fraction << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (fraction << 13));
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // read-only channel: nothing to lose
        }
    }
}
