package dev.fanout.core.testing;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a submitted task only when its future's {@code get()} is called, on the caller's thread. So the number
 * of tasks submitted but not yet awaited is exactly what the submitter chose to have in flight.
 */
public final class DeferredExecutor extends AbstractExecutorService {
    private int pending;
    private int maxPending;

    public synchronized int maxPending() {
        return maxPending;
    }

    private synchronized void started() {
        pending--;
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        return new FutureTask<>(callable) {
            private boolean awaited;

            @Override
            public T get() throws InterruptedException, ExecutionException {
                if (!awaited) {
                    awaited = true;
                    started();
                }
                run(); // a no-op once it has run
                return super.get();
            }
        };
    }

    @Override
    public synchronized void execute(Runnable command) {
        pending++;
        maxPending = Math.max(maxPending, pending);
    }

    @Override
    public void shutdown() {
    }

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }
}
