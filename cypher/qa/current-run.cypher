// The propagation runs, newest first; the first row is the current one (its vectors are on the nodes).
// Parameters:
//   $limit (integer, default 5): how many runs
// Example: {}
MATCH (r:PropagationRun)
RETURN r.id AS id, r.mode AS mode, r.createdAt AS createdAt, r.dimension AS dimension, r.mipsNorm AS mipsNorm,
       r.metrics AS metrics
ORDER BY createdAt DESC, id DESC
LIMIT $limit
