package dev.fanout.core.pipeline;

import dev.fanout.core.error.FanoutException;
import dev.fanout.core.error.MalformedRecordException;
import dev.fanout.core.error.PermanentException;
import dev.fanout.core.error.TaskTokenRejectedException;
import dev.fanout.core.job.JobRegistry;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.Chunk;
import dev.fanout.core.model.ChunkResult;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.port.BlobStore;
import dev.fanout.core.port.TaskCallbacks;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The worker's logic, one SQS message at a time: read the chunk's byte range, run the job's {@code map},
 * write the partial to its deterministic key with the {@link ChunkResult} numbers as metadata, then
 * SendTaskSuccess; heartbeats every third of {@code heartbeatSeconds} meanwhile.
 *
 * <p>Failures, as the DESIGN's failure table says: bad data or a vanished input (a {@link PermanentException})
 * writes a {@link FailureRecord} and sends SendTaskFailure at once; anything else is left for SQS to redeliver,
 * and reported the same way on the last receive ({@code receiveCount >= maxReceiveCount}). Either way the
 * message is not deleted, so it ends in the DLQ for inspection. A success callback the service refuses (task
 * timed out, execution over) is not a failure: the work is stored, the message is deleted.
 *
 * <p>Thread-safe: one Worker may handle the messages of a batch in parallel.
 *
 * <pre>{@code
 * Worker.Outcome outcome = worker.process(message.getBody(), receiveCount);
 * if (outcome.disposition() == Worker.Disposition.RETRY) batchItemFailures.add(message.getMessageId());
 * }</pre>
 */
