package org.graphrec.search;

import java.util.List;

/**
 * The answer to a {@code search}.
 *
 * @param query        the text searched for
 * @param userId       for whom (null = nobody)
 * @param personal     the weight of the user's score that was asked for
 * @param personalised whether the user's score took part (false without a user, or for a user without a fused
 *                     embedding)
 * @param note         one line for the reader when something changed the answer, or null
 * @param hits         best first
 */
public record SearchResult(String query, String userId, double personal, boolean personalised, String note,
                           List<Hit> hits) {

    /**
     * One hit.
     *
     * @param rank           1 = best
     * @param itemId         the item
     * @param title          its title (may be null)
     * @param score          what it was ranked by: the blended z-score when personalised, else the cosine
     * @param textSimilarity cosine of the query's and the item's text vectors
     * @param personalScore  the user's model score dot(user, item), or null
     * @param why            readable reasons: the text similarity, and for personalised hits the strongest graph
     *                       paths from the user (those of {@code explain})
     */
    public record Hit(int rank, String itemId, String title, double score, double textSimilarity,
                      Double personalScore, List<String> why) {
    }

    /** The hits' item ids, best first. */
    public List<String> itemIds() {
        return hits.stream().map(Hit::itemId).toList();
    }
}
