/**
 * Personalised multimodal search: a text query, encoded by the encoder of the catalogue's text vectors, answered
 * by cosine over the items' text vectors and, for a user, blended with that user's fused model score
 * ({@link org.graphrec.search.SearchService}, over the {@code graphrec.search} procedure and
 * {@code cypher/recommend/search.cypher}); each hit explained. {@link org.graphrec.search.SearchEvaluation} holds
 * the known-item and personalised-search protocols of docs/quality.md.
 */
package org.graphrec.search;
