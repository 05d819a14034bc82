package dev.fanout.local.runtime.esm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.fanout.lambda.aws.AwsClients;
import dev.fanout.local.runtime.lambda.FunctionConfig;
import dev.fanout.local.runtime.lambda.LocalFunction;
import dev.fanout.local.runtime.services.EmbeddedSqs;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The event source mapping against ElasticMQ: partial batch responses, errors, redrive, concurrency. */
class SqsEventSourceMappingIT {
    /** Lambda's ramp-up at the local time scale: 5 batches, then one more every 20 ms while messages wait. */
    private static final dev.fanout.deployment.EventSourceMappingSpec.Scaling FAST_STEPS =
            new dev.fanout.deployment.EventSourceMappingSpec.Scaling(5, 3000, Duration.ofMinutes(1));
    private static EmbeddedSqs server;
    private static AwsClients clients;
    private static SqsClient sqs;

    private final LocalFunction function = new LocalFunction(
            new FunctionConfig("worker", Duration.ofSeconds(5), 512, "us-east-1", "000000000000"), Clock.systemUTC());
    private final ConcurrentLinkedQueue<SQSEvent.SQSMessage> seen = new ConcurrentLinkedQueue<>();
    private SqsEventSourceMapping esm;
    private String queueUrl;
    private String queueArn;
    private String dlqUrl;

