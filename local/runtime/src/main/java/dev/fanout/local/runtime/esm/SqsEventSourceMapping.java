package dev.fanout.local.runtime.esm;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.fanout.local.runtime.lambda.FunctionError;
import dev.fanout.local.runtime.lambda.LocalFunction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Lambda's SQS event source mapping with {@code ReportBatchItemFailures}, as a poller: up to
 * {@code maximumConcurrency} pollers each long-poll a batch, invoke the function with an {@link SQSEvent}, and
 * delete every message not reported in {@code batchItemFailures}. A function error (exception or timeout), or a
 * response naming an id that is not in the batch, fails the whole batch: nothing is deleted, and the queue's
 * visibility timeout and redrive policy decide what happens next — exactly as on Lambda.
 *
 * <pre>{@code
 * try (var esm = SqsEventSourceMapping.start(sqs, queueUrl, queueArn, "us-east-1", workerFunction,
 *         (event, ctx) -> workerHandler.handleRequest(event, ctx), new EventSourceMappingSettings(10, 2, Duration.ofSeconds(1)))) {
 *     ... messages sent to the queue are processed ...
 * }
 * }</pre>
 */
public final class SqsEventSourceMapping implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqsEventSourceMapping.class);

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final String region;
    private final LocalFunction function;
    private final BiFunction<SQSEvent, Context, SQSBatchResponse> handler;
    private final EventSourceMappingSettings settings;
    private final List<Thread> pollers = new ArrayList<>();
    private volatile boolean running = true;
    /** Guards {@link #busy} and the end of {@link #running}: a batch starts only while running. */
    private final Object gate = new Object();
    private int busy;

    private SqsEventSourceMapping(SqsClient sqs, String queueUrl, String queueArn, String region, LocalFunction function,
                                  BiFunction<SQSEvent, Context, SQSBatchResponse> handler,
                                  EventSourceMappingSettings settings) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.queueArn = Objects.requireNonNull(queueArn, "queueArn");
        this.region = Objects.requireNonNull(region, "region");
        this.function = Objects.requireNonNull(function, "function");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public static SqsEventSourceMapping start(SqsClient sqs, String queueUrl, String queueArn, String region,
                                              LocalFunction function,
                                              BiFunction<SQSEvent, Context, SQSBatchResponse> handler,
                                              EventSourceMappingSettings settings) {
        SqsEventSourceMapping esm = new SqsEventSourceMapping(sqs, queueUrl, queueArn, region, function, handler, settings);
        for (int i = 0; i < settings.maximumConcurrency(); i++) {
            Thread t = new Thread(esm::pollLoop, "esm-" + function.config().name() + "-" + (i + 1));
            t.setDaemon(true);
            esm.pollers.add(t);
            t.start();
        }
        return esm;
    }

    private void pollLoop() {
        while (running) {
            try {
                List<Message> batch = receive();
                if (batch.isEmpty()) {
                    continue;
                }
                if (!begin()) {
                    release(batch);
                    return;
                }
                try {
                    process(batch);
                } finally {
                    end();
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("polling {} failed: {}", queueUrl, e.toString());
                    pause();
                }
            }
        }
    }

    private List<Message> receive() {
        ReceiveMessageResponse response = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                .maxNumberOfMessages(settings.batchSize())
                .waitTimeSeconds((int) settings.pollWait().toSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All"));
        return response.messages();
    }

    /** Invokes the function with one batch and deletes what it succeeded with. Package-private for tests. */
    void process(List<Message> batch) {
        SQSEvent event = toEvent(batch);
        SQSBatchResponse response;
        try {
            response = function.invoke(ctx -> handler.apply(event, ctx));
        } catch (FunctionError e) {
            LOG.warn("{} failed on a batch of {}: {}; the batch returns to the queue after its visibility timeout",
                    function.config().name(), batch.size(), e.toString());
            return;
        }
        List<Message> toDelete = succeeded(batch, response);
        if (!toDelete.isEmpty()) {
            delete(toDelete);
        }
    }

    /**
     * The messages to delete: all when there is no failure list; none when the list is malformed (an id missing,
     * blank, or not in the batch), as Lambda treats such a response as a complete failure.
     */
    static List<Message> succeeded(List<Message> batch, SQSBatchResponse response) {
        if (response == null || response.getBatchItemFailures() == null || response.getBatchItemFailures().isEmpty()) {
            return batch;
        }
        Set<String> ids = new HashSet<>();
        batch.forEach(m -> ids.add(m.messageId()));
        Set<String> failed = new HashSet<>();
        for (SQSBatchResponse.BatchItemFailure f : response.getBatchItemFailures()) {
            String id = f == null ? null : f.getItemIdentifier();
            if (id == null || id.isBlank() || !ids.contains(id)) {
                LOG.warn("batchItemFailures names '{}', which is not in the batch: the whole batch fails", id);
                return List.of();
            }
            failed.add(id);
        }
        return batch.stream().filter(m -> !failed.contains(m.messageId())).toList();
    }

    private void delete(List<Message> messages) {
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                    .receiptHandle(messages.get(i).receiptHandle()).build());
        }
        var result = sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
        result.failed().forEach(f -> LOG.warn("deleting a processed message failed: {} {}", f.code(), f.message()));
    }

    private SQSEvent toEvent(List<Message> batch) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>(batch.size());
        for (Message m : batch) {
            SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
            r.setMessageId(m.messageId());
            r.setReceiptHandle(m.receiptHandle());
            r.setBody(m.body());
            r.setMd5OfBody(m.md5OfBody());
            r.setMd5OfMessageAttributes(m.md5OfMessageAttributes());
            r.setEventSource("aws:sqs");
            r.setEventSourceArn(queueArn);
            r.setAwsRegion(region);
            Map<String, String> attributes = new HashMap<>();
            m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            r.setAttributes(attributes);
            Map<String, SQSEvent.MessageAttribute> messageAttributes = new HashMap<>();
            m.messageAttributes().forEach((k, v) -> {
                SQSEvent.MessageAttribute a = new SQSEvent.MessageAttribute();
                a.setDataType(v.dataType());
                a.setStringValue(v.stringValue());
                messageAttributes.put(k, a);
            });
            r.setMessageAttributes(messageAttributes);
            records.add(r);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** A batch received after close goes back to the queue at once, as if it had never been received. */
    private void release(List<Message> batch) {
        List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                    .receiptHandle(batch.get(i).receiptHandle()).visibilityTimeout(0).build());
        }
        try {
            sqs.changeMessageVisibilityBatch(r -> r.queueUrl(queueUrl).entries(entries));
        } catch (RuntimeException e) {
            LOG.debug("returning {} messages received while stopping failed: {}", batch.size(), e.toString());
        }
    }

    private boolean begin() {
        synchronized (gate) {
            if (running) {
                busy++;
            }
            return running;
        }
    }

    private void end() {
        synchronized (gate) {
            busy--;
            gate.notifyAll();
        }
    }

    /**
     * Stops polling and waits (at most 5 s) for the batches in progress. Pollers waiting in a long poll are not
     * waited for: they are daemon threads, start no batch once closed, and end when their poll returns or the
     * queue goes away.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        synchronized (gate) {
            running = false;
            try {
                while (busy > 0) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        LOG.warn("{} batches still running after 5 s; stopping without them", busy);
                        return;
                    }
                    gate.wait(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
