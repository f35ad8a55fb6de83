// Items like a seed item, for a user who names the item ("more like this"): the exact top-K by cosine of the
// published fused embedding, leaving out the seed, what the user has seen (any split) and items outside an
// optional brand/category; through graphrec's procedure graphrec.similar. The shell's `recommend --like ITEM`
// fallback for cold-start users. Without the procedure: recommend/like-item-index.cypher (vector index).
// Parameters:
//   $itemId (string): the seed item's id
//   $k (integer, default 10): how many items (1..1000)
//   $userId (string, default null): leave out items this user interacted with (any split)
//   $brand (string, default null): only items MADE_BY this brand
//   $category (string, default null): only items IN_CATEGORY this category
// Example: {itemId: 'i1', k: 3, userId: 'u1'}
CALL graphrec.similar($itemId, $k, 'fused', {excludeSeenBy: $userId, brand: $brand, category: $category})
YIELD rank, item, similarity
RETURN rank, item.id AS itemId, item.title AS title, similarity
ORDER BY rank
