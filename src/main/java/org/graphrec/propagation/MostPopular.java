package org.graphrec.propagation;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.FactorModel;

/**
 * The MostPopular baseline as a one-dimensional factor model: every user's embedding is [1] and an item's is [its
 * number of train interactions], so the dot-product score ranks items by popularity. O(users + items).
 */
public final class MostPopular {

    private MostPopular() {
    }

    public static FactorModel compute(InteractionGraph g) {
        float[] users = new float[g.users()];
        java.util.Arrays.fill(users, 1f);
        int[] pop = g.itemPopularity();
        float[] items = new float[g.items()];
        for (int i = 0; i < items.length; i++) {
            items[i] = pop[i];
        }
        return new FactorModel(1, g.users(), g.items(), users, items);
    }
}
