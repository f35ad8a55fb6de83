package org.graphrec.procedures;

import java.util.Arrays;

/**
 * A map from long keys to int values without boxing (open addressing, linear probing), for the per-call maps of
 * {@link NeighbourIndex#load}: a neighbourhood walk looks up ~100,000 relationships and node pairs per call.
 */
final class LongIntMap {

    private static final long EMPTY = Long.MIN_VALUE;

    private long[] keys;
    private int[] values;
    private int size;
    private int mask;

    /** A map sized for about {@code expected} keys (it grows when needed). */
    LongIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        values = new int[capacity];
        mask = capacity - 1;
    }

    int size() {
        return size;
    }

    /** The value of {@code key}, or {@code missing}. {@code key} must not be {@link Long#MIN_VALUE}. */
    int get(long key, int missing) {
        for (int at = slot(key); ; at = (at + 1) & mask) {
            long k = keys[at];
            if (k == key) {
                return values[at];
            }
            if (k == EMPTY) {
                return missing;
            }
        }
    }

    /**
     * Puts {@code key → value} unless {@code key} is present; returns the value it already had, or {@code missing}
     * when it was absent (and is now set).
     */
    int putIfAbsent(long key, int value, int missing) {
        if (key == EMPTY) {
            throw new IllegalArgumentException("key " + key + " is reserved");
        }
        for (int at = slot(key); ; at = (at + 1) & mask) {
            long k = keys[at];
            if (k == key) {
                return values[at];
            }
            if (k == EMPTY) {
                keys[at] = key;
                values[at] = value;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return missing;
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
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        values = new int[keys.length];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                putIfAbsent(oldKeys[i], oldValues[i], -1);
            }
        }
    }
}
