package org.graphrec.importer;

/**
 * What an import did to one label or relationship type.
 *
 * @param name    label (e.g. {@code User}) or relationship type (e.g. {@code INTERACTED}), or a vector property
 * @param rows    rows written (distinct nodes or relationships)
 * @param created of those, newly created
 * @param matched of those, already in the graph (MERGE matched them)
 */
public record LabelCount(String name, long rows, long created, long matched) {
}
