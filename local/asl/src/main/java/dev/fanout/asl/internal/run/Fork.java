package dev.fanout.asl.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs {@code n} pieces of work on at most {@code workers} threads and collects the results by index. The first
 * failure cancels the rest (Parallel: one failing branch fails all); an interrupt cancels everything.
 * With one worker the work runs on the calling thread: no thread hop.
 */
final class Fork {
    @FunctionalInterface
    interface Work {
        JsonNode run(int index) throws InterruptedException;
    }

    private final Object lock = new Object();
    private int remaining;
    private Throwable failure;

    private Fork() {}

    static JsonNode[] run(ExecutorService executor, int n, int workers, Work work) throws InterruptedException {
        JsonNode[] results = new JsonNode[n];
        if (n == 0) {
            return results;
        }
        if (workers <= 1) {
            for (int i = 0; i < n; i++) {
                results[i] = work.run(i);
            }
            return results;
        }
        return new Fork().parallel(executor, n, Math.min(workers, n), work, results);
    }

    private JsonNode[] parallel(ExecutorService executor, int n, int workers, Work work, JsonNode[] results)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        remaining = workers;
        List<Future<?>> futures = new ArrayList<>(workers);
        for (int k = 0; k < workers; k++) {
            futures.add(executor.submit(() -> {
                try {
                    int i;
                    while (!failed() && (i = next.getAndIncrement()) < n) {
                        results[i] = work.run(i);
                    }
                } catch (Throwable t) {
                    synchronized (lock) {
                        if (failure == null) {
                            failure = t;
                        }
                    }
                } finally {
                    synchronized (lock) {
                        remaining--;
                        lock.notifyAll();
                    }
                }
            }));
        }
        try {
            synchronized (lock) {
                while (remaining > 0 && failure == null) {
                    lock.wait();
                }
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        }
        Throwable f;
        synchronized (lock) {
            f = failure;
        }
        if (f != null) {
            futures.forEach(fu -> fu.cancel(true));
            synchronized (lock) {
                while (remaining > 0) {
                    lock.wait();
                }
            }
            if (f instanceof RuntimeException re) {
                throw re;
            }
            if (f instanceof InterruptedException ie) {
                throw new Aborted();
            }
            if (f instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(f);
        }
        return results;
    }

    private boolean failed() {
        synchronized (lock) {
            return failure != null;
        }
    }
}