public final class Worker {
    private static final int MAX_CAUSE_CHARS = 32_000; // SendTaskFailure allows 32,768

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
        return process(body, receiveCount).disposition();
    }

    /** Like {@link #handle}, with what happened, for the caller's logs and metrics. */
    public Outcome process(String body, int receiveCount) {
        WorkMessage message;
        try {
            message = Json.read(body, WorkMessage.class);
        } catch (RuntimeException e) {
            return new Outcome(Disposition.RETRY, Kind.UNPARSEABLE, null, -1, null,
                    "the message body is not a work message", null);
        }
        Chunk chunk = message.chunk();
        long period = Math.max(1, settings.heartbeatSeconds() / 3);
        ScheduledFuture<?> heartbeats = null;
        try {
            heartbeats = heartbeatTimer.scheduleAtFixedRate(
                    () -> heartbeat(message.taskToken()), period, period, TimeUnit.SECONDS);
            ChunkResult result = new ChunkRun(blobs, jobs, settings.workBucket(), clock).run(chunk, receiveCount);
            heartbeats.cancel(false);
            return succeed(message, result);
        } catch (PermanentException e) {
            cancel(heartbeats);
            return failed(message, e, Kind.FAILED);
        } catch (RuntimeException e) {
            cancel(heartbeats);
            if (receiveCount >= settings.maxReceiveCount()) {
                return failed(message, e, Kind.FAILED_LAST_RECEIVE);
            }
            return new Outcome(Disposition.RETRY, Kind.RETRYING, chunk.jobId(), chunk.index(), errorName(e),
                    describe(chunk) + ": " + safeMessage(e), null);
        } finally {
            cancel(heartbeats);
        }
    }

    /** Heartbeats stop before any callback: a late beat must not follow SendTaskSuccess/Failure. */
    private static void cancel(ScheduledFuture<?> heartbeats) {
        if (heartbeats != null) {
            heartbeats.cancel(false);
        }
    }

    private Outcome succeed(WorkMessage message, ChunkResult result) {
        Chunk chunk = message.chunk();
        try {
            callbacks.succeed(message.taskToken(), Json.write(result));
            return new Outcome(Disposition.DELETE, Kind.SUCCEEDED, chunk.jobId(), chunk.index(), null, null, result);
        } catch (TaskTokenRejectedException e) {
            return new Outcome(Disposition.DELETE, Kind.SUCCEEDED_TOKEN_REJECTED, chunk.jobId(), chunk.index(),
                    e.code(), e.getMessage(), result);
        }
    }

    private Outcome failed(WorkMessage message, RuntimeException e, Kind kind) {
        Chunk chunk = message.chunk();
        String error = errorName(e);
        String cause = truncate(describe(chunk) + ": " + safeMessage(e));
        Long offset = e instanceof MalformedRecordException m ? m.byteOffset() : null;
        String note = null;
        try {
            blobs.put(new ObjectLocation(settings.workBucket(), Keys.failure(chunk.jobId(), chunk.index())),
                    Json.writeBytes(new FailureRecord(chunk.index(), chunk.total(), chunk.jobType(), error, cause,
                            offset)), "application/json", Map.of());
        } catch (RuntimeException writeFailed) {
            note = "writing the failure record failed: " + safeMessage(writeFailed);
        }
        try {
            callbacks.fail(message.taskToken(), error, cause);
        } catch (RuntimeException callbackFailed) {
            note = (note == null ? "" : note + "; ") + "SendTaskFailure failed: " + safeMessage(callbackFailed);
        }
        return new Outcome(Disposition.RETRY, kind, chunk.jobId(), chunk.index(), error,
                note == null ? cause : cause + " (" + note + ")", null);
    }

    private void heartbeat(String taskToken) {
        try {
            callbacks.heartbeat(taskToken);
        } catch (RuntimeException e) {
            // A refused or failed heartbeat must not stop the schedule or the work; the next one may pass, and
            // if the task is over the success callback will say so.
        }
    }

    private static String describe(Chunk chunk) {
        return "chunk " + chunk.index() + " of " + chunk.total() + " (" + chunk.describeInput() + ")";
    }

    static String errorName(RuntimeException e) {
        return e instanceof FanoutException f ? f.errorName() : e.getClass().getName();
    }

    /** Our own exceptions never carry record contents; others might, so only their type is told. */
    static String safeMessage(RuntimeException e) {
        return e instanceof FanoutException ? e.getMessage() : "unexpected " + e.getClass().getName();
    }

    private static String truncate(String cause) {
        return cause.length() <= MAX_CAUSE_CHARS ? cause : cause.substring(0, MAX_CAUSE_CHARS) + "...";
    }

    /** What to do with the SQS message. */
    public enum Disposition {
        /** Done (or nothing more to do): delete the message. */
        DELETE,
        /** Report it in batchItemFailures: SQS redelivers it, or moves it to the DLQ after maxReceiveCount. */
        RETRY
    }

    /** What happened to a message. */
    public enum Kind {
        /** Partial written, SendTaskSuccess accepted. */
        SUCCEEDED,
        /** Partial written, but the task was already over (timed out and retried, or execution ended). */
        SUCCEEDED_TOKEN_REJECTED,
        /** A permanent failure, reported with SendTaskFailure; the message goes on to the DLQ. */
        FAILED,
        /** A transient failure on the last receive, reported with SendTaskFailure. */
        FAILED_LAST_RECEIVE,
        /** A transient failure; SQS will redeliver. */
        RETRYING,
        /** The body is not a work message; it goes to the DLQ. */
        UNPARSEABLE
    }

    /**
     * @param jobId      null when the body was unparseable
     * @param chunkIndex -1 when the body was unparseable
     * @param error      error name (or the refusal code) when not SUCCEEDED
     * @param detail     what went wrong, without record contents
     * @param result     the chunk's result when the partial was written
     */
    public record Outcome(Disposition disposition, Kind kind, String jobId, int chunkIndex, String error,
                          String detail, ChunkResult result) {
        public Outcome {
            Objects.requireNonNull(disposition, "disposition");
            Objects.requireNonNull(kind, "kind");
        }
    }
}
