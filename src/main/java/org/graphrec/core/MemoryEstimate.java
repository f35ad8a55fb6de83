package org.graphrec.core;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A memory estimate as a small tree of named parts (in the spirit of GDS's memory estimations): a leaf is a number
 * of bytes, an inner node the sum of its children. Printed before a run and checked against the heap before the
 * work starts.
 *
 * @param name     what the bytes hold ("interaction graph", "kNN image")
 * @param bytes    the total of this part (the sum of the children for an inner node)
 * @param children the parts, empty for a leaf
 */
public record MemoryEstimate(String name, long bytes, List<MemoryEstimate> children) {

    public MemoryEstimate {
        if (bytes < 0) {
            throw new IllegalArgumentException(name + ": a memory estimate may not be negative, got " + bytes);
        }
        children = List.copyOf(children);
    }

    /** A leaf of {@code bytes}. */
    public static MemoryEstimate of(String name, long bytes) {
        return new MemoryEstimate(name, bytes, List.of());
    }

    /** The sum of {@code parts}. */
    public static MemoryEstimate sum(String name, MemoryEstimate... parts) {
        return sum(name, Arrays.asList(parts));
    }

    /** The sum of {@code parts}. */
    public static MemoryEstimate sum(String name, List<MemoryEstimate> parts) {
        return new MemoryEstimate(name, parts.stream().mapToLong(MemoryEstimate::bytes).sum(), parts);
    }

    /** Whether the estimate fits in {@code maxHeap} bytes. */
    public boolean fits(long maxHeap) {
        return bytes <= maxHeap;
    }

    /**
     * The heap to ask for when the estimate does not fit: the estimate plus a quarter for the collector's room,
     * rounded up to a whole GiB, as a {@code -Xmx} value ("-Xmx12g").
     */
    public String suggestedXmx() {
        long gib = (long) Math.ceil(bytes * 1.25 / (1L << 30));
        return "-Xmx" + Math.max(1, gib) + "g";
    }

    /** One line: "name 1.2 GiB (part 800 MiB, part 400 MiB, …)" with the first level of parts. */
    public String describe() {
        StringBuilder out = new StringBuilder(name).append(' ').append(format(bytes));
        if (!children.isEmpty()) {
            out.append(" (");
            for (int c = 0; c < children.size(); c++) {
                out.append(c == 0 ? "" : ", ").append(children.get(c).name()).append(' ')
                        .append(format(children.get(c).bytes()));
            }
            out.append(')');
        }
        return out.toString();
    }

    /** The whole tree, one part a line, indented by depth. */
    public String render() {
        StringBuilder out = new StringBuilder();
        render(out, 0);
        return out.toString();
    }

    private void render(StringBuilder out, int depth) {
        out.append("  ".repeat(depth)).append(name).append(": ").append(format(bytes)).append('\n');
        for (MemoryEstimate child : children) {
            child.render(out, depth + 1);
        }
    }

    /** Bytes as MiB below a GiB, GiB with one decimal above. */
    public static String format(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.0f MiB", bytes / (double) (1L << 20));
    }
}
