package dev.fanout.lambda.support;

import dev.fanout.core.port.TaskCallbacks;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** {@link TaskCallbacks} that remember what they were told. */
public final class RecordingCallbacks implements TaskCallbacks {
    /** One callback: kind is success, failure or heartbeat. */
    public record Callback(String kind, String token, String detail) {
    }

    private final List<Callback> callbacks = new CopyOnWriteArrayList<>();

    @Override
    public void succeed(String taskToken, String outputJson) {
        callbacks.add(new Callback("success", taskToken, outputJson));
    }

    @Override
    public void fail(String taskToken, String error, String cause) {
        callbacks.add(new Callback("failure", taskToken, error));
    }

    @Override
    public void heartbeat(String taskToken) {
        callbacks.add(new Callback("heartbeat", taskToken, null));
    }

    public List<Callback> of(String kind) {
        return callbacks.stream().filter(c -> c.kind().equals(kind)).toList();
    }
}
