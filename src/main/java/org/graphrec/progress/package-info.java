/**
 * Progress of long work (a console bar or log lines with rate and ETA, or nothing) and the measured peak heap
 * ({@code PeakHeap}) shown beside memory estimates. Depends on the JDK only.
 */
package org.graphrec.progress;
