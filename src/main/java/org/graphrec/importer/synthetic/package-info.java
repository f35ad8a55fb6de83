/**
 * The synthetic catalogue generator: a seeded hidden world (clusters, items, brands, users) written as a bundle or
 * an MMRec directory, byte-identical for a seed whatever the thread count. May depend on config, progress and the
 * importer (its .npy writer); nothing here touches the database.
 */
package org.graphrec.importer.synthetic;
