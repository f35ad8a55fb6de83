package org.graphrec.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultUndirectedWeightedGraph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.junit.jupiter.api.Test;

class PersonalizedPageRankTest {

    private static Graph<String, DefaultWeightedEdge> graph(Object... edges) {
        Graph<String, DefaultWeightedEdge> g = new DefaultUndirectedWeightedGraph<>(DefaultWeightedEdge.class);
        for (int i = 0; i < edges.length; i += 3) {
            g.addVertex((String) edges[i]);
            g.addVertex((String) edges[i + 1]);
            g.setEdgeWeight(g.addEdge((String) edges[i], (String) edges[i + 1]), ((Number) edges[i + 2]).doubleValue());
        }
        return g;
    }

    @Test
    void pathOfThreeMatchesTheClosedForm() {
        // a - b - c, restart 0.5 from a: x_a = 7/12, x_b = 1/3, x_c = 1/12 (solved by hand)
        var result = PersonalizedPageRank.run(graph("a", "b", 1, "b", "c", 1), "a", 0.5, 200, 1e-14);
        assertThat(result.converged()).isTrue();
        assertThat(result.scores().get("a")).isCloseTo(7.0 / 12, within(1e-12));
        assertThat(result.scores().get("b")).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(result.scores().get("c")).isCloseTo(1.0 / 12, within(1e-12));
    }

    @Test
    void weightsSplitTheWalkProportionally() {
        // star: s - x (weight 3), s - y (weight 1); leaves only return to s, so x gets 3 times y's mass
        var result = PersonalizedPageRank.run(graph("s", "x", 3, "s", "y", 1), "s", 0.15, 500, 1e-14);
        assertThat(result.scores().get("x") / result.scores().get("y")).isCloseTo(3.0, within(1e-9));
        double sum = result.scores().values().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(sum).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void isolatedSeedKeepsAllMassAndOtherComponentsGetNone() {
        Graph<String, DefaultWeightedEdge> g = graph("a", "b", 1);
        g.addVertex("lonely");
        var result = PersonalizedPageRank.run(g, "lonely", 0.15, 100, 1e-12);
        assertThat(result.scores().get("lonely")).isEqualTo(1.0);
        assertThat(result.scores().get("a")).isEqualTo(0.0);
    }

    @Test
    void mmrWithZeroDiversityKeepsScoreOrder() {
        double[][] v = {{1, 0}, {1, 0}, {0, 1}};
        assertThat(Mmr.select(new double[] {3, 2, 1}, v, 3, 0)).containsExactly(0, 1, 2);
        // full diversity: after the first pick, the orthogonal item beats the duplicate
        assertThat(Mmr.select(new double[] {3, 2, 1}, v, 2, 1.0)).containsExactly(0, 2);
    }
}
