package org.graphrec.propagation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/** A small shared worker pool (one thread per core, daemon) for the plain-Java loops of propagation and evaluation. */
public final class Parallel {

    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "graphrec-worker");
        t.setDaemon(true);
        return t;
    });

    private Parallel() {
    }

    public static int threads() {
        return THREADS;
    }

    /** Runs {@code work} once on every worker and waits; {@code work} pulls its own tasks (e.g. an atomic counter). */
    public static void run(Runnable work) {
        if (THREADS == 1) {
            work.run();
            return;
        }
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            futures.add(POOL.submit(work));
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
            throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
        }
    }

    /** Calls {@code body} for every index in {@code [0, n)}, in chunks of {@code chunk}, on all workers. */
    public static void forRange(int n, int chunk, IntConsumer body) {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        run(() -> {
            int from;
            while ((from = next.getAndAdd(chunk)) < n) {
                int to = Math.min(n, from + chunk);
                for (int i = from; i < to; i++) {
                    body.accept(i);
                }
            }
        });
    }
}
