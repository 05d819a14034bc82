package dev.fanout.asl.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.asl.AslClock;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits for a task's answer (a callback through its task token, or a slow integration call) against the engine
 * clock, enforcing TimeoutSeconds and HeartbeatSeconds. Answers after the task ended are refused.
 */
final class TaskWaiter {
    private final AslClock clock;
    private boolean done;
    private JsonNode result;
    private StatesError failure;
    private Duration heartbeat;
    private Instant heartbeatDeadline;

    TaskWaiter(AslClock clock) {
        this.clock = clock;
    }

    synchronized boolean succeed(JsonNode value) {
        if (done) {
            return false;
        }
        done = true;
        result = value;
        notifyAll();
        return true;
    }

    synchronized boolean fail(StatesError error) {
        if (done) {
            return false;
        }
        done = true;
        failure = error;
        notifyAll();
        return true;
    }

    /** SendTaskHeartbeat: pushes the heartbeat deadline out; false if the task already ended. */
    synchronized boolean heartbeat() {
        if (done) {
            return false;
        }
        if (heartbeat != null) {
            heartbeatDeadline = clock.now().plus(heartbeat);
            notifyAll();
        }
        return true;
    }

    /** Starts the heartbeat clock: when the task starts, before its token is handed over (see TaskRunner). */
    synchronized void startHeartbeat(Duration interval) {
        heartbeat = interval;
        heartbeatDeadline = interval == null ? null : clock.now().plus(interval);
    }

    /** Ends the task so later answers are refused. */
    synchronized void close() {
        done = true;
    }

    synchronized boolean isDone() {
        return done;
    }

    /** Blocks until answered or a deadline passes ({@code timeoutDeadline} may be null: no timeout). */
    synchronized JsonNode await(Instant timeoutDeadline) throws InterruptedException {
        while (!done) {
            Instant now = clock.now();
            if (timeoutDeadline != null && !now.isBefore(timeoutDeadline)) {
                done = true;
                throw new StatesError(StatesError.TIMEOUT, null);
            }
            if (heartbeatDeadline != null && !now.isBefore(heartbeatDeadline)) {
                done = true;
                throw new StatesError(StatesError.HEARTBEAT_TIMEOUT, null);
            }
            Instant until = earliest(timeoutDeadline, heartbeatDeadline);
            clock.waitUntil(this, until);
        }
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b == null ? Instant.MAX : b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
