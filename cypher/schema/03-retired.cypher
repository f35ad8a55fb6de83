// Indexes an older graphrec created and this one drops (each statement runs only where the index exists).
// similar_modality (SIMILAR.modality): every reader starts from an item and filters by the published version, so no
// query used it, and its maintenance cost a third of the SIMILAR write of a first propagate (docs/scale.md).
DROP INDEX similar_modality IF EXISTS;
