// Items most similar to an item WITHOUT graphrec's procedures (for a server without the plugin jar; the shell
// falls back to it there), by one modality's vectors or by the fused embedding, through the modality's
// vector index (item_<modality>_embedding, or item_embedding_vN of the published version N for 'fused'; cosine,
// approximate). Works for
// items nobody interacted with. The index finds the candidates; similarity is the exact cosine (-1..1) of the
// stored vectors (the index's own score is approximate), ties by item id; every row says exact = false.
// Parameters:
//   $itemId (string): the item's id
//   $k (integer, default 10): how many items
//   $modality (string, default 'fused'): 'fused' or a (:Modality) name such as 'text' or 'image'
// Example: {itemId: 'i1', k: 3, modality: 'text'}
MATCH (i:Item {id: $itemId})
OPTIONAL MATCH (m:Modality {name: $modality})
OPTIONAL MATCH (p:PublishedVersion {name: 'fused'})
WITH i,
     CASE WHEN $modality = 'fused' THEN 'embedding_v' + p.version ELSE m.property END AS property,
     CASE WHEN $modality = 'fused' THEN 'item_embedding_v' + p.version ELSE 'item_' + $modality + '_embedding' END
       AS indexName
WITH i, indexName, property, CASE WHEN property IS NULL THEN null ELSE i[property] END AS vector
WHERE vector IS NOT NULL
CALL db.index.vector.queryNodes(indexName, 2 * $k + 10, vector) YIELD node
WITH node, property, vector
WHERE node <> i
WITH node, 2 * vector.similarity.cosine(vector, node[property]) - 1 AS similarity
ORDER BY similarity DESC, node.id ASC
LIMIT $k
WITH collect({item: node, similarity: similarity}) AS top
UNWIND range(1, size(top)) AS rank
RETURN rank, top[rank - 1].item.id AS itemId, top[rank - 1].item.title AS title,
       top[rank - 1].similarity AS similarity, false AS exact
ORDER BY rank
