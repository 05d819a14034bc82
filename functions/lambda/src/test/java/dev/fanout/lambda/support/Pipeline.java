package dev.fanout.lambda.support;

import dev.fanout.core.config.EnvVar;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.Chunk;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.pipeline.WorkMessage;
import dev.fanout.lambda.Wiring;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The embedded servers of one component test class — s3proxy, ElasticMQ and the Step Functions stub — and
 * the functions' {@link Wiring} pointed at them through an ordinary environment map.
 */
public final class Pipeline implements AutoCloseable {
    private final EmbeddedS3 s3;
    private final EmbeddedSqs sqs;
    private final SfnStub sfn;
    private final Wiring wiring;
    private final Map<String, String> env;
    private final java.util.List<Wiring> queueWirings = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Pipeline() throws Exception {
        this(Map.of());
    }

    public Pipeline(Map<String, String> overrides) throws Exception {
        s3 = new EmbeddedS3();
        sqs = new EmbeddedSqs();
        sfn = new SfnStub();
        for (String bucket : new String[] {TestEnv.INPUT_BUCKET, TestEnv.WORK_BUCKET, TestEnv.RESULTS_BUCKET}) {
            s3.createBucket(bucket);
        }
        Map<String, String> env = new java.util.HashMap<>(TestEnv.create().s3(s3.endpoint()).sqs(sqs.endpoint())
                .sfn(sfn.endpoint()).toMap());
        // a queue URL of the embedded server for the functions that need one; tests with a queue of their own use
        // wiringFor(queueUrl)
        env.put(EnvVar.WORK_QUEUE_URL.name(), sqs.endpoint() + "/000000000000/fanout-work");
        env.put(EnvVar.DEAD_LETTER_QUEUE_URL.name(), sqs.endpoint() + "/000000000000/fanout-work-dlq");
        env.putAll(overrides);
        this.env = Map.copyOf(env);
        wiring = Wiring.from(env);
    }

    public Wiring wiring() {
        return wiring;
    }

    /** The functions' wiring for a work queue made by {@link #createWorkQueue} (and its dead-letter queue). */
    public Wiring wiringFor(String queueUrl) {
        Map<String, String> withQueue = new java.util.HashMap<>(env);
        withQueue.put(EnvVar.WORK_QUEUE_URL.name(), queueUrl);
        withQueue.put(EnvVar.DEAD_LETTER_QUEUE_URL.name(), dlqUrl(queueUrl));
        Wiring queueWiring = Wiring.from(withQueue);
        queueWirings.add(queueWiring);
        return queueWiring;
    }

    public SfnStub sfn() {
        return sfn;
    }

    public ObservedBlobStore store() {
        return s3.store();
    }

    public S3Client s3Client() {
        return wiring.clients().s3();
    }

    public SqsClient sqsClient() {
        return wiring.clients().sqs();
    }

    public ObjectLocation putInput(String key, String text) {
        ObjectLocation location = new ObjectLocation(TestEnv.INPUT_BUCKET, key);
        wiring.blobs().put(location, text.getBytes(StandardCharsets.UTF_8), "text/plain", Map.of());
        return location;
    }

    public boolean exists(ObjectLocation location) {
        return wiring.blobs().head(location).isPresent();
    }

    public byte[] read(ObjectLocation location) {
        return wiring.blobs().get(location).orElseThrow(() -> new AssertionError("no object " + location)).body();
    }

    /** A queue with a dead-letter queue after {@code maxReceiveCount} receives; returns its URL. */
    public String createWorkQueue(int maxReceiveCount) {
        String name = "work-" + UUID.randomUUID();
        String dlqUrl = sqsClient().createQueue(b -> b.queueName(name + "-dlq")).queueUrl();
        String dlqArn = sqsClient().getQueueAttributes(b -> b.queueUrl(dlqUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        return sqsClient().createQueue(b -> b.queueName(name).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "60",
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}")))
                .queueUrl();
    }

    public String dlqUrl(String queueUrl) {
        return queueUrl + "-dlq";
    }

    /** Sends what the state machine's ProcessChunk state sends: the task token and the chunk. */
    public void sendChunk(String queueUrl, String taskToken, Chunk chunk) {
        sendBody(queueUrl, Json.write(new WorkMessage(taskToken, chunk)));
    }

    public void sendBody(String queueUrl, String body) {
        sqsClient().sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
    }

    @Override
    public void close() throws Exception {
        queueWirings.forEach(Wiring::close);
        wiring.close();
        sfn.close();
        sqs.close();
        s3.close();
    }
}
