package org.graphrec.shell;

import java.util.Locale;
import org.graphrec.recommend.Explanation;
import org.graphrec.recommend.NeighbourhoodRecommender;
import org.graphrec.recommend.Recommendations;
import org.graphrec.recommend.SimilarItems;

/** Table renderings of the serving results (JSON is the records themselves, through {@link Json}). */
final class ServingOutput {

    private ServingOutput() {
    }

    static String recommendations(Recommendations r) {
        StringBuilder out = new StringBuilder();
        if (r.note() != null) {
            out.append("note: ").append(r.note()).append('\n');
        }
        String scoreName = switch (r.source()) {
            case EMBEDDING -> "score";
            case POPULAR_FALLBACK -> "interactions";
            case LIKE_FALLBACK -> "similarity";
            case NEIGHBOURHOOD -> "ppr";
        };
        out.append(items(r.items(), scoreName, r.source() == Recommendations.Source.POPULAR_FALLBACK));
        return out.toString();
    }

    static String similar(SimilarItems.Result r) {
        if (r.items().isEmpty()) {
            return "no items similar to '" + r.itemId() + "' by " + r.modality() + "\n";
        }
        return "items like " + r.itemId() + " by " + r.modality() + (r.exact() ? "" : " (approximate: exact cosines of "
                + "the candidates an index found; --exact for the exact list where graphrec's procedures run)") + ":\n" + items(r.items(), "cosine", false);
    }

    static String neighbours(NeighbourhoodRecommender.Result r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "personalised PageRank from %s over %,d nodes / %,d edges "
                + "(%d iterations)%n", r.seed(), r.nodes(), r.edges(), r.iterations()));
        if (r.note() != null) {
            out.append("note: ").append(r.note()).append('\n');
        }
        out.append(items(r.items(), "ppr", false));
        return out.toString();
    }

    static String explanation(Explanation e) {
        StringBuilder out = new StringBuilder();
        out.append("why ").append(e.itemId()).append(e.title() == null ? "" : " \"" + e.title() + "\"")
                .append(" for ").append(e.userId()).append(":\n");
        out.append(e.modelScore() == null ? "  model score: none (no fused embedding for the user or the item)\n"
                : String.format(Locale.ROOT, "  model score dot(user, item) = %.4f (embedding version %d)%n",
                e.modelScore(), e.version()));
        if (e.alreadySeen() != null) {
            out.append("  the user already interacted with it (split ").append(e.alreadySeen()).append(")\n");
        }
        if (e.paths().isEmpty()) {
            out.append("  no paths join them (no similar items in the user's history, no shared brand, category "
                    + "or co-interacting users)\n");
        }
        for (Explanation.Path p : e.paths()) {
            out.append(String.format(Locale.ROOT, "  [%d hops, %.3f] ", p.length(), p.score())).append(p.line())
                    .append('\n');
        }
        return out.toString();
    }

    private static String items(java.util.List<Recommendations.Item> items, String scoreName, boolean integer) {
        if (items.isEmpty()) {
            return "(no items)\n";
        }
        TextTable table = new TextTable("rank", "item", "title", scoreName);
        for (Recommendations.Item i : items) {
            table.row(i.rank(), i.itemId(), shorten(i.title()), integer ? String.valueOf((long) i.score())
                    : String.format(Locale.ROOT, "%.4f", i.score()));
        }
        return table.render();
    }

    static String shorten(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 60 ? text : text.substring(0, 59) + "…";
    }
}
