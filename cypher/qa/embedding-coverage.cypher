// How many items and users carry each vector: the fused embedding, the MIPS vector, and every modality named
// by a (:Modality) node, with the share of all items (or users) and the index that serves it.
// Parameters: none
// Example: {}
CALL () {
  MATCH (i:Item) RETURN count(i) AS items
}
CALL () {
  MATCH (u:User) RETURN count(u) AS users
}
CALL () {
  OPTIONAL MATCH (p:PublishedVersion {name: 'fused'})
  RETURN p.version AS version
}
CALL (items, users, version) {
  MATCH (i:Item) WHERE i['embedding_v' + version] IS NOT NULL
  RETURN 'fused' AS vector, 'Item.embedding_v' + version AS property, 'item_embedding_v' + version AS indexName,
         count(i) AS nodes, items AS total
UNION ALL
  MATCH (i:Item) WHERE i['embeddingMips_v' + version] IS NOT NULL
  RETURN 'mips' AS vector, 'Item.embeddingMips_v' + version AS property,
         'item_embedding_mips_v' + version AS indexName, count(i) AS nodes, items AS total
UNION ALL
  MATCH (u:User) WHERE u['embedding_v' + version] IS NOT NULL
  RETURN 'user' AS vector, 'User.embedding_v' + version AS property, null AS indexName, count(u) AS nodes,
         users AS total
UNION ALL
  MATCH (m:Modality)
  RETURN m.name AS vector, 'Item.' + m.property AS property, 'item_' + m.name + '_embedding' AS indexName,
         COUNT { MATCH (i:Item) WHERE i[m.property] IS NOT NULL } AS nodes, items AS total
}
RETURN vector, property, indexName, nodes, total,
       CASE WHEN total = 0 THEN 0.0 ELSE toFloat(nodes) / total END AS coverage
ORDER BY vector
