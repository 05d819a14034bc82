package dev.fanout.core.testing;

import dev.fanout.core.error.TaskTokenRejectedException;
import dev.fanout.core.port.TaskCallbacks;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** TaskCallbacks that record every call, optionally refusing success like Step Functions does for a timed-out task. */
public final class RecordingCallbacks implements TaskCallbacks {
    public record Call(String kind, String token, String output, String error, String cause) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile boolean rejectSuccess;
    private volatile RuntimeException failWith;

    public void rejectSuccess() {
        rejectSuccess = true;
    }

    /** Every later fail() throws this. */
    public void failCallbacksWith(RuntimeException e) {
        failWith = e;
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
    }
}
