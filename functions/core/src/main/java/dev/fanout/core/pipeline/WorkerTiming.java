package dev.fanout.core.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * The worker's own durations, as the deployment gives them ({@code HEARTBEAT_INTERVAL_MILLIS},
 * {@code RETRY_BACKOFF_BASE_MILLIS}, {@code RETRY_BACKOFF_CAP_MILLIS}): how often it beats while it runs a chunk, and
 * the exponential backoff after a transient failure. The deployment computes them from the stack's durations (times
 * the local runtime's time scale, which is 1 on AWS), so the worker never knows where it runs.
 *
 * <pre>{@code
 * WorkerTiming timing = WorkerTiming.forHeartbeat(139);   // beats every 46.333 s; backoff 1 s doubling up to 30 s
 * }</pre>
 *
 * @param heartbeatInterval period of SendTaskHeartbeat while a chunk runs (a third of HeartbeatSeconds)
 * @param retryBackoffBase  the largest delay after the first failed receive; it doubles with each further receive
 * @param retryBackoffCap   the largest delay at all; well under HeartbeatSeconds, so a beat sent before the backoff
 *                          keeps the task alive until the redelivery beats again
 */
public record WorkerTiming(Duration heartbeatInterval, Duration retryBackoffBase, Duration retryBackoffCap) {
    /** Base of the retry backoff when the environment does not set one: the default deployment's. */
    public static final Duration DEFAULT_RETRY_BACKOFF_BASE = Duration.ofSeconds(1);
    /** Cap of the retry backoff when the environment does not set one: the default deployment's. */
    public static final Duration DEFAULT_RETRY_BACKOFF_CAP = Duration.ofSeconds(30);

    public WorkerTiming {
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(retryBackoffBase, "retryBackoffBase");
        Objects.requireNonNull(retryBackoffCap, "retryBackoffCap");
        if (heartbeatInterval.toMillis() < 1 || retryBackoffBase.toMillis() < 1) {
            throw new IllegalArgumentException("the heartbeat interval and the retry backoff base must be at least "
                    + "1 ms, were " + heartbeatInterval + " and " + retryBackoffBase);
        }
        if (retryBackoffCap.compareTo(retryBackoffBase) < 0) {
            throw new IllegalArgumentException("the retry backoff cap " + retryBackoffCap + " is below its base "
                    + retryBackoffBase);
        }
    }

    /** A third of {@code heartbeatSeconds} between beats, and the default backoff. */
    public static WorkerTiming forHeartbeat(int heartbeatSeconds) {
        return new WorkerTiming(Duration.ofMillis(Math.max(1, heartbeatSeconds * 1000L / 3)),
                DEFAULT_RETRY_BACKOFF_BASE, DEFAULT_RETRY_BACKOFF_CAP);
    }
}
