// Indexes the importer, the propagation job and the query library rely on.
// Vector indexes over embeddings are created by the propagation job, which knows their dimension.
CREATE INDEX interacted_split IF NOT EXISTS FOR ()-[r:INTERACTED]-() ON (r.split);
CREATE INDEX similar_modality IF NOT EXISTS FOR ()-[r:SIMILAR]-() ON (r.modality);
CREATE INDEX import_run_source IF NOT EXISTS FOR (r:ImportRun) ON (r.source);
CREATE INDEX propagation_run_created IF NOT EXISTS FOR (r:PropagationRun) ON (r.createdAt);
CREATE INDEX item_title IF NOT EXISTS FOR (i:Item) ON (i.title);
