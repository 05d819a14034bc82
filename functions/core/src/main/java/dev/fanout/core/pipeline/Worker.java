package dev.fanout.core.pipeline;

import dev.fanout.core.job.JobRegistry;
import dev.fanout.core.port.BlobStore;
import dev.fanout.core.port.TaskCallbacks;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/** The worker's logic, one SQS message at a time. */
public final class Worker {
    private final BlobStore blobs;
    private final TaskCallbacks callbacks;
    private final JobRegistry jobs;
    private final PipelineSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService heartbeatTimer;

    public Worker(BlobStore blobs, TaskCallbacks callbacks, JobRegistry jobs, PipelineSettings settings,
                  Clock clock, ScheduledExecutorService heartbeatTimer) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.callbacks = Objects.requireNonNull(callbacks, "callbacks");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.heartbeatTimer = Objects.requireNonNull(heartbeatTimer, "heartbeatTimer");
    }

    /** body = the SQS message body {"taskToken": "...", "chunk": {Chunk}}; receiveCount = ApproximateReceiveCount. */
    public Disposition handle(String body, int receiveCount) {
        throw new UnsupportedOperationException("Worker.handle is not implemented yet");
    }

    /** What to do with the SQS message. */
    public enum Disposition {
        /** Done (or nothing more to do): delete the message. */
        DELETE,
        /** Report it in batchItemFailures: SQS redelivers it, or moves it to the DLQ after maxReceiveCount. */
        RETRY
    }
}
