// Items most similar to an item, by one modality's vectors or by the fused embedding of the published version:
// the cosine similarity (-1..1) of the stored vectors against every other item, ties by item id, through
// graphrec's procedure graphrec.similar (an in-memory copy of the item vectors, rebuilt after a publish or an
// import; CALL graphrec.cache.clear() after editing vectors by hand). Works for items nobody interacted with.
// Exact below 200,000 items; from there an inverted file calibrated on the catalogue for recall@10 >= 0.97
// answers (exact scores of the items it scans; exact = false in the rows) unless $exact is true.
// Needs the procedure (see recommend/for-user.cypher); without it, recommend/similar-items-index.cypher asks the
// vector index instead (approximate).
// Parameters:
//   $itemId (string): the item's id
//   $k (integer, default 10): how many items (1..1000)
//   $modality (string, default 'fused'): 'fused' or a (:Modality) name such as 'text' or 'image'
//   $exact (boolean, default false): true = always the exact list (a full scan of the codes, 2-3 ms at 300k items)
// Example: {itemId: 'i1', k: 3, modality: 'text'}
CALL graphrec.similar($itemId, $k, $modality, {exact: $exact})
YIELD rank, item, similarity, exact
RETURN rank, item.id AS itemId, item.title AS title, similarity, exact
ORDER BY rank
