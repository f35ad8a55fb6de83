// Items in a user's graph neighbourhood, scored by the 3-hop paths user → item ← other user → item (item-based
// collaborative filtering over all splits): the Cypher analogue of the shell's `neighbours --user`, which walks
// further (brands, categories, SIMILAR edges) with personalised PageRank. Seen items are left out; each of the
// user's items contributes at most $fanout co-users, so popular items cannot blow the query up.
// Parameters:
//   $userId (string): the user's id
//   $k (integer, default 10): how many items
//   $fanout (integer, default 50): co-users followed per item of the user
// Example: {userId: 'u1'}
MATCH (u:User {id: $userId})-[:INTERACTED]->(i:Item)
CALL (u, i) {
  MATCH (i)<-[:INTERACTED]-(v:User)
  WHERE v <> u
  WITH v ORDER BY v.id LIMIT $fanout
  MATCH (v)-[:INTERACTED]->(j:Item)
  WHERE NOT EXISTS { (u)-[:INTERACTED]->(j) }
  RETURN v, j
}
WITH j, count(*) AS paths, count(DISTINCT v) AS users
ORDER BY paths DESC, users DESC, j.id ASC
LIMIT $k
RETURN j.id AS itemId, j.title AS title, paths, users
