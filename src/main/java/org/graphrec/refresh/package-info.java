/**
 * The unattended nightly refresh: lock → incremental import of new files → re-propagation as a staged version →
 * quality gate against the published version → atomic publish → retention → one JSON report line.
 * Orchestrates the other packages: may depend on config, progress, graph, jobs, importer, propagation, eval and
 * versions.
 */
package org.graphrec.refresh;
