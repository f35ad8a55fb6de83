// Which brands a user favours: the user's interactions per brand (all splits), their share of the user's
// interactions, and the lift over the brand's share of all interactions (lift > 1: the user likes the brand
// more than the average interaction does).
// Parameters:
//   $userId (string): the user's id
//   $limit (integer, default 10): how many brands
// Example: {userId: 'u1'}
MATCH (u:User {id: $userId})-[:INTERACTED]->(i:Item)
WITH u, count(i) AS total
MATCH (u)-[:INTERACTED]->(:Item)-[:MADE_BY]->(b:Brand)
WITH b, total, count(*) AS interactions
WITH b, total, interactions,
     COUNT { (b)<-[:MADE_BY]-(:Item)<-[:INTERACTED]-(:User) } AS brandInteractions
CALL () {
  MATCH ()-[r:INTERACTED]->()
  RETURN count(r) AS allInteractions
}
RETURN b.name AS brand, interactions, toFloat(interactions) / total AS share,
       (toFloat(interactions) / total) / (toFloat(brandInteractions) / allInteractions) AS lift
ORDER BY interactions DESC, lift DESC, brand ASC
LIMIT $limit
