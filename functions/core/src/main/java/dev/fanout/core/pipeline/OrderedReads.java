package dev.fanout.core.pipeline;

import dev.fanout.core.error.StorageUnavailableException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.PrimitiveIterator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Reads objects with a sliding window of futures — at most {@code window} at once on the pool — and hands the
 * results to the caller's thread in index order (results are collected from the futures, never added to shared
 * state from pool threads). An exception of a read is rethrown as it was; the reads still in flight are cancelled.
 */
final class OrderedReads {
    private OrderedReads() {
    }

    static <T> void inOrder(ExecutorService pool, int window, PrimitiveIterator.OfInt indices, IntFunction<T> read,
                            Consumer<T> sink) {
        Deque<Future<T>> inFlight = new ArrayDeque<>(window);
        try {
            while (indices.hasNext() || !inFlight.isEmpty()) {
                while (indices.hasNext() && inFlight.size() < window) {
                    int index = indices.nextInt();
                    inFlight.add(pool.submit(() -> read.apply(index)));
                }
                sink.accept(await(inFlight.poll()));
            }
        } finally {
            inFlight.forEach(f -> f.cancel(true));
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while reading partials", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new StorageUnavailableException("reading a partial failed", e.getCause());
        }
    }
}
