package dev.fanout.core.testing;

import dev.fanout.core.error.StorageUnavailableException;
import dev.fanout.core.error.TaskTokenRejectedException;
import dev.fanout.core.port.TaskCallbacks;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TaskCallbacks that record every call, and can answer like Step Functions does for a task that is over
 * ({@code TaskTimedOut}) or like a throttled service after the SDK's retries (a StorageUnavailableException).
 */
public final class RecordingCallbacks implements TaskCallbacks {
    public record Call(String kind, String token, String output, String error, String cause) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile boolean rejectSuccess;
    private volatile RuntimeException failWith;
    private final AtomicInteger heartbeatsBeforeRejection = new AtomicInteger(Integer.MAX_VALUE);
    private final AtomicInteger failingHeartbeats = new AtomicInteger();
    private final AtomicInteger failingSuccesses = new AtomicInteger();

    public void rejectSuccess() {
        rejectSuccess = true;
    }

    /** Every later fail() throws this. */
    public void failCallbacksWith(RuntimeException e) {
        failWith = e;
    }

    /** After {@code accepted} more heartbeats, every heartbeat is refused with TaskTimedOut (the task is over). */
    public void rejectHeartbeatsAfter(int accepted) {
        heartbeatsBeforeRejection.set(accepted);
    }

    /** The next {@code n} heartbeats fail as an unavailable service would. */
    public void failNextHeartbeats(int n) {
        failingHeartbeats.set(n);
    }

    /** The next {@code n} succeed() calls fail as an unavailable service would. */
    public void failNextSuccesses(int n) {
        failingSuccesses.set(n);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String kind) {
        return calls.stream().filter(c -> c.kind().equals(kind)).toList();
    }

    @Override
    public void succeed(String taskToken, String outputJson) {
        calls.add(new Call("succeed", taskToken, outputJson, null, null));
        if (failingSuccesses.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StorageUnavailableException("SendTaskSuccess failed: Rate exceeded", null);
        }
        if (rejectSuccess) {
            throw new TaskTokenRejectedException("TaskTimedOut", "Task Timed Out");
        }
    }

    @Override
    public void fail(String taskToken, String error, String cause) {
        calls.add(new Call("fail", taskToken, null, error, cause));
        if (failWith != null) {
            throw failWith;
        }
    }

    @Override
    public void heartbeat(String taskToken) {
        calls.add(new Call("heartbeat", taskToken, null, null, null));
        if (failingHeartbeats.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StorageUnavailableException("SendTaskHeartbeat failed: Rate exceeded", null);
        }
        if (heartbeatsBeforeRejection.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(-1, n - 1)) <= 0) {
            throw new TaskTokenRejectedException("TaskTimedOut", "SendTaskHeartbeat refused: Task Timed Out");
        }
    }
}
