package dev.fanout.lambda.internal;

import dev.fanout.core.error.TaskTokenRejectedException;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.ChunkResult;
import dev.fanout.core.port.TaskCallbacks;
import java.util.Objects;

/**
 * Counts chunk outcomes where they become final: a chunk is processed when its result is reported
 * (SendTaskSuccess, also when Step Functions has moved on — the work was done) and failed when its failure
 * is. A callback that did not get through (service trouble) counts nothing: the message comes back.
 */
public final class MeteredTaskCallbacks implements TaskCallbacks {
    private final TaskCallbacks delegate;
    private final PipelineMetrics metrics;

    public MeteredTaskCallbacks(TaskCallbacks delegate, PipelineMetrics metrics) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void succeed(String taskToken, String outputJson) {
        try {
            delegate.succeed(taskToken, outputJson);
        } catch (TaskTokenRejectedException e) {
            countProcessed(outputJson);
            throw e;
        }
        countProcessed(outputJson);
    }

    @Override
    public void fail(String taskToken, String error, String cause) {
        try {
            delegate.fail(taskToken, error, cause);
        } catch (TaskTokenRejectedException e) {
            metrics.chunkFailed();
            throw e;
        }
        metrics.chunkFailed();
    }

    @Override
    public void heartbeat(String taskToken) {
        delegate.heartbeat(taskToken);
    }

    private void countProcessed(String outputJson) {
        ChunkResult result = parse(outputJson);
        metrics.chunkProcessed(result == null ? 0 : result.records(), result == null ? 0 : result.durationMillis());
    }

    private static ChunkResult parse(String outputJson) {
        try {
            return Json.read(outputJson, ChunkResult.class);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
