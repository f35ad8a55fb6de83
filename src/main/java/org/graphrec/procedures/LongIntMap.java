package org.graphrec.procedures;

/**
 * A map from long keys to int values without boxing (open addressing, linear probing), for the per-call maps of
 * {@link NeighbourIndex#load}: a neighbourhood walk looks up ~100,000 relationships and node pairs per call. Kept
 * per thread between calls and emptied in O(1) by {@link #clear} (a slot is in use only when stamped with the
 * current generation): a fresh map per call meant megabytes of never-touched memory per call, which costs page
 * faults in a JVM with a large young generation (the lesson of docs/scale.md, "Session 13").
 */
final class LongIntMap {

    private long[] keys;
    private int[] values;
    private int[] stamps;
    private int generation = 1;
    private int size;
    private int mask;

    /** A map sized for about {@code expected} keys (it grows when needed). */
    LongIntMap(int expected) {
        allocate(Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new int[capacity];
        stamps = new int[capacity];
        mask = capacity - 1;
        size = 0;
    }

    int size() {
        return size;
    }

    /** Removes every key, in constant time. */
    void clear() {
        size = 0;
        if (++generation == Integer.MAX_VALUE) {
            java.util.Arrays.fill(stamps, 0);
            generation = 1;
        }
    }

    /** The value of {@code key}, or {@code missing}. */
    int get(long key, int missing) {
        for (int at = slot(key); ; at = (at + 1) & mask) {
            if (stamps[at] != generation) {
                return missing;
            }
            if (keys[at] == key) {
                return values[at];
            }
        }
    }

    /**
     * Puts {@code key → value} unless {@code key} is present; returns the value it already had, or {@code missing}
     * when it was absent (and is now set).
     */
    int putIfAbsent(long key, int value, int missing) {
        for (int at = slot(key); ; at = (at + 1) & mask) {
            if (stamps[at] != generation) {
                keys[at] = key;
                values[at] = value;
                stamps[at] = generation;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return missing;
            }
            if (keys[at] == key) {
                return values[at];
            }
        }
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        int[] oldStamps = stamps;
        int current = generation;
        allocate(oldKeys.length * 2);
        generation = 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldStamps[i] == current) {
                putIfAbsent(oldKeys[i], oldValues[i], -1);
            }
        }
    }
}
