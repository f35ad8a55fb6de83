// An item's stored nearest neighbours per modality: the SIMILAR {modality, score, rank, version} edges written by
// `propagate` (one list per modality, 'fused' included), best rank first, of the published version's kNN graph
// only (PublishedVersion.similarVersion: a propagation still writing its own is invisible). Compare how text,
// image, … and the fused embedding see the same item.
// Parameters:
//   $itemId (string): the item's id
//   $modality (string, default null): only this modality ('fused', 'text', …); null = all
//   $maxRank (integer, default 10): only neighbours with rank <= this
// Example: {itemId: 'i1', maxRank: 2}
MATCH (p:PublishedVersion {name: 'fused'})
MATCH (i:Item {id: $itemId})-[s:SIMILAR]->(j:Item)
WHERE s.version = p.similarVersion AND ($modality IS NULL OR s.modality = $modality) AND s.rank <= $maxRank
RETURN s.modality AS modality, s.rank AS rank, j.id AS itemId, j.title AS title, s.score AS score
ORDER BY modality, rank, itemId
