package org.graphrec.importer.synthetic;

import java.util.Arrays;

/** Open-addressing set of non-negative ints; clearing costs O(entries), not O(capacity). */
final class IntSet {
    private int[] table = new int[64];
    private int mask = 63;
    private int[] usedSlots = new int[32];
    private int size;

    IntSet() {
        Arrays.fill(table, -1);
    }

    /** Empties the set and makes room for {@code expected} entries at load factor at most 1/2. */
    void clear(int expected) {
        if (table.length < 2 * expected) {
            int capacity = Integer.highestOneBit(2 * expected - 1) << 1;
            table = new int[capacity];
            mask = capacity - 1;
            Arrays.fill(table, -1);
            usedSlots = new int[capacity / 2 + 1];
        } else {
            for (int j = 0; j < size; j++) {
                table[usedSlots[j]] = -1;
            }
        }
        size = 0;
    }

    private int slot(int key) {
        return (key * 0x9E3779B9 >>> 8) & mask;
    }

    /** The slot holding {@code key}, or the empty slot where it would go. */
    private int find(int key) {
        int slot = slot(key);
        while (table[slot] != -1 && table[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    boolean contains(int key) {
        return table[find(key)] == key;
    }

    boolean add(int key) {
        int slot = find(key);
        if (table[slot] == key) {
            return false;
        }
        table[slot] = key;
        usedSlots[size++] = slot;
        return true;
    }
}
