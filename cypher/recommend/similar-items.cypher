// Items most similar to an item, by one modality's vectors or by the fused embedding of the published version:
// the exact cosine similarity (-1..1) of the stored vectors against every other item, ties by item id, through
// graphrec's procedure graphrec.similar (an in-memory copy of the item vectors, rebuilt after a publish or an
// import; CALL graphrec.cache.clear() after editing vectors by hand). Works for items nobody interacted with.
// Needs the procedure (see recommend/for-user.cypher); without it, recommend/similar-items-index.cypher asks the
// vector index instead (approximate).
// Parameters:
//   $itemId (string): the item's id
//   $k (integer, default 10): how many items (1..1000)
//   $modality (string, default 'fused'): 'fused' or a (:Modality) name such as 'text' or 'image'
// Example: {itemId: 'i1', k: 3, modality: 'text'}
CALL graphrec.similar($itemId, $k, $modality)
YIELD rank, item, similarity
RETURN rank, item.id AS itemId, item.title AS title, similarity
ORDER BY rank
