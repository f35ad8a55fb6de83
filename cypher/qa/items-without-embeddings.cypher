// Items missing vectors: no fused embedding (or no MIPS vector, which serving needs), or no vector for one of
// the modalities declared by (:Modality) nodes. One row per item with what it lacks.
// Parameters:
//   $limit (integer, default 100): how many items
// Example: {}
OPTIONAL MATCH (p:PublishedVersion {name: 'fused'})
WITH 'embedding_v' + p.version AS vec, 'embeddingMips_v' + p.version AS mips
MATCH (i:Item)
WITH i, vec, mips, [m IN COLLECT { MATCH (m:Modality) RETURN m ORDER BY m.name } WHERE i[m.property] IS NULL | m.name] AS
     missingModalities
WITH i, missingModalities,
     (CASE WHEN vec IS NULL OR i[vec] IS NULL THEN ['fused'] ELSE [] END)
     + (CASE WHEN mips IS NULL OR i[mips] IS NULL THEN ['mips'] ELSE [] END) AS missingFused
WHERE size(missingModalities) > 0 OR size(missingFused) > 0
RETURN i.id AS itemId, i.title AS title, missingFused + missingModalities AS missing
ORDER BY itemId
LIMIT $limit
