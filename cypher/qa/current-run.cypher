// The embedding versions (one per propagation run), the published one first, then the others newest first, with
// their state: published (what serving and the library read), staged (written, not visible), retired (kept for
// rollback), rejected (refused by the refresh job's quality gate), writing (being written, or left by a killed
// job: the next publish removes it), removed (vectors deleted, history kept). The published version N's vectors
// are User/Item.embedding_vN and Item.embeddingMips_vN, indexed by item_embedding_vN and item_embedding_mips_vN.
// Parameters:
//   $limit (integer, default 5): how many runs
// Example: {}
OPTIONAL MATCH (p:PublishedVersion {name: 'fused'})
WITH p.version AS current
MATCH (r:PropagationRun)
RETURN r.id AS id, r.version AS version, r.state AS state, r.version = current AS published, r.mode AS mode,
       r.createdAt AS createdAt, r.dimension AS dimension, r.mipsNorm AS mipsNorm, r.metrics AS metrics
ORDER BY published DESC, version DESC, createdAt DESC, id DESC
LIMIT $limit
