package org.graphrec.importer;

import java.util.Arrays;

/**
 * The header of a NumPy {@code .npy} file: format version, element type, memory order and shape.
 *
 * @param version      the format's major version (1, 2 or 3)
 * @param dtype        the NumPy type string, e.g. {@code <f4}
 * @param fortranOrder true when the data is stored column-major (not supported for reading rows)
 * @param shape        the array's shape
 * @param dataOffset   byte offset of the first element
 */
public record NpyHeader(int version, String dtype, boolean fortranOrder, long[] shape, long dataOffset) {

    /** Number of rows: the first dimension (1 for a 0-d array). */
    public long rows() {
        return shape.length == 0 ? 1 : shape[0];
    }

    /** Elements per row: the product of all dimensions but the first. */
    public long columns() {
        long c = 1;
        for (int d = 1; d < shape.length; d++) {
            c *= shape[d];
        }
        return c;
    }

    /** Bytes per element of a supported float dtype. */
    public int elementSize() {
        return switch (dtype) {
            case "<f2" -> 2;
            case "<f4" -> 4;
            case "<f8" -> 8;
            default -> throw new IllegalStateException("unsupported dtype " + dtype);
        };
    }

    /** The shape as NumPy prints it, e.g. {@code (6710, 128)}. */
    public String shapeText() {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        return Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }
}
