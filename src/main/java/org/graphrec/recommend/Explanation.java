package org.graphrec.recommend;

import java.util.List;

/**
 * Why an item suits a user: the strongest paths between them in the graph, shortest first, strongest first
 * within a length.
 *
 * @param userId        the user
 * @param itemId        the item
 * @param title         the item's title (may be null)
 * @param modelScore    dot(User.embedding, Item.embedding), or null when either has no embedding
 * @param alreadySeen   the split of the user's interaction with this item, or null when there is none
 * @param paths         the paths, in display order
 * @param version       the published embedding version the score and the stored SIMILAR ranks come from (null
 *                      before the first publish); one read transaction, so never a mix of two versions
 */
public record Explanation(String userId, String itemId, String title, Double modelScore, String alreadySeen,
                          List<Path> paths, Long version) {

    /** The kinds of path an explanation can show. */
    public enum Kind {
        /** user → item j ≈ item, by one modality's (or the fused) cosine similarity: length 2. */
        SIMILAR,
        /** user → item j → brand ← item: length 3. */
        SHARED_BRAND,
        /** user → item j → category ← item: length 3. */
        SHARED_CATEGORY,
        /** user → item j ← other users → item: length 3. */
        CO_INTERACTION
    }

    /**
     * One path.
     *
     * @param kind   what joins the two ends
     * @param length relationships on the path
     * @param score  strength in 0..1 for its kind: cosine similarity; share of the user's items with that brand
     *               or category; share of the item's users who also interacted with the user's item
     * @param via    the node(s) in between, e.g. {@code ["Item:i1"]} or {@code ["Item:i5", "Brand:Zen"]}
     * @param detail the modality for SIMILAR, otherwise counts in words
     * @param line   the readable line
     */
    public record Path(Kind kind, int length, double score, List<String> via, String detail, String line) {
    }
}
