package org.graphrec.shell;

import java.util.Locale;
import java.util.StringJoiner;
import org.graphrec.config.Json;
import org.graphrec.search.SearchRequest;
import org.graphrec.search.SearchResult;
import org.graphrec.search.SearchService;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/** {@code search}: a text query over the items' text vectors, optionally ranked by a user's taste. */
@ShellComponent
public class SearchCommands extends SessionCommands {

    public SearchCommands(GraphSession session) {
        super(session);
    }

    @ShellMethod(key = "search", group = "Serving", value = "Items for a text query (cosine with the items' text "
            + "vectors, cold items too), with --user blended with the user's taste; each hit says why (same list "
            + "as cypher recommend/search).")
    public String search(
            @ShellOption(value = "--query", help = "what to look for, e.g. \"waterproof hiking boots\"") String query,
            @ShellOption(value = "--user", help = "rank for this user's taste", defaultValue = ShellOption.NULL)
            String user,
            @ShellOption(value = "--k", help = "how many items", defaultValue = "10") int k,
            @ShellOption(value = "--brand", help = "only items of this brand", defaultValue = ShellOption.NULL)
            String brand,
            @ShellOption(value = "--category", help = "only items in this category", defaultValue = ShellOption.NULL)
            String category,
            @ShellOption(value = "--personal", help = "weight of the user's taste, 0 = text only .. 1 = taste only",
                    defaultValue = "" + SearchRequest.DEFAULT_PERSONAL) double personal,
            @ShellOption(value = "--exclude-seen", help = "leave out the user's items (any split)",
                    defaultValue = "false") boolean excludeSeen,
            @ShellOption(value = "--print-vector", help = "only print the query's vector (a Cypher list for "
                    + "cypher recommend/search --param queryVector=…)", defaultValue = "false") boolean printVector,
            @ShellOption(value = "--json", help = "print JSON for scripts", defaultValue = "false") boolean json) {
        SearchRequest request = new SearchRequest(query, user, k, brand, category, personal, excludeSeen);
        SearchService service = new SearchService(session.get());
        if (printVector) {
            StringJoiner list = new StringJoiner(", ", "[", "]\n");
            for (float x : service.encode(request.query())) {
                list.add(Float.toString(x));
            }
            return list.toString();
        }
        SearchResult result = service.search(request);
        return json ? Json.write(result) : render(result);
    }

    static String render(SearchResult r) {
        StringBuilder out = new StringBuilder();
        out.append("search \"").append(r.query()).append('"');
        if (r.personalised()) {
            out.append(String.format(Locale.ROOT, " for %s (personal weight %.2f; score = blended z-score)",
                    r.userId(), r.personal()));
        }
        out.append(":\n");
        if (r.note() != null) {
            out.append("note: ").append(r.note()).append('\n');
        }
        if (r.hits().isEmpty()) {
            return out.append("(no items)\n").toString();
        }
        TextTable table = r.personalised() ? new TextTable("rank", "item", "title", "score", "text", "personal")
                : new TextTable("rank", "item", "title", "cosine");
        for (SearchResult.Hit h : r.hits()) {
            if (r.personalised()) {
                table.row(h.rank(), h.itemId(), ServingOutput.shorten(h.title()), format(h.score()),
                        format(h.textSimilarity()), h.personalScore() == null ? "—" : format(h.personalScore()));
            } else {
                table.row(h.rank(), h.itemId(), ServingOutput.shorten(h.title()), format(h.score()));
            }
        }
        out.append(table.render());
        out.append("why:\n");
        for (SearchResult.Hit h : r.hits()) {
            // the scores on the first line, each graph path on a line of its own
            int scores = Math.min(h.why().size(), h.personalScore() == null && !r.personalised() ? 1 : 2);
            out.append("  ").append(h.rank()).append(". ").append(h.itemId()).append(": ")
                    .append(String.join("; ", h.why().subList(0, scores))).append('\n');
            for (String line : h.why().subList(scores, h.why().size())) {
                out.append("       ").append(line).append('\n');
            }
        }
        return out.toString();
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
