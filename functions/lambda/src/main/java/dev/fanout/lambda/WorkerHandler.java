package dev.fanout.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.fanout.core.pipeline.Worker;
import dev.fanout.core.pipeline.Worker.Disposition;
import dev.fanout.core.pipeline.Worker.Kind;
import dev.fanout.core.pipeline.Worker.Outcome;
import dev.fanout.lambda.internal.LogContext;
import dev.fanout.lambda.internal.PipelineMetrics;
import dev.fanout.lambda.internal.QueuedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQS event source mapping's target (with {@code ReportBatchItemFailures}): each message holds one chunk
 * and its task token. The messages of a batch are processed side by side — each Map child's heartbeat clock is
 * already running — and only the messages the worker wants back are reported as failures (a transient failure, put
 * back for a short backoff); one failing message never affects the others. The heartbeats of a chunk stop with the
 * invocation's deadline ({@code Context.getRemainingTimeInMillis()}).
 *
 * <pre>{@code
 * SQSBatchResponse response = new WorkerHandler(Wiring.from(env)).handleRequest(sqsEvent, context);
 * // response.getBatchItemFailures(): the messages SQS should deliver again (or move to the DLQ)
 * }</pre>
 */
public final class WorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerHandler.class);

    private final Worker worker;
    private final ExecutorService pool;
    private final PipelineMetrics metrics;

    /** Lambda's entry point. */
    public WorkerHandler() {
        this(Wiring.fromEnvironment());
    }

    public WorkerHandler(Wiring wiring) {
        this(wiring.worker(), wiring.batchPool(), wiring.metrics());
    }

    WorkerHandler(Worker worker, ExecutorService pool, PipelineMetrics metrics) {
        this.worker = Objects.requireNonNull(worker, "worker");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        // the heartbeats of a chunk stop when the invocation's time is up: on Lambda the sandbox is gone then
        LongSupplier remainingMillis = context == null ? () -> Long.MAX_VALUE : context::getRemainingTimeInMillis;
        return LogContext.invocation(context, () -> {
            try {
                return handleBatch(QueuedMessage.from(event), remainingMillis);
            } finally {
                metrics.flush();
            }
        });
    }

    private SQSBatchResponse handleBatch(List<QueuedMessage> messages, LongSupplier remainingMillis) {
        List<CompletableFuture<Disposition>> outcomes = messages.stream()
                .map(m -> CompletableFuture.supplyAsync(LogContext.propagate(() -> handle(m, remainingMillis)), pool))
                .toList();
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (outcomes.get(i).join() == Disposition.RETRY) {
                failures.add(new SQSBatchResponse.BatchItemFailure(messages.get(i).messageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** Never throws an exception: whatever goes wrong with one message is that message's retry. */
    private Disposition handle(QueuedMessage message, LongSupplier remainingMillis) {
        return LogContext.with(message.logKeys(), () -> {
            Outcome outcome;
            try {
                outcome = worker.process(message.delivery(), remainingMillis);
            } catch (RuntimeException e) {
                LOG.error("chunk message failed unexpectedly; it will be redelivered (receive {})",
                        message.receiveCount(), e);
                return Disposition.RETRY;
            }
            record(outcome, message.receiveCount());
            return outcome.disposition();
        });
    }

    private void record(Outcome outcome, int receiveCount) {
        switch (outcome.kind()) {
            case SUCCEEDED -> LOG.info("chunk done: {} records in {} ms (receive {})",
                    outcome.result().records(), outcome.result().durationMillis(), receiveCount);
            case SUCCEEDED_REUSED -> LOG.info("chunk was done already: answered from its stored partial "
                    + "(receive {})", receiveCount);
            case SUCCEEDED_TOKEN_REJECTED -> LOG.info("chunk done, but its task is over ({}); the partial is "
                    + "stored and the message deleted (receive {})", outcome.error(), receiveCount);
            case STALE -> LOG.info("delivery dropped without running: its task is over ({}) (receive {})",
                    outcome.error(), receiveCount);
            case FAILED, FAILED_LAST_RECEIVE -> LOG.error("chunk failed, reported to the state machine and moved "
                    + "to the dead-letter queue: {}: {} (receive {})", outcome.error(), outcome.detail(), receiveCount);
            case RETRYING -> LOG.warn("chunk will be retried in {} ms: {}: {} (receive {})",
                    outcome.retryDelay() == null ? "(visibility timeout)" : outcome.retryDelay().toMillis(),
                    outcome.error(), outcome.detail(), receiveCount);
            case UNPARSEABLE -> LOG.error("message is not a work message; it goes to the dead-letter queue "
                    + "(receive {})", receiveCount);
        }
        if (outcome.result() != null) {
            metrics.chunkProcessed(outcome.result().records(), outcome.result().durationMillis());
        }
        if (outcome.kind() == Kind.FAILED || outcome.kind() == Kind.FAILED_LAST_RECEIVE) {
            metrics.chunkFailed();
        }
    }
}
