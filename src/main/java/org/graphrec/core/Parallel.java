package org.graphrec.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A fixed pool of daemon worker threads for the plain-Java loops of kNN, propagation, training and evaluation.
 * Work is split into a partition derived from the thread count alone ({@link #ranges}, {@link #partition}) and each
 * part is computed by exactly one task, so any result assembled part by part does not depend on scheduling;
 * {@link #forRange} hands out chunks dynamically and is for loops whose iterations write disjoint outputs.
 * {@link #shared()} is the process-wide pool with one thread per core; {@code new Parallel(n)} an explicit one
 * (e.g. {@code propagate --threads}), closed by its owner.
 */
public final class Parallel implements AutoCloseable {

    private static final Parallel SHARED = new Parallel(Runtime.getRuntime().availableProcessors(), "graphrec-worker");

    private final int threads;
    private final ExecutorService pool;

    /** A pool of {@code threads} workers (1 = run on the caller's thread). */
    public Parallel(int threads) {
        this(threads, "graphrec-parallel");
    }

    private Parallel(int threads, String name) {
        this.threads = Require.atLeast("threads", threads, 1);
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** The process-wide pool, one worker per core; never closed. */
    public static Parallel shared() {
        return SHARED;
    }

    public int threads() {
        return threads;
    }

    /**
     * Splits CSR rows into {@code threads} contiguous chunks of about equal non-zeros; returns {@code threads + 1}
     * chunk bounds.
     */
    public int[] partition(int[] offsets) {
        int rows = offsets.length - 1;
        int[] bounds = new int[threads + 1];
        long nnz = offsets[rows];
        int row = 0;
        for (int t = 1; t < threads; t++) {
            long target = nnz * t / threads;
            while (row < rows && offsets[row] < target) {
                row++;
            }
            bounds[t] = row;
        }
        bounds[threads] = rows;
        return bounds;
    }

    /** Bounds splitting {@code n} items into {@code threads} contiguous ranges of equal size. */
    public int[] ranges(int n) {
        int[] bounds = new int[threads + 1];
        for (int t = 0; t <= threads; t++) {
            bounds[t] = (int) ((long) n * t / threads);
        }
        return bounds;
    }

    /** Runs {@code task(0 .. parts-1)}, each part once, and waits for all of them. */
    public void run(int parts, IntConsumer task) {
        if (pool == null || parts == 1) {
            for (int p = 0; p < parts; p++) {
                task.accept(p);
            }
            return;
        }
        List<Future<?>> futures = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            int part = p;
            futures.add(pool.submit(() -> task.accept(part)));
        }
        await(futures);
    }

    /**
     * Calls {@code body} for every index in {@code [0, n)}, in chunks of {@code chunk} handed out to the workers as
     * they become free. Only for iterations that write disjoint outputs (the order of iterations varies).
     */
    public void forRange(int n, int chunk, IntConsumer body) {
        AtomicInteger next = new AtomicInteger();
        run(threads, worker -> {
            int from;
            while ((from = next.getAndAdd(chunk)) < n) {
                int to = Math.min(n, from + chunk);
                for (int i = from; i < to; i++) {
                    body.accept(i);
                }
            }
        });
    }

    private static void await(List<Future<?>> futures) {
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        if (pool != null && this != SHARED) {
            pool.shutdownNow();
        }
    }
}
