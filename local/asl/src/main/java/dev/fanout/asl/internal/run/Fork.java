package dev.fanout.asl.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs {@code n} pieces of work on at most {@code workers} threads and collects the results by index. The first
 * failure stops the rest (Parallel: one failing branch fails all) and is rethrown once they have unwound; an
 * interrupt of the caller stops everything (and waits for the workers to unwind). With one worker the work runs on the calling thread: no thread hop.
 */
final class Fork {
    @FunctionalInterface
    interface Work {
        JsonNode run(int index) throws InterruptedException;
    }

    private final Object lock = new Object();
    private final List<Thread> running = new ArrayList<>();
    private int remaining;
    private Throwable failure;
    private volatile boolean failed;

    private Fork() {}

    static JsonNode[] run(ExecutorService executor, int n, int workers, Work work) throws InterruptedException {
        return run(executor, workers, work, new JsonNode[n]);
    }

    /**
     * As {@link #run(ExecutorService, int, int, Work)}, filling {@code results} in place: after a failure it still
     * holds the results of the work that completed (what a redrive keeps).
     */
    static JsonNode[] run(ExecutorService executor, int workers, Work work, JsonNode[] results)
            throws InterruptedException {
        int n = results.length;
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
        for (int k = 0; k < workers; k++) {
            executor.execute(() -> worker(next, n, work, results));
        }
        try {
            synchronized (lock) {
                while (remaining > 0 && failure == null) {
                    lock.wait();
                }
            }
        } catch (InterruptedException e) {
            stop(new Aborted());
            // the workers record where they stopped while unwinding: a redrive needs that before it starts
            awaitWorkers();
            throw e;
        }
        Throwable f;
        synchronized (lock) {
            f = failure;
        }
        if (f == null) {
            return results;
        }
        stop(f);
        awaitWorkers();
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof InterruptedException) {
            throw new Aborted();
        }
        if (f instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException(f);
    }

    private void worker(AtomicInteger next, int n, Work work, JsonNode[] results) {
        Thread me = Thread.currentThread();
        synchronized (lock) {
            if (failed) {
                remaining--;
                lock.notifyAll();
                return;
            }
            running.add(me);
        }
        try {
            int i;
            while (!failed && (i = next.getAndIncrement()) < n) {
                results[i] = work.run(i);
            }
        } catch (Throwable t) {
            synchronized (lock) {
                if (failure == null) {
                    failure = t;
                    failed = true;
                }
            }
        } finally {
            synchronized (lock) {
                running.remove(me);
                remaining--;
                lock.notifyAll();
            }
        }
    }

    /** Marks the fork failed and interrupts the workers still running. */
    private void stop(Throwable cause) {
        synchronized (lock) {
            if (failure == null) {
                failure = cause;
            }
            failed = true;
            for (Thread t : running) {
                t.interrupt();
            }
        }
    }

    /** Waits for interrupted workers to unwind, so their history events precede the failure's. */
    private void awaitWorkers() {
        boolean interrupted = false;
        synchronized (lock) {
            while (remaining > 0) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
