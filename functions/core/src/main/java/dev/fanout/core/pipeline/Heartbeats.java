package dev.fanout.core.pipeline;

import dev.fanout.core.error.TaskTokenRejectedException;
import dev.fanout.core.port.TaskCallbacks;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * SendTaskHeartbeat every {@code period} while a chunk runs. The beats stop when they are closed (before any
 * callback: no beat may follow SendTaskSuccess/Failure), when the task is over (a beat refused), and when the
 * invocation's deadline has passed: on Lambda a timed-out sandbox is gone, and a thread that lives on elsewhere must
 * not keep the task alive, or a worker that died would never be noticed.
 */
final class Heartbeats implements AutoCloseable {
    private final TaskCallbacks callbacks;
    private final Executor calls;
    private final String taskToken;
    private final LongSupplier remainingMillis;
    private volatile boolean stopped;
    private volatile ScheduledFuture<?> schedule;

    private Heartbeats(TaskCallbacks callbacks, Executor calls, String taskToken,
                       LongSupplier remainingMillis) {
        this.callbacks = callbacks;
        this.calls = calls;
        this.taskToken = taskToken;
        this.remainingMillis = remainingMillis;
    }

    /**
     * @param timer only schedules; each beat's call runs on {@code calls}, so a slow call of one chunk never delays
     *              the beats of the others
     */
    static Heartbeats start(ScheduledExecutorService timer, Executor calls,
                            TaskCallbacks callbacks, String taskToken, Duration period, LongSupplier remainingMillis) {
        Heartbeats beats = new Heartbeats(callbacks, calls, taskToken, remainingMillis);
        long millis = Math.max(1, period.toMillis());
        beats.schedule = timer.scheduleAtFixedRate(beats::due, millis, millis, TimeUnit.MILLISECONDS);
        return beats;
    }

    private void due() {
        if (stopped) {
            return;
        }
        try {
            calls.execute(this::beat);
        } catch (RuntimeException e) {
            // no thread for it now (shutting down): the next one may find one
        }
    }

    private void beat() {
        if (stopped) {
            return;
        }
        if (remainingMillis.getAsLong() <= 0) {
            close();
            return;
        }
        try {
            callbacks.heartbeat(taskToken);
        } catch (TaskTokenRejectedException e) {
            close(); // the task is over: nothing to keep alive
        } catch (RuntimeException e) {
            // a failed beat must not stop the work; the next one may pass
        }
    }

    @Override
    public void close() {
        stopped = true;
        ScheduledFuture<?> s = schedule;
        if (s != null) {
            s.cancel(false);
        }
    }
}
