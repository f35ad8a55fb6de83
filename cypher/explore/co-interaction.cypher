// Items most often interacted with by the same users as a given item ("people who interacted with this also
// interacted with"), all splits, with the number of shared users and the Jaccard index of the two user sets.
// Parameters:
//   $itemId (string): the item's id
//   $limit (integer, default 10): how many items
// Example: {itemId: 'i1'}
MATCH (i:Item {id: $itemId})<-[:INTERACTED]-(u:User)-[:INTERACTED]->(j:Item)
WHERE j <> i
WITH i, j, count(DISTINCT u) AS sharedUsers
WITH j, sharedUsers,
     toFloat(sharedUsers) / (COUNT { (i)<-[:INTERACTED]-(:User) } + COUNT { (j)<-[:INTERACTED]-(:User) }
                             - sharedUsers) AS jaccard
RETURN j.id AS itemId, j.title AS title, sharedUsers, jaccard
ORDER BY sharedUsers DESC, jaccard DESC, itemId ASC
LIMIT $limit
