// A user's interactions, newest first: item, split (train/valid/test), rating, time, brand and categories.
// Parameters:
//   $userId (string): the user's id
//   $limit (integer, default 50): how many interactions
// Example: {userId: 'u1'}
MATCH (u:User {id: $userId})-[r:INTERACTED]->(i:Item)
OPTIONAL MATCH (i)-[:MADE_BY]->(b:Brand)
RETURN i.id AS itemId, i.title AS title, r.split AS split, r.rating AS rating, r.ts AS ts, b.name AS brand,
       COLLECT { MATCH (i)-[:IN_CATEGORY]->(c:Category) RETURN c.name ORDER BY c.name } AS categories
ORDER BY ts DESC, itemId ASC
LIMIT $limit
