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
import dev.fanout.core.port.WorkQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The worker's logic, one SQS delivery at a time, as the failure table of the README says:
 * <ol>
 *   <li>an unparseable body is left for SQS's redrive policy (reported in {@code batchItemFailures});</li>
 *   <li>SendTaskHeartbeat first: a token that is no longer live ({@code TaskTimedOut}, {@code InvalidToken},
 *       {@code TaskDoesNotExist}: timed out and retried, or the execution is over) makes the delivery stale, and it
 *       is deleted without running; the beat also restarts the clock after the message's wait in the queue;</li>
 *   <li>a chunk whose partial exists already (crash after writing, a duplicate delivery) is answered from the
 *       partial's metadata, without running {@code map} again;</li>
 *   <li>otherwise it reads the range, runs {@code map} and writes the partial, beating every
 *       {@link WorkerTiming#heartbeatInterval()} until the invocation's deadline;</li>
 *   <li>then SendTaskSuccess (a refused one is not a failure: the partial is stored, the message deleted);</li>
 *   <li>a transient failure (the job throws, storage or Step Functions unavailable, a failed SendTaskSuccess)
 *       beats once more, so the token outlives the backoff, and puts the delivery back for an exponential backoff
 *       with full jitter ({@link RetryBackoff}); SQS counts the receives against {@code maxReceiveCount}, and on the
 *       last receive it is a permanent failure;</li>
 *   <li>a permanent failure (bad data, a vanished or changed input) writes a {@link FailureRecord}, sends
 *       SendTaskFailure once and moves the message to the dead-letter queue itself, with attributes naming job,
 *       chunk and error; the message is deleted from the work queue, so it never runs again.</li>
 * </ol>
 * An {@link Error} (out of memory, a crash) is not caught: the invocation fails, the heartbeat expires and the Map
 * child retries with a new message; the old one, when it reappears, is stale.
 *
 * <p>Thread-safe: one Worker may handle the messages of a batch in parallel.
 *
 * <pre>{@code
 * Worker.Outcome outcome = worker.process(new Delivery(id, receiptHandle, body, receiveCount),
 *         context::getRemainingTimeInMillis);
 * if (outcome.disposition() == Worker.Disposition.RETRY) batchItemFailures.add(id);
 * }</pre>
 */
public final class Worker {
    /** Message attributes of a dead-lettered chunk. */
    public static final String JOB_ID_ATTRIBUTE = "fanout-job-id";
    public static final String CHUNK_INDEX_ATTRIBUTE = "fanout-chunk-index";
    public static final String ERROR_ATTRIBUTE = "fanout-error";
    public static final String CAUSE_ATTRIBUTE = "fanout-cause";
    private static final int MAX_CAUSE_CHARS = 32_000; // SendTaskFailure allows 32,768
    private static final int MAX_ATTRIBUTE_CAUSE_CHARS = 1_000;

    private final Ports ports;
    private final JobRegistry jobs;
    private final PipelineSettings settings;
    private final Services services;
    private final RetryBackoff backoff;

    /** The adapters a worker talks to. */
    public record Ports(BlobStore blobs, TaskCallbacks callbacks, WorkQueue queue) {
        public Ports {
            Objects.requireNonNull(blobs, "blobs");
            Objects.requireNonNull(callbacks, "callbacks");
            Objects.requireNonNull(queue, "queue");
        }
    }

    /**
     * Time, the heartbeat timer (it only schedules), the threads the beats' calls run on, and the backoff's jitter.
     */
    public record Services(Clock clock, ScheduledExecutorService heartbeatTimer, Executor heartbeatCalls,
                           RandomGenerator jitter) {
        public Services {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(heartbeatTimer, "heartbeatTimer");
            Objects.requireNonNull(heartbeatCalls, "heartbeatCalls");
            Objects.requireNonNull(jitter, "jitter");
        }
    }

    public Worker(Ports ports, JobRegistry jobs, PipelineSettings settings, Services services) {
        this.ports = Objects.requireNonNull(ports, "ports");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.services = Objects.requireNonNull(services, "services");
        this.backoff = new RetryBackoff(settings.workerTiming(), services.jitter());
    }

    /**
     * Handles one delivery; never throws a RuntimeException for it (an {@link Error} propagates).
     *
     * @param remainingMillis the invocation's time left (Lambda's {@code Context.getRemainingTimeInMillis}): the
     *                        heartbeats stop once it is gone
     */
    public Outcome process(Delivery delivery, LongSupplier remainingMillis) {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(remainingMillis, "remainingMillis");
        WorkMessage message;
        try {
            message = Json.read(delivery.body(), WorkMessage.class);
        } catch (RuntimeException e) {
            return new Outcome(Disposition.RETRY, Kind.UNPARSEABLE, null, -1, null,
                    "the message body is not a work message", null, null);
        }
        Attempt attempt = new Attempt(delivery, message);
        try {
            ports.callbacks().heartbeat(message.taskToken());
        } catch (TaskTokenRejectedException e) {
            return attempt.outcome(Disposition.DELETE, Kind.STALE, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            // the beat's own trouble does not block the run: the callbacks after it will tell
        }
        ChunkResult result;
        try (Heartbeats beats = Heartbeats.start(services.heartbeatTimer(), services.heartbeatCalls(),
                ports.callbacks(), message.taskToken(), settings.workerTiming().heartbeatInterval(), remainingMillis)) {
            Optional<ChunkResult> stored = storedResult(message.chunk());
            result = stored.isPresent() ? stored.get() : new ChunkRun(ports.blobs(), jobs, settings.workBucket(),
                    services.clock()).run(message.chunk(), delivery.receiveCount());
            beats.close();
            return succeed(attempt, result, stored.isPresent());
        } catch (PermanentException e) {
            return failPermanently(attempt, e, Kind.FAILED);
        } catch (RuntimeException e) {
            return failTransiently(attempt, e);
        }
    }

    /** The chunk's result from its partial's metadata, if an earlier delivery wrote it. */
    private Optional<ChunkResult> storedResult(Chunk chunk) {
        ObjectLocation partial = new ObjectLocation(settings.workBucket(), Keys.partial(chunk.jobId(), chunk.index()));
        return ports.blobs().metadata(partial).map(metadata -> PartialMetadata.read(chunk.index(), partial, metadata));
    }

    private Outcome succeed(Attempt attempt, ChunkResult result, boolean reused) {
        try {
            ports.callbacks().succeed(attempt.message().taskToken(), Json.write(result));
        } catch (TaskTokenRejectedException e) {
            return attempt.outcome(Disposition.DELETE, Kind.SUCCEEDED_TOKEN_REJECTED, e.code(), e.getMessage(), result);
        }
        return attempt.outcome(Disposition.DELETE, reused ? Kind.SUCCEEDED_REUSED : Kind.SUCCEEDED, null, null, result);
    }

    /** Back in the queue after a short backoff, with a fresh beat so the token outlives it; permanent on the last receive. */
    private Outcome failTransiently(Attempt attempt, RuntimeException e) {
        int receive = attempt.delivery().receiveCount();
        if (receive >= settings.maxReceiveCount()) {
            return failPermanently(attempt, e, Kind.FAILED_LAST_RECEIVE);
        }
        String detail = describe(attempt.chunk()) + ": " + safeMessage(e);
        try {
            ports.callbacks().heartbeat(attempt.message().taskToken());
        } catch (TaskTokenRejectedException rejected) {
            return attempt.outcome(Disposition.DELETE, Kind.STALE, rejected.code(), detail + "; then "
                    + rejected.getMessage());
        } catch (RuntimeException beatFailed) {
            // the redelivery beats first thing; the backoff is far shorter than HeartbeatSeconds
        }
        Duration delay = backoff.after(receive);
        try {
            ports.queue().redeliverAfter(attempt.delivery().receiptHandle(), delay);
        } catch (RuntimeException visibilityFailed) {
            detail += " (putting it back failed, so it returns after the visibility timeout: "
                    + safeMessage(visibilityFailed) + ")";
            delay = null;
        }
        return new Outcome(Disposition.RETRY, Kind.RETRYING, attempt.chunk().jobId(), attempt.chunk().index(),
                errorName(e), detail, null, delay);
    }

    /** Failure record, SendTaskFailure once, then the message to the dead-letter queue and off the work queue. */
    private Outcome failPermanently(Attempt attempt, RuntimeException e, Kind kind) {
        Chunk chunk = attempt.chunk();
        String error = errorName(e);
        String cause = truncate(describe(chunk) + ": " + safeMessage(e), MAX_CAUSE_CHARS);
        Long offset = e instanceof MalformedRecordException m ? m.byteOffset() : null;
        StringBuilder notes = new StringBuilder();
        try {
            ports.blobs().put(new ObjectLocation(settings.workBucket(), Keys.failure(chunk.jobId(), chunk.index())),
                    Json.writeBytes(new FailureRecord(chunk.index(), chunk.total(), chunk.jobType(), error, cause,
                            offset)), "application/json", Map.of());
        } catch (RuntimeException writeFailed) {
            note(notes, "writing the failure record failed: " + safeMessage(writeFailed));
        }
        try {
            ports.callbacks().fail(attempt.message().taskToken(), error, cause);
        } catch (TaskTokenRejectedException rejected) {
            note(notes, "the task was already over: " + rejected.getMessage());
        } catch (RuntimeException callbackFailed) {
            if (kind == Kind.FAILED && attempt.delivery().receiveCount() < settings.maxReceiveCount()) {
                // not reported yet: try again after a backoff, as for any transient trouble
                return failTransiently(attempt, callbackFailed);
            }
            note(notes, "SendTaskFailure failed: " + safeMessage(callbackFailed));
        }
        Disposition disposition = Disposition.DELETE;
        try {
            ports.queue().deadLetter(attempt.delivery().body(), deadLetterAttributes(chunk, error, cause));
        } catch (RuntimeException dlqFailed) {
            note(notes, "moving the message to the dead-letter queue failed: " + safeMessage(dlqFailed));
            disposition = Disposition.RETRY;
        }
        return new Outcome(disposition, kind, chunk.jobId(), chunk.index(), error,
                notes.isEmpty() ? cause : cause + " (" + notes + ")", null, null);
    }

    static Map<String, String> deadLetterAttributes(Chunk chunk, String error, String cause) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(JOB_ID_ATTRIBUTE, chunk.jobId());
        attributes.put(CHUNK_INDEX_ATTRIBUTE, Integer.toString(chunk.index()));
        attributes.put(ERROR_ATTRIBUTE, error);
        attributes.put(CAUSE_ATTRIBUTE, truncate(cause, MAX_ATTRIBUTE_CAUSE_CHARS));
        return attributes;
    }

    private static void note(StringBuilder notes, String note) {
        if (!notes.isEmpty()) {
            notes.append("; ");
        }
        notes.append(note);
    }

    static String describe(Chunk chunk) {
        return "chunk " + chunk.index() + " of " + chunk.total() + " (" + chunk.describeInput() + ")";
    }

    static String errorName(RuntimeException e) {
        return e instanceof FanoutException f ? f.errorName() : e.getClass().getName();
    }

    /** Our own exceptions never carry record contents; others might, so only their type is told. */
    static String safeMessage(RuntimeException e) {
        return e instanceof FanoutException ? e.getMessage() : "unexpected " + e.getClass().getName();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }

    /** One delivery and its parsed message. */
    private record Attempt(Delivery delivery, WorkMessage message) {
        Chunk chunk() {
            return message.chunk();
        }

        Outcome outcome(Disposition disposition, Kind kind, String error, String detail) {
            return outcome(disposition, kind, error, detail, null);
        }

        Outcome outcome(Disposition disposition, Kind kind, String error, String detail, ChunkResult result) {
            return new Outcome(disposition, kind, chunk().jobId(), chunk().index(), error, detail, result, null);
        }
    }

    /** What to do with the SQS message. */
    public enum Disposition {
        /** Done, or nothing more to do here: delete the message (leave it out of batchItemFailures). */
        DELETE,
        /** Report it in batchItemFailures: SQS delivers it again (after a backoff, if one was set). */
        RETRY
    }

    /** What happened to a delivery. */
    public enum Kind {
        /** Partial written, SendTaskSuccess accepted. */
        SUCCEEDED,
        /** The partial existed already (an earlier delivery wrote it); SendTaskSuccess accepted. */
        SUCCEEDED_REUSED,
        /** The partial is stored, but the task was already over (timed out and retried, or execution ended). */
        SUCCEEDED_TOKEN_REJECTED,
        /** The token was no longer live: the delivery was dropped without running the chunk. */
        STALE,
        /** A transient failure; the delivery comes back after a backoff. */
        RETRYING,
        /** A permanent failure, reported with SendTaskFailure; the message went to the dead-letter queue. */
        FAILED,
        /** A transient failure on the last receive, reported and dead-lettered like a permanent one. */
        FAILED_LAST_RECEIVE,
        /** The body is not a work message; SQS's redrive policy moves it to the dead-letter queue. */
        UNPARSEABLE
    }

    /**
     * @param jobId      null when the body was unparseable
     * @param chunkIndex -1 when the body was unparseable
     * @param error      error name (or the refusal code) when not SUCCEEDED
     * @param detail     what went wrong, without record contents
     * @param result     the chunk's result when its partial is stored
     * @param retryDelay how long the delivery was put back for (RETRYING), else null
     */
    public record Outcome(Disposition disposition, Kind kind, String jobId, int chunkIndex, String error,
                          String detail, ChunkResult result, Duration retryDelay) {
        public Outcome {
            Objects.requireNonNull(disposition, "disposition");
            Objects.requireNonNull(kind, "kind");
        }
    }
}
