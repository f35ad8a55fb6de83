// Top-K items for a user, ranked by the model's score dot(User.embedding_vN, Item.embedding_vN) of the published
// embedding version N, ties by item id: exact (every item is scored, no approximate index in the way), through
// graphrec's procedure graphrec.recommend, which keeps an in-memory copy of the version's item vectors (built on
// the first call after a publish) and reads the (:PublishedVersion {name: 'fused'}) pointer in this query's
// transaction, so a publish during the query never mixes two versions.
// Seen = interacted in any split (train, valid or test). The shell's `recommend` runs this very file, so the
// two return the same top-K. Users without a fused embedding, or with an all-zero one (propagate writes zeros
// for users without train interactions), get no rows: the shell falls back to popular items.
// Needs the procedure: the embedded store registers it; on an external server install the plugin jar
// (cypher/README.md). Without it, recommend/for-user-index.cypher gives the same ranking through the vector indexes.
// Parameters:
//   $userId (string): the user's id
//   $k (integer, default 10): how many items (1..1000)
//   $excludeSeen (boolean, default true): leave out items the user interacted with (any split)
//   $brand (string, default null): only items MADE_BY this brand
//   $category (string, default null): only items IN_CATEGORY this category
// Example: {userId: 'u1', k: 5}
CALL graphrec.recommend($userId, $k, {excludeSeen: $excludeSeen, brand: $brand, category: $category})
YIELD rank, item, score, version
RETURN rank, item.id AS itemId, item.title AS title, score, version
ORDER BY rank
