package org.graphrec.importer.synthetic;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a 2-d float32 matrix as a NumPy {@code .npy} file (format version 1.0, dtype {@code '<f4'}, C order), one
 * row at a time, so matrices larger than the heap can be written. The row count is declared up front (it is part
 * of the header); {@link #close()} fails if a different number of rows was written.
 *
 * <p>Header layout: the magic {@code \x93NUMPY}, version bytes 1 and 0, the header length as an unsigned
 * little-endian 16-bit number, then the header dictionary in ASCII padded with spaces and ended by {@code '\n'} so
 * that the data starts at a multiple of 64 bytes.
 */
public final class NpyWriter implements AutoCloseable {

    /** Data starts at a multiple of this many bytes. */
    static final int ALIGNMENT = 64;

    private final Path path;
    private final OutputStream out;
    private final long rows;
    private final int columns;
    private final ByteBuffer row;
    private long written;

    /** Creates (or replaces) {@code path} for a {@code rows × columns} float32 matrix. */
    public NpyWriter(Path path, long rows, int columns) throws IOException {
        if (rows < 0 || columns <= 0) {
            throw new IllegalArgumentException("shape must be (rows >= 0, columns > 0), found (" + rows + ", "
                    + columns + ")");
        }
        this.path = path;
        this.rows = rows;
        this.columns = columns;
        this.row = ByteBuffer.allocate(columns * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        this.out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
        out.write(header(rows, columns));
    }

    /** The complete header (magic to newline) for a float32 C-order matrix of the given shape. */
    static byte[] header(long rows, int columns) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + columns + "), }";
        int preamble = 6 + 2 + 2;
        int unpadded = preamble + dict.length() + 1;
        int total = (unpadded + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        int headerLength = total - preamble;
        byte[] bytes = new byte[total];
        bytes[0] = (byte) 0x93;
        byte[] magic = "NUMPY".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, bytes, 1, magic.length);
        bytes[6] = 1;
        bytes[7] = 0;
        bytes[8] = (byte) (headerLength & 0xff);
        bytes[9] = (byte) (headerLength >>> 8);
        byte[] text = dict.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, bytes, preamble, text.length);
        for (int i = preamble + text.length; i < total - 1; i++) {
            bytes[i] = ' ';
        }
        bytes[total - 1] = '\n';
        return bytes;
    }

    /** Appends one row of exactly {@code columns} values. */
    public void writeRow(float[] values) throws IOException {
        if (values.length != columns) {
            throw new IllegalArgumentException("row has " + values.length + " values, expected " + columns);
        }
        if (written == rows) {
            throw new IllegalStateException(path + ": all " + rows + " declared rows are already written");
        }
        row.clear();
        for (float v : values) {
            row.putFloat(v);
        }
        out.write(row.array(), 0, row.position());
        written++;
    }

    @Override
    public void close() throws IOException {
        out.close();
        if (written != rows) {
            throw new IllegalStateException(path + ": declared " + rows + " rows but " + written + " were written");
        }
    }
}
