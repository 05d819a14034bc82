package dev.fanout.cdk;

import dev.fanout.deployment.WorkQueueSpec;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The work queue the Map children send chunks to, and its dead-letter queue: a chunk that failed
 * {@code maxReceiveCount} deliveries waits there for inspection and redrive. Visibility timeout, redrive count and
 * retention are the contract's ({@link WorkQueueSpec}).
 */
public final class WorkQueue extends Construct {

    private final Queue queue;
    private final Queue deadLetterQueue;

    public WorkQueue(Construct scope, String id, WorkQueueSpec spec) {
        super(scope, id);
        Objects.requireNonNull(spec, "spec");
        deadLetterQueue = Queue.Builder.create(this, "DeadLetterQueue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.seconds(spec.deadLetterRetention().getSeconds()))
                .build();
        queue = Queue.Builder.create(this, "Queue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .visibilityTimeout(Duration.seconds(spec.visibilityTimeout().getSeconds()))
                .deadLetterQueue(DeadLetterQueue.builder()
                        .queue(deadLetterQueue)
                        .maxReceiveCount(spec.maxReceiveCount())
                        .build())
                .build();
    }

    public IQueue queue() {
        return queue;
    }

    public IQueue deadLetterQueue() {
        return deadLetterQueue;
    }
}
