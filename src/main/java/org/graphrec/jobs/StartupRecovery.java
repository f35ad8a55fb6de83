package org.graphrec.jobs;

import java.util.ArrayList;
import java.util.List;
import org.graphrec.graph.GraphConnection;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.versions.EmbeddingVersions;
import org.graphrec.versions.SimilarGraph;

/**
 * What every start does before the first command, so that a job killed with {@code kill -9} never locks users
 * out or leaves half-visible state: releases locks whose holder is known to be dead (on an embedded store every
 * lock, as holding the store proves that no other local process runs a job; on a server those of gone processes
 * of this host), fails the versions those jobs left {@code writing} or {@code staged}
 * ({@link EmbeddingVersions#failOrphaned}), and versions the kNN graph of a store written by an older graphrec.
 */
public final class StartupRecovery {

    private StartupRecovery() {
    }

    /** Runs the recovery; returns the notes to show the user (one line each, empty when nothing was found). */
    public static List<String> run(GraphConnection graph, ProgressTracker progress) {
        List<String> notes = new ArrayList<>();
        if (graph.isEmbedded()) {
            for (JobLock.Holder h : JobLock.releaseAll(graph)) {
                notes.add("released the lock of " + h.owner() + ": its job ended without releasing it (this "
                        + "process has just opened the embedded store, so no other job can be running)");
            }
        } else {
            JobLock.releaseIfHolderDead(graph, EmbeddingVersions.WRITER_LOCK).ifPresent(h -> notes.add(
                    "released the lock of " + h.owner() + ": process " + h.who().pid() + " on this host is gone"));
        }
        for (long v : new EmbeddingVersions(graph, progress).failOrphaned(JobOwner.current().label())) {
            notes.add("embedding version " + v + " was left unfinished by a job that is gone: marked failed and "
                    + "its vectors removed ('versions' shows why)");
        }
        new SimilarGraph(graph, progress).migrateUnversioned();
        return notes;
    }
}
