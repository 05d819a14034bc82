package dev.fanout.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.fanout.core.pipeline.Worker;
import dev.fanout.core.pipeline.Worker.Disposition;
import dev.fanout.lambda.internal.LogContext;
import dev.fanout.lambda.internal.PipelineMetrics;
import dev.fanout.lambda.internal.WorkMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQS event source mapping's target (with {@code ReportBatchItemFailures}): each message holds one chunk
 * and its task token. The messages of a batch are processed side by side — each Map child's heartbeat clock is
 * already running — and only the messages the worker wants back are reported as failures; one failing message
 * never affects the others.
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
        return LogContext.invocation(context, () -> {
            try {
                return handleBatch(WorkMessage.from(event));
            } finally {
                metrics.flush();
            }
        });
    }

    private SQSBatchResponse handleBatch(List<WorkMessage> messages) {
        List<CompletableFuture<Disposition>> outcomes = messages.stream()
                .map(m -> CompletableFuture.supplyAsync(LogContext.propagate(() -> handle(m)), pool))
                .toList();
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (outcomes.get(i).join() == Disposition.RETRY) {
                failures.add(new SQSBatchResponse.BatchItemFailure(messages.get(i).messageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** Never throws: whatever goes wrong with one message is that message's retry. */
    private Disposition handle(WorkMessage message) {
        return LogContext.with(message.logKeys(), () -> {
            Disposition disposition;
            try {
                disposition = worker.handle(message.body(), message.receiveCount());
            } catch (RuntimeException e) {
                LOG.error("chunk message failed unexpectedly; it will be redelivered (receive {})",
                        message.receiveCount(), e);
                return Disposition.RETRY;
            }
            LOG.info("chunk message handled: {} (receive {})", disposition, message.receiveCount());
            return disposition;
        });
    }
}
