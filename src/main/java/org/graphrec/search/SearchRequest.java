package org.graphrec.search;

import org.graphrec.config.UserException;
import org.graphrec.procedures.ServingProcedures;

/**
 * A validated {@code search} request.
 *
 * @param query       the text (not blank)
 * @param userId      rank for this user's taste, or null
 * @param k           how many items (1..1000)
 * @param brand       only items of this brand, or null
 * @param category    only items in this category, or null
 * @param personal    weight of the user's score in 0..1 ({@link #DEFAULT_PERSONAL} unless given)
 * @param excludeSeen leave out the user's items (any split)
 */
public record SearchRequest(String query, String userId, int k, String brand, String category, double personal,
                            boolean excludeSeen) {

    /** The weight of the user's score unless given; chosen on validation splits (docs/quality.md, "Search"). */
    public static final double DEFAULT_PERSONAL = ServingProcedures.DEFAULT_SEARCH_PERSONAL;

    public SearchRequest {
        if (query == null || query.isBlank()) {
            throw new UserException("--query needs some text, found " + (query == null ? "none" : "an empty or "
                    + "blank query"));
        }
        if (k < 1 || k > ServingProcedures.MAX_K) {
            throw new UserException("--k must be between 1 and " + ServingProcedures.MAX_K + ", found " + k);
        }
        if (Double.isNaN(personal) || personal < 0 || personal > 1) {
            throw new UserException("--personal must be between 0 and 1, found " + personal);
        }
        query = query.strip();
        userId = blankToNull(userId);
        brand = blankToNull(brand);
        category = blankToNull(category);
    }

    /** A plain query for k items, no user. */
    public static SearchRequest of(String query, int k) {
        return new SearchRequest(query, null, k, null, null, DEFAULT_PERSONAL, false);
    }

    /** The same request for {@code userId} with weight {@code personal}. */
    public SearchRequest forUser(String user, double weight) {
        return new SearchRequest(query, user, k, brand, category, weight, excludeSeen);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
