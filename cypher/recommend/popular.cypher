// The most popular items (interactions over all splits), optionally within a brand and/or category, leaving
// out what a user has already seen. The shell's cold-start fallback for users without an embedding.
// Ties are broken by item id, so the answer is stable.
// Parameters:
//   $k (integer, default 10): how many items
//   $brand (string, default null): only items MADE_BY this brand
//   $category (string, default null): only items IN_CATEGORY this category
//   $userId (string, default null): leave out items this user interacted with (any split)
// Example: {k: 3, category: 'Hats'}
CALL () {
  WITH 1 AS one
  WHERE $brand IS NULL AND $category IS NULL
  MATCH (i:Item)
  RETURN i
UNION
  WITH 1 AS one
  WHERE $brand IS NOT NULL
  MATCH (:Brand {name: $brand})<-[:MADE_BY]-(i:Item)
  RETURN i
UNION
  WITH 1 AS one
  WHERE $brand IS NULL AND $category IS NOT NULL
  MATCH (:Category {name: $category})<-[:IN_CATEGORY]-(i:Item)
  RETURN i
}
WITH i
WHERE ($category IS NULL OR EXISTS { (i)-[:IN_CATEGORY]->(:Category {name: $category}) })
  AND ($userId IS NULL OR NOT EXISTS { (:User {id: $userId})-[:INTERACTED]->(i) })
WITH i, COUNT { (i)<-[:INTERACTED]-(:User) } AS interactions
ORDER BY interactions DESC, i.id ASC
LIMIT $k
WITH collect({item: i, interactions: interactions}) AS top
UNWIND range(1, size(top)) AS rank
RETURN rank, top[rank - 1].item.id AS itemId, top[rank - 1].item.title AS title,
       top[rank - 1].interactions AS interactions
ORDER BY rank
