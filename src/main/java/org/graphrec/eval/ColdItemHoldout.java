package org.graphrec.eval;

import java.util.Arrays;
import java.util.Comparator;
import org.graphrec.core.Csr;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.SplitMix64;

/**
 * The "items held out as new" protocol of the cold-start literature (ALDI, CLCRec), for catalogues without natural
 * cold items: a seeded random {@code fraction} of the items with train interactions becomes new; half of them are
 * validation items and half test items, and every interaction of such an item (train, valid or test) moves to that
 * item's split, so the item has no train interaction and is evaluated only on its held-out side. Warm items keep
 * their split. The choice depends only on the item ids, the fraction and the seed (not on load order), so
 * {@code propagate} and a later {@code evaluate} hold out the same items.
 *
 * @param fraction share of the items with train interactions held out, in (0, 1)
 * @param seed     seed of the choice
 */
public record ColdItemHoldout(double fraction, long seed) {

    public ColdItemHoldout {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("the held-out item fraction must be in (0, 1), got " + fraction);
        }
    }

    /** The held-out side of each item: 0 = warm (not held out), 1 = validation item, 2 = test item. */
    public byte[] sides(InteractionGraph g) {
        int[] popularity = g.itemPopularity();
        Integer[] candidates = java.util.stream.IntStream.range(0, g.items()).filter(i -> popularity[i] > 0)
                .boxed().toArray(Integer[]::new);
        long[] keys = new long[g.items()];
        for (int i : candidates) {
            keys[i] = new SplitMix64(seed ^ (0x9E3779B97F4A7C15L * g.itemId(i).hashCode())).nextLong();
        }
        Arrays.sort(candidates, Comparator.<Integer>comparingLong(i -> keys[i]).thenComparing(g::itemId));
        int count = (int) Math.round(fraction * candidates.length);
        byte[] sides = new byte[g.items()];
        for (int r = 0; r < count; r++) {
            sides[candidates[r]] = (byte) (r % 2 == 0 ? 1 : 2);
        }
        return sides;
    }

    /** {@code g} with the held-out items' interactions moved to their split (see the class comment). */
    public InteractionGraph apply(InteractionGraph g) {
        byte[] sides = sides(g);
        Csr[] in = {g.train(), g.valid(), g.test()};
        int capacity = in[0].nonZeros() + in[1].nonZeros() + in[2].nonZeros();
        int[][] rows = new int[3][capacity];
        int[][] cols = new int[3][capacity];
        int[] counts = new int[3];
        for (int s = 0; s < 3; s++) {
            Csr c = in[s];
            for (int u = 0; u < c.rows(); u++) {
                for (int e = c.offsets()[u]; e < c.offsets()[u + 1]; e++) {
                    int item = c.targets()[e];
                    int to = sides[item] == 0 ? s : sides[item];
                    rows[to][counts[to]] = u;
                    cols[to][counts[to]++] = item;
                }
            }
        }
        Csr[] out = new Csr[3];
        for (int s = 0; s < 3; s++) {
            out[s] = Csr.fromCoordinates(g.users(), g.items(), rows[s], cols[s], null, counts[s]);
        }
        return g.withInteractions(out[0], out[1], out[2]);
    }

    /** Items held out (validation and test sides together). */
    public int heldOut(InteractionGraph g) {
        int n = 0;
        for (byte b : sides(g)) {
            if (b != 0) {
                n++;
            }
        }
        return n;
    }
}
