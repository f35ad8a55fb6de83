package org.graphrec.importer;

import java.util.Arrays;

/**
 * Interactions in columns (user index, item index, rating, timestamp, split), compact enough for tens of
 * millions of rows. While building they are in input order; {@link #deduplicated()} returns them grouped by
 * user and sorted by item, one row per user–item pair.
 */
public final class Interactions {

    /** Marks an absent timestamp. */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;
    /** Marks an absent split. */
    public static final byte NO_SPLIT = -1;

    private int size;
    private int[] users;
    private int[] items;
    private float[] ratings;
    private long[] timestamps;
    private byte[] splits;
    /** For deduplicated interactions: rows of user u are [userStart[u], userStart[u+1]). */
    private int[] userStart;

    Interactions(int capacity) {
        users = new int[Math.max(16, capacity)];
        items = new int[users.length];
        ratings = new float[users.length];
        timestamps = new long[users.length];
        splits = new byte[users.length];
    }

    void add(int user, int item, float rating, long timestamp, Split split) {
        if (size == users.length) {
            int capacity = size + (size >> 1);
            users = Arrays.copyOf(users, capacity);
            items = Arrays.copyOf(items, capacity);
            ratings = Arrays.copyOf(ratings, capacity);
            timestamps = Arrays.copyOf(timestamps, capacity);
            splits = Arrays.copyOf(splits, capacity);
        }
        users[size] = user;
        items[size] = item;
        ratings[size] = rating;
        timestamps[size] = timestamp;
        splits[size] = split == null ? NO_SPLIT : (byte) split.ordinal();
        size++;
    }

    public int size() {
        return size;
    }

    public int user(int row) {
        return users[row];
    }

    public int item(int row) {
        return items[row];
    }

    /** The rating, or NaN when absent. */
    public float rating(int row) {
        return ratings[row];
    }

    /** The timestamp (epoch seconds), or {@link #NO_TIMESTAMP}. */
    public long timestamp(int row) {
        return timestamps[row];
    }

    /** The split, or null when none is assigned yet. */
    public Split split(int row) {
        return splits[row] == NO_SPLIT ? null : Split.values()[splits[row]];
    }

    void setSplit(int row, Split split) {
        splits[row] = (byte) split.ordinal();
    }

    /** First row of user {@code u} (deduplicated interactions only); {@code userStart(u + 1)} ends it. */
    public int userStart(int u) {
        return userStart[u];
    }

    /** True when every row has a split. */
    public boolean allSplit() {
        for (int k = 0; k < size; k++) {
            if (splits[k] == NO_SPLIT) {
                return false;
            }
        }
        return size > 0;
    }

    /** True when any row has a timestamp. */
    public boolean anyTimestamp() {
        for (int k = 0; k < size; k++) {
            if (timestamps[k] != NO_TIMESTAMP) {
                return true;
            }
        }
        return false;
    }

    /** True when every row has a timestamp. */
    public boolean allTimestamps() {
        for (int k = 0; k < size; k++) {
            if (timestamps[k] == NO_TIMESTAMP) {
                return false;
            }
        }
        return true;
    }

    /** Rows per split: train, valid, test, none. */
    public long[] splitCounts() {
        long[] counts = new long[4];
        for (int k = 0; k < size; k++) {
            counts[splits[k] == NO_SPLIT ? 3 : splits[k]]++;
        }
        return counts;
    }

    /**
     * One row per user–item pair, the one with the latest timestamp (on a tie, or without timestamps, the
     * later one in the input), grouped by user in user-index order and sorted by item index within a user.
     * Linear in the rows plus a sort of each user's rows.
     */
    Interactions deduplicated(int userCount) {
        int[] start = new int[userCount + 1];
        for (int k = 0; k < size; k++) {
            start[users[k] + 1]++;
        }
        for (int u = 0; u < userCount; u++) {
            start[u + 1] += start[u];
        }
        int[] fill = Arrays.copyOf(start, userCount);
        int[] order = new int[size];
        for (int k = 0; k < size; k++) {
            order[fill[users[k]]++] = k;
        }
        Interactions out = new Interactions(size);
        out.userStart = new int[userCount + 1];
        long[] keys = new long[16];
        for (int u = 0; u < userCount; u++) {
            out.userStart[u] = out.size;
            int from = start[u];
            int n = start[u + 1] - from;
            if (keys.length < n) {
                keys = new long[Math.max(n, keys.length * 2)];
            }
            for (int j = 0; j < n; j++) {
                int k = order[from + j];
                keys[j] = ((long) items[k] << 32) | k;
            }
            Arrays.sort(keys, 0, n);
            int j = 0;
            while (j < n) {
                int item = (int) (keys[j] >>> 32);
                int best = (int) keys[j];
                j++;
                while (j < n && (int) (keys[j] >>> 32) == item) {
                    int k = (int) keys[j];
                    if (timestamps[k] >= timestamps[best]) { // later row wins a tie
                        best = k;
                    }
                    j++;
                }
                out.add(u, item, ratings[best], timestamps[best], split(best));
            }
        }
        out.userStart[userCount] = out.size;
        return out;
    }
}
