package org.graphrec.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.graphrec.core.Csr;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.InteractionGraph.Split;
import org.junit.jupiter.api.Test;

class ColdItemHoldoutTest {

    /** 10 items i0..i9 (in the given order), 6 users; every user trains on 4 items, validates and tests on one. */
    static InteractionGraph graph(boolean reversed) {
        InteractionGraph.Builder b = new InteractionGraph.Builder();
        for (int n = 0; n < 10; n++) {
            b.item("i" + (reversed ? 9 - n : n));
        }
        for (int u = 0; u < 6; u++) {
            for (int e = 0; e < 6; e++) {
                b.interaction("u" + u, "i" + ((u + 2 * e) % 10), e == 0 ? Split.TEST : e == 1 ? Split.VALID
                        : Split.TRAIN);
            }
        }
        return b.build();
    }

    /** "user item split" strings of every interaction, by id. */
    static Set<String> interactions(InteractionGraph g) {
        Set<String> out = new TreeSet<>();
        Csr[] splits = {g.train(), g.valid(), g.test()};
        String[] names = {"train", "valid", "test"};
        for (int s = 0; s < 3; s++) {
            for (int u = 0; u < g.users(); u++) {
                for (int i : splits[s].row(u)) {
                    out.add(g.userId(u) + " " + g.itemId(i) + " " + names[s]);
                }
            }
        }
        return out;
    }

    static List<String> heldOut(InteractionGraph g, byte[] sides, int side) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < sides.length; i++) {
            if (sides[i] == side) {
                ids.add(g.itemId(i));
            }
        }
        return ids.stream().sorted().toList();
    }

    @Test
    void heldOutItemsLoseTheirTrainInteractionsToTheirSplitAndWarmItemsKeepTheirs() {
        InteractionGraph g = graph(false);
        ColdItemHoldout holdOut = new ColdItemHoldout(0.2, 5);
        byte[] sides = holdOut.sides(g);
        List<String> valid = heldOut(g, sides, 1);
        List<String> test = heldOut(g, sides, 2);
        // 20 % of the 10 items with train interactions: one validation item and one test item
        assertThat(valid).hasSize(1);
        assertThat(test).hasSize(1);
        InteractionGraph h = holdOut.apply(g);
        assertThat(h.train().nonZeros() + h.valid().nonZeros() + h.test().nonZeros())
                .isEqualTo(g.train().nonZeros() + g.valid().nonZeros() + g.test().nonZeros());
        Set<String> before = interactions(g);
        for (String line : interactions(h)) {
            String[] f = line.split(" ");
            if (valid.contains(f[1])) {
                assertThat(f[2]).as(line).isEqualTo("valid");
            } else if (test.contains(f[1])) {
                assertThat(f[2]).as(line).isEqualTo("test");
            } else {
                assertThat(before).as("warm interactions keep their split").contains(line);
            }
        }
        int[] popularity = h.itemPopularity();
        for (int i = 0; i < h.items(); i++) {
            assertThat(popularity[i] == 0).as(h.itemId(i)).isEqualTo(sides[i] != 0);
        }
    }

    @Test
    void theChoiceDependsOnIdsAndSeedNotOnLoadOrder() {
        ColdItemHoldout holdOut = new ColdItemHoldout(0.4, 9);
        InteractionGraph a = graph(false);
        InteractionGraph b = graph(true);
        assertThat(heldOut(b, holdOut.sides(b), 1)).isEqualTo(heldOut(a, holdOut.sides(a), 1));
        assertThat(heldOut(b, holdOut.sides(b), 2)).isEqualTo(heldOut(a, holdOut.sides(a), 2));
        assertThat(interactions(holdOut.apply(b))).isEqualTo(interactions(holdOut.apply(a)));
        // another seed holds out other items (4 of 10: a coincidence has probability 1 / C(10, 4) per side pair)
        ColdItemHoldout other = new ColdItemHoldout(0.4, 10);
        assertThat(interactions(other.apply(a))).isNotEqualTo(interactions(holdOut.apply(a)));
    }

    @Test
    void refusesFractionsOutsideZeroOne() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ColdItemHoldout(1.0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ColdItemHoldout(0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
