// Items for a text query, optionally ranked by a user's taste: the cosine between the query's text vector and
// every item's text vector (Item[(:Modality {name: 'text'}).property], items nobody interacted with included),
// and with $userId blended with the model's score dot(User.embedding_vN, Item.embedding_vN) of the published
// version: score = (1 - $personal) * z(cosine) + $personal * z(dot), both standardised over the candidate items
// (z-scores), so $personal means the same on every catalogue; without a user (or for a user without a fused
// embedding) score is the cosine. Ties by item id. Through graphrec's procedure graphrec.search (exact scan of an
// in-memory copy of the vectors). The shell's `search` runs this very file, so the two return the same list.
// The query vector must come from the encoder of the catalogue's text vectors (all-MiniLM-L6-v2 for
// `import --embed-text`; (:Modality {name: 'text'}).encoders names it): the plugin carries no encoder, so get one
// with `graphrec search --query "waterproof hiking boots" --print-vector` (a Cypher list) or from any
// all-MiniLM-L6-v2 with mean pooling and L2 normalisation (e.g. Python sentence-transformers).
// Parameters:
//   $queryVector (list): the query's text vector, e.g. [0.01, -0.2, …] (384 floats for MiniLM)
//   $userId (string, default null): rank for this user's taste
//   $k (integer, default 10): how many items (1..1000)
//   $brand (string, default null): only items MADE_BY this brand
//   $category (string, default null): only items IN_CATEGORY this category
//   $personal (float, default 0.1): weight of the user's score, 0 = text only, 1 = taste only
//   $excludeSeen (boolean, default false): leave out items the user interacted with (any split)
// Example: {queryVector: [1.0, 0.0], userId: 'u2', k: 3, personal: 0.5}
CALL graphrec.search([x IN $queryVector | toFloat(x)], {user: $userId, k: $k, brand: $brand, category: $category,
                     personal: $personal, excludeSeen: $excludeSeen})
YIELD rank, item, score, textSimilarity, personalScore, version
RETURN rank, item.id AS itemId, item.title AS title, score, textSimilarity, personalScore, version
ORDER BY rank
