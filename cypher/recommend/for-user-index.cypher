// Top-K items for a user WITHOUT graphrec's procedures (for a Neo4j server where the plugin jar is not installed):
// the same ranking as recommend/for-user.cypher, dot(User.embedding_vN, Item.embedding_vN) of the published
// embedding version N (read once from the (:PublishedVersion {name: 'fused'}) pointer), ties by item id, found
// through the vector indexes instead of an exact scan.
// Candidates: by default the union of two vector indexes, item_embedding_mips_vN (cosine over the MIPS-to-cosine
// transform, whose order is the dot product's) and item_embedding_vN (cosine), each asked for $candidates items
// plus as many as the user has seen; with $exact = true, or with a brand/category filter, every item (of that
// brand/category) is a candidate instead. Candidates are narrowed by the native cosine over embeddingMips_vN
// (the dot product's order, up to float32 rounding) to the best $k + 10, which are scored exactly: the dot
// product of the stored float32 vectors (the 10 spare places absorb rounding near-ties). The indexes are approximate (HNSW): the default misses a true top-K item rarely (recall@10 ≈ 0.998
// on the synthetic benchmark graph); $exact = true never does and costs a scan of all items.
// Seen = interacted in any split (train, valid or test). The shell's `recommend` runs this file when the
// server lacks the graphrec.recommend procedure (and says so). Users without a fused embedding, or with an all-zero one (propagate writes zeros
// for users without train interactions), get no rows: the shell falls back to popular items.
// Parameters:
//   $userId (string): the user's id
//   $k (integer, default 10): how many items
//   $excludeSeen (boolean, default true): leave out items the user interacted with (any split)
//   $brand (string, default null): only items MADE_BY this brand
//   $category (string, default null): only items IN_CATEGORY this category
//   $candidates (integer, default 200): index hits per index, and items kept for the exact re-rank
//   $exact (boolean, default false): scan all items instead of asking the indexes
// Example: {userId: 'u1', k: 5}
MATCH (p:PublishedVersion {name: 'fused'})
WHERE p.version IS NOT NULL
WITH p.version AS version
MATCH (u:User {id: $userId})
WITH u, version, u['embedding_v' + version] AS ue
WHERE ue IS NOT NULL AND reduce(n = 0.0, x IN ue | n + x * x) > 0
WITH u, ue, version, 'embedding_v' + version AS vec, 'embeddingMips_v' + version AS mips,
     CASE WHEN $excludeSeen THEN COUNT { (u)-[:INTERACTED]->() } ELSE 0 END AS seen
CALL (ue, seen, version) {
  WITH ue, seen, version
  WHERE $brand IS NULL AND $category IS NULL AND NOT $exact
  CALL db.index.vector.queryNodes('item_embedding_mips_v' + version, $candidates + seen, ue + [0.0]) YIELD node
  RETURN node AS i
UNION
  WITH ue, seen, version
  WHERE $brand IS NULL AND $category IS NULL AND NOT $exact
  CALL db.index.vector.queryNodes('item_embedding_v' + version, $candidates + seen, ue) YIELD node
  RETURN node AS i
UNION
  WITH ue
  WHERE $brand IS NULL AND $category IS NULL AND $exact
  MATCH (i:Item)
  RETURN i
UNION
  WITH ue
  WHERE $brand IS NOT NULL
  MATCH (:Brand {name: $brand})<-[:MADE_BY]-(i:Item)
  RETURN i
UNION
  WITH ue
  WHERE $brand IS NULL AND $category IS NOT NULL
  MATCH (:Category {name: $category})<-[:IN_CATEGORY]-(i:Item)
  RETURN i
}
WITH u, ue, version, vec, mips, i
WHERE i[vec] IS NOT NULL AND i[mips] IS NOT NULL
  AND ($category IS NULL OR EXISTS { (i)-[:IN_CATEGORY]->(:Category {name: $category}) })
  AND NOT ($excludeSeen AND EXISTS { (u)-[:INTERACTED]->(i) })
WITH ue, version, vec, i, vector.similarity.cosine(ue + [0.0], i[mips]) AS approximate
ORDER BY approximate DESC
LIMIT $k + 10
WITH i, i[vec] AS ie, ue, version
WITH i, version, reduce(s = 0.0, j IN range(0, size(ue) - 1) | s + ue[j] * ie[j]) AS score
ORDER BY score DESC, i.id ASC
LIMIT $k
WITH version, collect({item: i, score: score}) AS top
UNWIND range(1, size(top)) AS rank
WITH version, rank, top[rank - 1].item AS i, top[rank - 1].score AS score
RETURN rank, i.id AS itemId, i.title AS title, score, version
ORDER BY rank
