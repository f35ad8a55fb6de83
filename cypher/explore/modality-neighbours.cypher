// An item's stored nearest neighbours per modality: the SIMILAR {modality, score, rank} edges written by
// `propagate` (one list per modality, 'fused' included), best rank first. Compare how text, image, … and the
// fused embedding see the same item.
// Parameters:
//   $itemId (string): the item's id
//   $modality (string, default null): only this modality ('fused', 'text', …); null = all
//   $maxRank (integer, default 10): only neighbours with rank <= this
// Example: {itemId: 'i1', maxRank: 2}
MATCH (i:Item {id: $itemId})-[s:SIMILAR]->(j:Item)
WHERE ($modality IS NULL OR s.modality = $modality) AND s.rank <= $maxRank
RETURN s.modality AS modality, s.rank AS rank, j.id AS itemId, j.title AS title, s.score AS score
ORDER BY modality, rank, itemId
