package org.graphrec.recommend;

import org.graphrec.config.UserException;

/**
 * A validated {@code recommend} request.
 *
 * @param userId      the user's id
 * @param k           how many items (1..1000)
 * @param brand       only items of this brand, or null
 * @param category    only items in this category, or null
 * @param excludeSeen leave out items the user interacted with in any split (train, valid, test)
 * @param diversify   0 = rank by score only; up to 1 = MMR trade-off towards items unlike those already chosen
 * @param likeItem    for users without history: recommend items like this one instead of popular items; null
 * @param exact       scan all items instead of asking the vector indexes (never misses, slower on big catalogues)
 */
public record RecommendRequest(String userId, int k, String brand, String category, boolean excludeSeen,
                               double diversify, String likeItem, boolean exact) {

    public static final int MAX_K = 1000;

    public RecommendRequest {
        if (userId == null || userId.isBlank()) {
            throw new UserException("--user needs a user id");
        }
        if (k < 1 || k > MAX_K) {
            throw new UserException("--k must be between 1 and " + MAX_K + ", found " + k);
        }
        if (Double.isNaN(diversify) || diversify < 0 || diversify > 1) {
            throw new UserException("--diversify must be between 0 and 1, found " + diversify);
        }
        brand = blankToNull(brand);
        category = blankToNull(category);
        likeItem = blankToNull(likeItem);
    }

    /** A request without the exact flag (index candidates). */
    public RecommendRequest(String userId, int k, String brand, String category, boolean excludeSeen,
                            double diversify, String likeItem) {
        this(userId, k, brand, category, excludeSeen, diversify, likeItem, false);
    }

    /** Plain top-k with seen items removed, no filters. */
    public static RecommendRequest of(String userId, int k) {
        return new RecommendRequest(userId, k, null, null, true, 0, null, false);
    }

    /** The same request with {@code exact} set. */
    public RecommendRequest withExact(boolean exact) {
        return new RecommendRequest(userId, k, brand, category, excludeSeen, diversify, likeItem, exact);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
