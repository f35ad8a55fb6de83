package org.graphrec.recommend;

import java.util.List;

/**
 * The answer to a {@code recommend} (or {@code neighbours}) request.
 *
 * @param userId  for whom
 * @param source  how the list was made
 * @param note    one line for the user when it is a fallback (or why a filter changed things); null otherwise
 * @param items   best first
 */
public record Recommendations(String userId, Source source, String note, List<Item> items) {

    /** How a list was made. */
    public enum Source {
        /** Ranked by dot(User.embedding, Item.embedding): recommend/for-user.cypher. */
        EMBEDDING,
        /** Cold start: most interacted items (recommend/popular.cypher). */
        POPULAR_FALLBACK,
        /** Cold start: items like the item given with --like (recommend/like-item.cypher). */
        LIKE_FALLBACK,
        /** Personalised PageRank over the graph neighbourhood. */
        NEIGHBOURHOOD
    }

    /**
     * One recommended item.
     *
     * @param rank   1 = best
     * @param itemId the item
     * @param title  its title (may be null)
     * @param score  the ranking score of the source: dot product, interaction count, cosine or PageRank mass
     */
    public record Item(int rank, String itemId, String title, double score) {
    }

    public boolean isFallback() {
        return source == Source.POPULAR_FALLBACK || source == Source.LIKE_FALLBACK;
    }

    public List<String> itemIds() {
        return items.stream().map(Item::itemId).toList();
    }
}