    @BeforeAll
    static void startSqs() {
        server = EmbeddedSqs.start(0);
        clients = AwsClients.from(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "x",
                "AWS_SECRET_ACCESS_KEY", "x", "AWS_ENDPOINT_URL_SQS", server.endpoint().toString()));
        sqs = clients.sqs();
    }

    @AfterAll
    static void stopSqs() {
        clients.close();
        server.close();
    }

    @AfterEach
    void stop() {
        if (esm != null) {
            esm.close();
        }
        function.close();
    }

    /** A fresh queue with a DLQ after two receives and a 1 s visibility timeout. */
    private void queues() {
        queues(1);
    }

    /** A fresh queue with a DLQ after two receives and the visibility timeout given. */
    private void queues(int visibilityTimeoutSeconds) {
        String name = "q-" + UUID.randomUUID().toString().substring(0, 8);
        dlqUrl = sqs.createQueue(r -> r.queueName(name + "-dlq")).queueUrl();
        String dlqArn = arn(dlqUrl);
        queueUrl = sqs.createQueue(r -> r.queueName(name).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds),
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":2}"))).queueUrl();
        queueArn = arn(queueUrl);
    }

    private static String arn(String url) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private void send(String... bodies) {
        for (String body : bodies) {
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
        }
    }

    private void start(int batchSize, int concurrency,
                       java.util.function.Function<SQSEvent, SQSBatchResponse> handler) {
        start(new EventSourceMappingSettings(batchSize, concurrency, Duration.ofSeconds(1)), DeliveryFaults.NONE,
                handler);
    }

    private void start(EventSourceMappingSettings settings, DeliveryFaults faults,
                       java.util.function.Function<SQSEvent, SQSBatchResponse> handler) {
        esm = SqsEventSourceMapping.start(sqs, queueUrl, queueArn, "us-east-1", function, (event, ctx) -> {
            seen.addAll(event.getRecords());
            return handler.apply(event);
        }, settings, faults);
    }

    private long timesSeen(String body) {
        return seen.stream().filter(m -> m.getBody().equals(body)).count();
    }

    private List<String> dlqBodies() {
        return sqs.receiveMessage(r -> r.queueUrl(dlqUrl).maxNumberOfMessages(10)).messages().stream()
                .map(software.amazon.awssdk.services.sqs.model.Message::body).toList();
    }

    private long visible(String url) {
        var attrs = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Long.parseLong(attrs.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attrs.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    @Test
    void deliversLambdaShapedRecords() {
        queues();
        send("hello");
        start(10, 1, event -> null);

        await().atMost(Duration.ofSeconds(20)).until(() -> timesSeen("hello") == 1);
        SQSEvent.SQSMessage m = seen.peek();
        assertThat(m.getEventSource()).isEqualTo("aws:sqs");
        assertThat(m.getEventSourceArn()).isEqualTo(queueArn);
        assertThat(m.getAwsRegion()).isEqualTo("us-east-1");
        assertThat(m.getMessageId()).isNotBlank();
        assertThat(m.getReceiptHandle()).isNotBlank();
        assertThat(m.getMd5OfBody()).isEqualTo("5d41402abc4b2a76b9719d911017c592"); // MD5 of "hello"
        assertThat(m.getAttributes()).containsEntry("ApproximateReceiveCount", "1").containsKey("SentTimestamp");
        await().atMost(Duration.ofSeconds(10)).until(() -> visible(queueUrl) == 0);
    }

    @Test
    void deletesTheSucceededMessages_andRedrivesTheReportedOneToTheDlq() {
        queues();
        send("ok-1", "bad", "ok-2");
        start(10, 1, event -> new SQSBatchResponse(event.getRecords().stream()
                .filter(m -> m.getBody().equals("bad"))
                .map(m -> new SQSBatchResponse.BatchItemFailure(m.getMessageId())).toList()));

        await().atMost(Duration.ofSeconds(30)).until(() -> dlqBodies().contains("bad"));
        assertThat(timesSeen("bad")).isEqualTo(2);
        assertThat(timesSeen("ok-1")).isEqualTo(1);
        assertThat(timesSeen("ok-2")).isEqualTo(1);
        assertThat(seen.stream().filter(m -> m.getBody().equals("bad"))
                .map(m -> m.getAttributes().get("ApproximateReceiveCount")).toList()).containsExactly("1", "2");
    }

    @Test
    void aFunctionErrorReturnsTheWholeBatch() {
        queues();
        send("a", "b");
        AtomicInteger calls = new AtomicInteger();
        start(10, 1, event -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("boom");
            }
            return null;
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> visible(queueUrl) == 0);
        assertThat(timesSeen("a")).isEqualTo(2);
        assertThat(timesSeen("b")).isEqualTo(2);
        assertThat(dlqBodies()).isEmpty();
    }

    @Test
    void aResponseNamingAnUnknownIdFailsTheWholeBatch() {
        queues();
        send("x");
        AtomicInteger calls = new AtomicInteger();
        start(10, 1, event -> calls.incrementAndGet() == 1
                ? new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure("not-a-message-id")))
                : null);

        await().atMost(Duration.ofSeconds(30)).until(() -> visible(queueUrl) == 0);
        assertThat(timesSeen("x")).isEqualTo(2);
    }

    @Test
    void neverRunsMoreBatchesAtOnceThanTheMaximumConcurrency() throws Exception {
        queues();
        send("1", "2", "3", "4", "5");
        AtomicInteger active = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        start(1, 2, event -> {
            most.accumulateAndGet(active.incrementAndGet(), Math::max);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                active.decrementAndGet();
            }
            return null;
        });

        await().atMost(Duration.ofSeconds(20)).until(() -> active.get() == 2);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> active.get() <= 2);
        release.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> visible(queueUrl) == 0);
        assertThat(most.get()).isEqualTo(2);
        assertThat(seen).extracting(SQSEvent.SQSMessage::getBody).containsExactlyInAnyOrder("1", "2", "3", "4", "5");
    }

    /**
     * Lambda's ramp-up, on a scaled minute: 2 batches at first, one more every 200 ms while messages wait. The k-th
     * batch at once cannot start before (k - 2) steps after the mapping started (a lower bound: a loaded machine only
     * delays it).
     */
    @Test
    void startsWithTheInitialBatches_andAddsOneEachScaledStepWhileMessagesWait() throws Exception {
        queues();
        send("1", "2", "3", "4", "5", "6");
        AtomicInteger active = new AtomicInteger();
        ConcurrentLinkedQueue<long[]> starts = new ConcurrentLinkedQueue<>();
        CountDownLatch release = new CountDownLatch(1);
        EventSourceMappingSettings settings = new EventSourceMappingSettings(1, 6, Duration.ofSeconds(1),
                new dev.fanout.deployment.EventSourceMappingSpec.Scaling(2, 5, Duration.ofSeconds(1)));
        long started = System.nanoTime();
        start(settings, DeliveryFaults.NONE, event -> {
            starts.add(new long[] {active.incrementAndGet(), System.nanoTime()});
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> active.get() == 6);
        release.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> visible(queueUrl) == 0);
        for (long[] s : starts) {
            long level = s[0];
            assertThat(s[1] - started).as("batch %d at once", level)
                    .isGreaterThanOrEqualTo(Math.max(0, level - 2) * 200_000_000L);
        }
        assertThat(esm.concurrency()).isEqualTo(6);
    }

    @Test
    void aDuplicatedMessageIsDeliveredTwice_concurrently() {
        queues();
        send("once", "twice");
        start(new EventSourceMappingSettings(1, 2, Duration.ofSeconds(1)),
                message -> message.body().equals("twice"), event -> null);

        await().atMost(Duration.ofSeconds(20)).until(() -> timesSeen("twice") == 2 && visible(queueUrl) == 0);
        assertThat(timesSeen("once")).isEqualTo(1);
    }

    /**
     * Lambda's 20 s long polls: an idle poller asks once per wait, not again and again; a message sent meanwhile, and
     * one whose visibility timeout ends meanwhile, is received at once by a waiting poll; close() does not wait for
     * the polls.
     */
    @Test
    void lambdasLongPolls_askOncePerWait_andReturnAsSoonAsAMessageIsThere() {
        queues();
        AtomicInteger receives = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        try (SqsClient counting = counting(ReceiveMessageRequest.class, receives)) {
            esm = SqsEventSourceMapping.start(counting, queueUrl, queueArn, "us-east-1", function, (event, ctx) -> {
                seen.addAll(event.getRecords());
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("back after the queue's 1 s visibility timeout");
                }
                return null;
            }, new EventSourceMappingSettings(1, 2, EventSourceMappingSettings.LAMBDA_POLL_WAIT));

            await().atMost(Duration.ofSeconds(10)).until(() -> receives.get() == 2);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> receives.get() == 2);
            send("late");
            await().atMost(Duration.ofSeconds(10)).until(() -> timesSeen("late") == 2 && visible(queueUrl) == 0);

            long closing = System.nanoTime();
            esm.close();
            esm = null;
            assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(10));
        }
    }

    /** A client of the test's ElasticMQ that counts its calls of {@code request}'s type in {@code calls}. */
    private static SqsClient counting(Class<?> request, AtomicInteger calls) {
        return SqsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (request.isInstance(context.request())) {
                            calls.incrementAndGet();
                        }
                    }
                })).build();
    }

    /** Holds each batch until {@code release}, counting the batches started. */
    private static BiFunction<SQSEvent, com.amazonaws.services.lambda.runtime.Context, SQSBatchResponse> holding(
            AtomicInteger started, CountDownLatch release) {
        return (event, ctx) -> {
            started.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        };
    }

    /**
     * Every poller holding a batch, none waiting in a receive, so the mapping looks at the queue to grow: once per
     * tick (at least 250 ms), not once per scaling step (20 ms here, as at the local time scale: it asked every
     * 50 ms, about 40 times in 2 s).
     */
    @Test
    void whileEveryBatchRuns_theQueueIsAskedAtMostFourTimesASecond() throws Exception {
        queues(30); // the held messages stay received: no redelivery, nothing visible
        send("1", "2", "3", "4", "5");
        AtomicInteger asks = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        try (SqsClient counting = counting(GetQueueAttributesRequest.class, asks)) {
            esm = SqsEventSourceMapping.start(counting, queueUrl, queueArn, "us-east-1", function,
                    holding(started, release), new EventSourceMappingSettings(1, 10,
                            EventSourceMappingSettings.LAMBDA_POLL_WAIT, FAST_STEPS));
            await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == 5);
            int before = asks.get();
            Thread.sleep(2_000);
            assertThat(asks.get() - before).as("GetQueueAttributes in 2 s, 5 batches in progress").isBetween(1, 9);
            release.countDown();
        }
    }

    /**
     * One message on a mapping of 5 batches: the other 4 pollers wait in their long polls and no receive returns a
     * message, so nothing is visible, and after a second of that the mapping stops asking the queue (it asked on
     * every tick for as long as the batch ran).
     */
    @Test
    void whilePollersWaitAndNothingArrives_theQueueIsNotAsked() throws Exception {
        queues(30); // the held message stays received
        AtomicInteger asks = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        try (SqsClient counting = counting(GetQueueAttributesRequest.class, asks)) {
            esm = SqsEventSourceMapping.start(counting, queueUrl, queueArn, "us-east-1", function,
                    holding(started, release), new EventSourceMappingSettings(1, 10,
                            EventSourceMappingSettings.LAMBDA_POLL_WAIT, FAST_STEPS));
            send("only");
            await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == 1);
            Thread.sleep(1_500); // a second without a message received, and a tick
            int before = asks.get();
            Thread.sleep(2_000);
            assertThat(asks.get() - before).as("GetQueueAttributes while 4 pollers waited for 2 s").isZero();
            send("second");
            await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == 2);
            release.countDown();
        }
    }
}
