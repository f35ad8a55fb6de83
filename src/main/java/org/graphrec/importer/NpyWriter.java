package org.graphrec.importer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a 2-d float array as a NumPy {@code .npy} file (format version 1, C order), row by row, so matrices
 * larger than the heap can be written: float16 ({@code <f2}), float32 ({@code <f4}) or float64 ({@code <f8}). The
 * row count is part of the header, so it is declared up front; {@link #close()} fails if a different number of
 * rows was written. The header (magic {@code \x93NUMPY}, version 1.0, little-endian 16-bit length, the dictionary
 * padded with spaces and ended by {@code '\n'}) makes the data start at a multiple of 64 bytes. Used by the
 * synthetic generator, the MMRec writer and tests.
 */
public final class NpyWriter implements AutoCloseable {

    private final Path path;
    private final OutputStream out;
    private final String dtype;
    private final int columns;
    private final long rows;
    private final ByteBuffer row;
    private long written;

    private NpyWriter(Path path, OutputStream out, String dtype, long rows, int columns) {
        this.path = path;
        this.out = out;
        this.dtype = dtype;
        this.rows = rows;
        this.columns = columns;
        int size = switch (dtype) {
            case "<f2" -> 2;
            case "<f4" -> 4;
            case "<f8" -> 8;
            default -> throw new IllegalArgumentException("dtype must be <f2, <f4 or <f8, found " + dtype);
        };
        this.row = ByteBuffer.allocate(size * columns).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Creates {@code file} for a {@code rows × columns} array of {@code dtype} and writes its header. */
    public static NpyWriter create(Path file, String dtype, long rows, int columns) {
        if (rows < 0 || columns <= 0) {
            throw new IllegalArgumentException("shape must be (rows >= 0, columns > 0), found (" + rows + ", "
                    + columns + ")");
        }
        try {
            NpyWriter writer = new NpyWriter(file, new BufferedOutputStream(Files.newOutputStream(file), 1 << 16),
                    dtype, rows, columns);
            writer.out.write(header(dtype, false, "(" + rows + ", " + columns + ")"));
            return writer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of a version-1 header, padded so the data starts at a multiple of 64. */
    public static byte[] header(String dtype, boolean fortranOrder, String shape) {
        String dict = "{'descr': '" + dtype + "', 'fortran_order': " + (fortranOrder ? "True" : "False")
                + ", 'shape': " + shape + ", }";
        int total = 10 + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        StringBuilder text = new StringBuilder(dict);
        text.append(" ".repeat(padded - total)).append('\n');
        ByteBuffer buffer = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        buffer.putShort((short) text.length());
        buffer.put(text.toString().getBytes(StandardCharsets.ISO_8859_1));
        return buffer.array();
    }

    /** Appends one row of {@code columns} values. */
    public void write(float[] values) {
        if (values.length != columns) {
            throw new IllegalArgumentException("row has " + values.length + " values, expected " + columns);
        }
        if (written == rows) {
            throw new IllegalStateException(path + ": all " + rows + " declared rows are already written");
        }
        row.clear();
        for (float v : values) {
            switch (dtype) {
                case "<f2" -> row.putShort(floatToHalf(v));
                case "<f4" -> row.putFloat(v);
                default -> row.putDouble(v);
            }
        }
        try {
            out.write(row.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        written++;
    }

    /** Rounds a float to the nearest half-precision value (round half to even; overflow to infinity). */
    public static short floatToHalf(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        if (Float.isNaN(value)) {
            return (short) (sign | 0x7e00);
        }
        float abs = Math.abs(value);
        if (abs >= 65520f) {
            return (short) (sign | 0x7c00);
        }
        if (abs < 0x1p-14f) { // subnormal half: multiples of 2^-24
            int fraction = Math.round(abs * 0x1p24f); // Math.round is half-up; ties are vanishingly rare here
            return (short) (sign | fraction);
        }
        int exponent = Math.getExponent(abs);
        int mantissa = Float.floatToRawIntBits(abs) & 0x7fffff;
        int half = ((exponent + 15) << 10) | (mantissa >>> 13);
        int rest = mantissa & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half++;
        }
        return (short) (sign | half);
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (written != rows) {
            throw new IllegalStateException(path + ": declared " + rows + " rows but " + written + " were written");
        }
    }
}
