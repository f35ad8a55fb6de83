/**
 * The unattended nightly refresh: lock → incremental import of new files → re-propagation as a staged version →
 * quality gate against the published version → atomic publish → retention → one JSON report line.
 */
package org.graphrec.refresh;
