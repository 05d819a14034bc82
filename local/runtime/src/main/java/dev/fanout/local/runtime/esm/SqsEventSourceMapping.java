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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Lambda's SQS event source mapping with {@code ReportBatchItemFailures}, as pollers: each long-polls a batch,
 * invokes the function with an {@link SQSEvent}, and deletes every message not reported in
 * {@code batchItemFailures}. A function error (exception or timeout), or a response naming an id that is not in the
 * batch, fails the whole batch: nothing is deleted, and the queue's visibility timeout and redrive policy decide
 * what happens next — exactly as on Lambda. Nothing else touches a message's visibility.
 *
 * <p>The number of batches at once scales as Lambda's does ({@link ScalingGate}): the initial 5, then 300 more a
 * (scaled) minute while messages wait, up to {@code maximumConcurrency}. A {@link DeliveryFaults} may deliver a
 * message a second time, concurrently, as a standard queue may.
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
    /**
     * How often at most the mapping looks at the queue to grow: each look is a GetQueueAttributes while any batch is
     * in progress. The growth is a rate (credit per elapsed step, {@link ScalingGate#tick}), so a coarser look adds
     * the same batches per second, several at a time, and reaches the maximum at most one look later. Lambda does
     * not document how often its pollers scale. At the local time scale (a step of 20 ms) one look every 50 ms asked
     * ElasticMQ 20 times a second through every job: a tenth of a core, with the SDK's and ElasticMQ's share.
     */
    static final long MIN_TICK_NANOS = 250_000_000L;
    /**
     * A receive open this long, while no receive has returned a message for as long, means no message is visible:
     * a long poll returns as soon as one is
     * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-short-and-long-polling.html).
     * Wall time, not scaled: it stands for a receive's own latency on a loaded machine. Both are needed: under load
     * (hundreds of pollers on 2 cores) a receive can stay open a second while messages wait, but then others return.
     */
    static final long IDLE_NANOS = 1_000_000_000L;

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final String region;
    private final LocalFunction function;
    private final BiFunction<SQSEvent, Context, SQSBatchResponse> handler;
    private final EventSourceMappingSettings settings;
    private final DeliveryFaults faults;
    private final ScalingGate gate;
    private final List<Thread> pollers = new CopyOnWriteArrayList<>();
    /** The pollers processing a batch now: {@link #close} waits for these, not for those in a long poll. */
    private final Set<Thread> processing = ConcurrentHashMap.newKeySet();
    /** The pollers in a ReceiveMessage call now, and when each call started. */
    private final Map<Thread, Long> receiving = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scaler;
    private final ExecutorService duplicates;
    private volatile boolean running = true;

    private SqsEventSourceMapping(SqsClient sqs, String queueUrl, String queueArn, String region, LocalFunction function,
                                  BiFunction<SQSEvent, Context, SQSBatchResponse> handler,
                                  EventSourceMappingSettings settings, DeliveryFaults faults) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.queueArn = Objects.requireNonNull(queueArn, "queueArn");
        this.region = Objects.requireNonNull(region, "region");
        this.function = Objects.requireNonNull(function, "function");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.gate = new ScalingGate(settings.maximumConcurrency(), settings.scaling(), System.nanoTime());
        this.scaler = Executors.newSingleThreadScheduledExecutor(daemon("esm-scaler-" + function.config().name()));
        this.duplicates = Executors.newCachedThreadPool(daemon("esm-duplicate-" + function.config().name()));
    }

    public static SqsEventSourceMapping start(SqsClient sqs, String queueUrl, String queueArn, String region,
                                              LocalFunction function,
                                              BiFunction<SQSEvent, Context, SQSBatchResponse> handler,
                                              EventSourceMappingSettings settings) {
        return start(sqs, queueUrl, queueArn, region, function, handler, settings, DeliveryFaults.NONE);
    }

    /** Like the other {@code start}, with {@code faults} deciding which deliveries come twice. */
    public static SqsEventSourceMapping start(SqsClient sqs, String queueUrl, String queueArn, String region,
                                              LocalFunction function,
                                              BiFunction<SQSEvent, Context, SQSBatchResponse> handler,
                                              EventSourceMappingSettings settings, DeliveryFaults faults) {
        SqsEventSourceMapping esm = new SqsEventSourceMapping(sqs, queueUrl, queueArn, region, function, handler,
                settings, faults);
        esm.addPollers(esm.gate.concurrency());
        long tick = Math.max(MIN_TICK_NANOS, settings.scaling().step().toNanos());
        esm.scaler.scheduleWithFixedDelay(esm::scale, tick, tick, TimeUnit.NANOSECONDS);
        return esm;
    }

    /** Batches the mapping may process at once now (it grows while messages wait). */
    public int concurrency() {
        return gate.concurrency();
    }

    /** The most batches at once it has allowed so far. */
    public int peakConcurrency() {
        return gate.peak();
    }

    private void scale() {
        try {
            long now = System.nanoTime();
            boolean waiting = gate.mayGrow(now) && !nothingFlows(now) && messagesWaiting();
            addPollers(gate.tick(now, waiting));
        } catch (RuntimeException e) {
            if (running) {
                LOG.debug("scaling the event source mapping failed: {}", e.toString());
            }
        }
    }

    /**
     * Whether a poller has waited in its receive for {@link #IDLE_NANOS} while no receive returned a message: then no
     * message is visible, none waits for a poller, and the queue need not be asked. A job with fewer messages than
     * the mapping's batches (a 256 MiB {@code fanout run}: 4 chunks, 5 batches) asked on every tick while its chunks ran.
     */
    private boolean nothingFlows(long now) {
        if (now - gate.lastReceived() < IDLE_NANOS) {
            return false;
        }
        for (long started : receiving.values()) {
            if (now - started >= IDLE_NANOS) {
                return true;
            }
        }
        return false;
    }

    private boolean messagesWaiting() {
        String visible = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        return visible != null && !visible.equals("0");
    }

    /** One polling thread per batch the gate allows at once, started as it grows. */
    private synchronized void addPollers(int wanted) {
        while (running && pollers.size() < wanted) {
            Thread t = new Thread(this::pollLoop, "esm-" + function.config().name() + "-" + (pollers.size() + 1));
            t.setDaemon(true);
            pollers.add(t);
            t.start();
        }
    }

    private void pollLoop() {
        while (running) {
            try {
                if (!gate.acquire(200)) {
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            }
            try {
                List<Message> batch = receive();
                if (!batch.isEmpty()) {
                    processing.add(Thread.currentThread());
                    try {
                        if (running) {
                            gate.received(System.nanoTime());
                            gate.startedBatch();
                            try {
                                deliverDuplicates(batch);
                                process(batch);
                            } finally {
                                gate.endedBatch();
                            }
                        }
                    } finally {
                        processing.remove(Thread.currentThread());
                    }
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("polling {} failed: {}", queueUrl, e.toString());
                    pause();
                }
            } finally {
                gate.release();
            }
        }
    }

    private List<Message> receive() {
        Thread self = Thread.currentThread();
        receiving.put(self, System.nanoTime());
        try {
            ReceiveMessageResponse response = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                    .maxNumberOfMessages(settings.batchSize())
                    .waitTimeSeconds((int) settings.pollWait().toSeconds())
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All"));
            return response.messages();
        } finally {
            receiving.remove(self);
        }
    }

    /** A standard queue may deliver a message more than once, to two consumers at the same time. */
    private void deliverDuplicates(List<Message> batch) {
        for (Message m : batch) {
            if (faults.deliverTwice(m)) {
                duplicates.execute(() -> {
                    boolean deleted = false;
                    try {
                        deleted = !process(List.of(m)).isEmpty();
                    } catch (RuntimeException e) {
                        LOG.warn("a duplicate delivery failed: {}", e.toString());
                    } finally {
                        faults.duplicateDone(m, !deleted);
                    }
                });
            }
        }
    }

    /**
     * Invokes the function with one batch and deletes what it succeeded with; returns those. Package-private for
     * tests.
     */
    List<Message> process(List<Message> batch) {
        SQSEvent event = toEvent(batch);
        SQSBatchResponse response;
        try {
            response = function.invoke(ctx -> handler.apply(event, ctx));
        } catch (FunctionError e) {
            LOG.warn("{} failed on a batch of {}: {}; the batch returns to the queue after its visibility timeout",
                    function.config().name(), batch.size(), e.toString());
            return List.of();
        }
        List<Message> toDelete = succeeded(batch, response);
        if (!toDelete.isEmpty()) {
            delete(toDelete);
        }
        return toDelete;
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
        result.failed().forEach(f -> LOG.debug("deleting a processed message failed: {} {}", f.code(), f.message()));
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

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Stops polling and waits (bounded) for the batches in progress; an invocation that still runs after a
     * moment (a hung one waits for its timeout) is interrupted: the runtime is going away with its queue. A poller
     * in a long poll is not waited for (that took most of a second, the rest of its wait): it ends when its receive
     * returns or the queue's server stops, and a batch it receives by then is not processed (its messages return to
     * the queue after their visibility timeout, as when a mapping is disabled mid-poll).
     */
    @Override
    public void close() {
        running = false;
        scaler.shutdownNow();
        duplicates.shutdownNow();
        // batches in progress get up to 1.5 s (less with a shorter poll wait) to finish before they are interrupted:
        // the grace does not grow with Lambda's 20 s long-poll wait, which close() does not wait for
        long grace = System.nanoTime() + Math.min(settings.pollWait().toNanos(), 1_000_000_000L) + 500_000_000L;
        if (!awaitProcessing(grace)) {
            return;
        }
        processing.forEach(Thread::interrupt);
        awaitProcessing(System.nanoTime() + 5_000_000_000L);
    }

    /** Waits until no poller processes a batch or {@code deadline} (nanoTime) passes; false if interrupted. */
    private boolean awaitProcessing(long deadline) {
        for (Thread t : List.copyOf(processing)) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
