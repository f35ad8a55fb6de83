// Nodes cut off from the rest of the graph: users without interactions, items without any relationship
// (no interactions, brand, category or SIMILAR edge), brands and categories without items.
// Parameters:
//   $limit (integer, default 100): how many nodes per kind
// Example: {}
CALL () {
  MATCH (u:User) WHERE NOT EXISTS { (u)-[:INTERACTED]->() }
  WITH u ORDER BY u.id LIMIT $limit
  RETURN 'User' AS kind, u.id AS key
UNION ALL
  MATCH (i:Item) WHERE NOT EXISTS { (i)--() }
  WITH i ORDER BY i.id LIMIT $limit
  RETURN 'Item' AS kind, i.id AS key
UNION ALL
  MATCH (b:Brand) WHERE NOT EXISTS { (b)<-[:MADE_BY]-() }
  WITH b ORDER BY b.name LIMIT $limit
  RETURN 'Brand' AS kind, b.name AS key
UNION ALL
  MATCH (c:Category) WHERE NOT EXISTS { (c)<-[:IN_CATEGORY]-() }
  WITH c ORDER BY c.name LIMIT $limit
  RETURN 'Category' AS kind, c.name AS key
}
RETURN kind, key
ORDER BY kind, key
