package org.graphrec.shell;

import org.graphrec.config.Json;
import org.graphrec.config.UserException;
import org.graphrec.recommend.EmbeddingRecommender;
import org.graphrec.recommend.Explainer;
import org.graphrec.recommend.NeighbourhoodParameters;
import org.graphrec.recommend.NeighbourhoodRecommender;
import org.graphrec.recommend.RecommendRequest;
import org.graphrec.recommend.SimilarItems;
import org.springframework.shell.Availability;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellMethodAvailability;
import org.springframework.shell.standard.ShellOption;

/** {@code recommend}, {@code similar}, {@code neighbours}, {@code explain}: serving from the graph. */
@ShellComponent
public class RecommendCommands {

    private final GraphSession session;
    private final EmbeddingAvailability availability;

    public RecommendCommands(GraphSession session, EmbeddingAvailability availability) {
        this.session = session;
        this.availability = availability;
    }

    @ShellMethod(key = "recommend", group = "Serving", value = "Top-K items for a user from the fused embeddings "
            + "(same list as cypher recommend/for-user); cold-start users get a fallback that says so.")
    public String recommend(
            @ShellOption(value = "--user", help = "the user's id") String user,
            @ShellOption(value = "--k", help = "how many items", defaultValue = "10") int k,
            @ShellOption(value = "--brand", help = "only items of this brand", defaultValue = ShellOption.NULL)
            String brand,
            @ShellOption(value = "--category", help = "only items in this category", defaultValue = ShellOption.NULL)
            String category,
            @ShellOption(value = "--exclude-seen", help = "leave out items the user interacted with (any split)",
                    defaultValue = "true") boolean excludeSeen,
            @ShellOption(value = "--diversify", help = "0 = by score; up to 1 = MMR towards varied items",
                    defaultValue = "0") double diversify,
            @ShellOption(value = "--like", help = "cold-start users: items like this item instead of popular ones",
                    defaultValue = ShellOption.NULL) String like,
            @ShellOption(value = "--exact", help = "scan all items instead of the vector indexes (never misses)",
                    defaultValue = "false") boolean exact,
            @ShellOption(value = "--json", help = "print JSON for scripts", defaultValue = "false") boolean json) {
        RecommendRequest request = new RecommendRequest(user, k, brand, category, excludeSeen, diversify, like,
                exact);
        var result = new EmbeddingRecommender(availability.requireRun()).recommend(request);
        return json ? Json.write(result) : ServingOutput.recommendations(result);
    }

    @ShellMethod(key = "similar", group = "Serving", value = "Items like an item, by one modality or the fused "
            + "embedding (same list as cypher recommend/similar-items).")
    public String similar(
            @ShellOption(value = "--item", help = "the item's id") String item,
            @ShellOption(value = "--k", help = "how many items", defaultValue = "10") int k,
            @ShellOption(value = "--by", help = "fused, or a modality such as text, image, audio",
                    defaultValue = "fused") String by,
            @ShellOption(value = "--exact", help = "the exact list on catalogues of 200,000 items or more (which "
                    + "otherwise use an inverted file calibrated for recall@10 >= 0.97)", defaultValue = "false")
            boolean exact,
            @ShellOption(value = "--json", help = "print JSON for scripts", defaultValue = "false") boolean json) {
        var result = new SimilarItems(availability.requireRun()).similar(item, k, by, exact);
        return json ? Json.write(result) : ServingOutput.similar(result);
    }

    @ShellMethod(key = "neighbours", group = "Serving", value = "Graph-neighbourhood recommendations: personalised "
            + "PageRank around a user or an item over users, items, brands, categories and SIMILAR edges.")
    public String neighbours(
            @ShellOption(value = "--user", help = "seed user", defaultValue = ShellOption.NULL) String user,
            @ShellOption(value = "--item", help = "seed item", defaultValue = ShellOption.NULL) String item,
            @ShellOption(value = "--k", help = "how many items", defaultValue = "10") int k,
            @ShellOption(value = "--hops", help = "neighbourhood radius", defaultValue = "3") int hops,
            @ShellOption(value = "--max-nodes", help = "node budget of the neighbourhood", defaultValue = "5000")
            int maxNodes,
            @ShellOption(value = "--fanout", help = "relationships followed per node", defaultValue = "50")
            int fanout,
            @ShellOption(value = "--restart", help = "restart probability of the walk", defaultValue = "0.15")
            double restart,
            @ShellOption(value = "--json", help = "print JSON for scripts", defaultValue = "false") boolean json) {
        if ((user == null) == (item == null)) {
            throw new UserException("neighbours needs exactly one of --user ID or --item ID");
        }
        var p = new NeighbourhoodParameters(k, hops, maxNodes, fanout, restart, 100, 1e-10);
        var recommender = new NeighbourhoodRecommender(session.get());
        var result = user != null ? recommender.forUser(user, p) : recommender.forItem(item, p);
        return json ? Json.write(result) : ServingOutput.neighbours(result);
    }

    @ShellMethod(key = "explain", group = "Serving", value = "Why an item for a user: the strongest paths between "
            + "them (similar items by modality, shared brand/category, co-interacting users), shortest first.")
    public String explain(
            @ShellOption(value = "--user", help = "the user's id") String user,
            @ShellOption(value = "--item", help = "the item's id") String item,
            @ShellOption(value = "--limit", help = "at most this many paths", defaultValue = "10") int limit,
            @ShellOption(value = "--json", help = "print JSON for scripts", defaultValue = "false") boolean json) {
        if (limit < 1) {
            throw new UserException("--limit must be at least 1, found " + limit);
        }
        var result = new Explainer(session.get()).explain(user, item, limit);
        return json ? Json.write(result) : ServingOutput.explanation(result);
    }

    @ShellMethodAvailability({"recommend", "similar"})
    public Availability embeddingsAvailable() {
        return availability.check();
    }
}
