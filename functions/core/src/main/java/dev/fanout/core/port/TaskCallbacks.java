package dev.fanout.core.port;

/**
 * Step Functions task-token callbacks. A refused callback (task over, token unknown) throws
 * {@link dev.fanout.core.error.TaskTokenRejectedException}; service trouble throws
 * {@link dev.fanout.core.error.StorageUnavailableException}.
 */
public interface TaskCallbacks {
    void succeed(String taskToken, String outputJson);

    void fail(String taskToken, String error, String cause);

    void heartbeat(String taskToken);
}
