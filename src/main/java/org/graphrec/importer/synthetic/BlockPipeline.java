package org.graphrec.importer.synthetic;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Produces results for consecutive blocks {@code [0, n)} on worker threads and hands them to one consumer in block
 * order, with a bounded number of blocks in flight (so memory stays bounded). The output is the same for any thread
 * count as long as {@code produce} depends only on the block bounds.
 */
final class BlockPipeline {

    /** Computes the result for indices {@code [from, to)}. */
    interface Producer<R> {
        R produce(int from, int to);
    }

    private BlockPipeline() {
    }

    static <R> void run(int n, int blockSize, int threads, Producer<R> producer, Consumer<R> consumer) {
        if (threads <= 1) {
            for (int from = 0; from < n; from += blockSize) {
                consumer.accept(producer.produce(from, Math.min(n, from + blockSize)));
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "generate-worker");
            thread.setDaemon(true);
            return thread;
        });
        try {
            ArrayDeque<Future<R>> inFlight = new ArrayDeque<>();
            int next = 0;
            while (next < n || !inFlight.isEmpty()) {
                while (next < n && inFlight.size() < 2 * threads) {
                    int from = next;
                    int to = Math.min(n, from + blockSize);
                    inFlight.add(pool.submit(() -> producer.produce(from, to)));
                    next = to;
                }
                consumer.accept(await(inFlight.poll()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <R> R await(Future<R> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
