package org.graphrec.propagation.trained;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * A fixed pool of worker threads for the training loop. Work is always split into a fixed, thread-count-derived
 * partition and each part is computed by exactly one task, so results do not depend on scheduling.
 */
public final class Parallel implements AutoCloseable {

    private final int threads;
    private final ExecutorService pool;

    public Parallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "graphrec-trained");
            t.setDaemon(true);
            return t;
        });
    }

    public int threads() {
        return threads;
    }

    /** Splits CSR rows into {@code threads} contiguous chunks of about equal non-zeros; returns chunk bounds. */
    int[] partition(int[] offsets) {
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

    /** Bounds splitting {@code n} items into {@code threads} contiguous equal ranges. */
    int[] ranges(int n) {
        int[] bounds = new int[threads + 1];
        for (int t = 0; t <= threads; t++) {
            bounds[t] = (int) ((long) n * t / threads);
        }
        return bounds;
    }

    /** Runs {@code task(0..parts-1)} and waits for all of them. */
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
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
