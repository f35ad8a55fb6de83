// Items like a seed item WITHOUT graphrec's procedures (a server without the plugin jar; approximate: the
// best $candidates index hits are filtered, so a narrow brand/category can leave fewer than $k) — by the
// published fused embedding version N, through its vector index item_embedding_vN, for a user who
// names the item ("more like this"): leaves out the seed, what the user has seen, and items outside an
// optional brand/category. The shell's `recommend --like ITEM` fallback for cold-start users.
// Parameters:
//   $itemId (string): the seed item's id
//   $k (integer, default 10): how many items
//   $userId (string, default null): leave out items this user interacted with (any split)
//   $brand (string, default null): only items MADE_BY this brand
//   $category (string, default null): only items IN_CATEGORY this category
//   $candidates (integer, default 200): how many index hits to filter
// Example: {itemId: 'i1', k: 3, userId: 'u1'}
MATCH (p:PublishedVersion {name: 'fused'})
WHERE p.version IS NOT NULL
WITH p.version AS version, 'embedding_v' + p.version AS vec
MATCH (seed:Item {id: $itemId})
WITH seed, version, vec, seed[vec] AS seedVector
WHERE seedVector IS NOT NULL
CALL db.index.vector.queryNodes('item_embedding_v' + version, $k + $candidates, seedVector) YIELD node
WITH seed, seedVector, vec, node AS i
WHERE i <> seed
  AND ($brand IS NULL OR EXISTS { (i)-[:MADE_BY]->(:Brand {name: $brand}) })
  AND ($category IS NULL OR EXISTS { (i)-[:IN_CATEGORY]->(:Category {name: $category}) })
  AND ($userId IS NULL OR NOT EXISTS { (:User {id: $userId})-[:INTERACTED]->(i) })
WITH i, 2 * vector.similarity.cosine(seedVector, i[vec]) - 1 AS similarity
ORDER BY similarity DESC, i.id ASC
LIMIT $k
WITH collect({item: i, similarity: similarity}) AS top
UNWIND range(1, size(top)) AS rank
RETURN rank, top[rank - 1].item.id AS itemId, top[rank - 1].item.title AS title,
       top[rank - 1].similarity AS similarity
ORDER BY rank
