// Indexes the importer, the propagation job and the query library rely on.
// Vector indexes over embeddings are created by the propagation job, which knows their dimension.
// Applied before the constraints: an index is populated in the background (on a bulk-imported store
// interacted_split reads every INTERACTED relationship) while each constraint builds its own index when created,
// so the two overlap (the schema step of a 1M bulk import 4.9-5.3 s -> 4.1-4.7 s, docs/scale.md "Session 16").
CREATE INDEX interacted_split IF NOT EXISTS FOR ()-[r:INTERACTED]-() ON (r.split);
CREATE INDEX import_run_source IF NOT EXISTS FOR (r:ImportRun) ON (r.source);
CREATE INDEX propagation_run_created IF NOT EXISTS FOR (r:PropagationRun) ON (r.createdAt);
CREATE INDEX item_title IF NOT EXISTS FOR (i:Item) ON (i.title);
// The token lookup indexes every database creates at birth (stores written by older bulk imports lacked them, and
// then every MATCH (n:Label) without a property predicate scanned all nodes). A no-op where they exist.
CREATE LOOKUP INDEX node_label_lookup IF NOT EXISTS FOR (n) ON EACH labels(n);
CREATE LOOKUP INDEX relationship_type_lookup IF NOT EXISTS FOR ()-[r]-() ON EACH type(r);
