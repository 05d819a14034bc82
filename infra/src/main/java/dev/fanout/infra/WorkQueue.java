package dev.fanout.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The work queue the Map children send chunks to, and its dead-letter queue: a chunk that failed
 * {@code maxReceiveCount} deliveries waits there for inspection and redrive.
 */
public final class WorkQueue extends Construct {

    /**
     * @param visibilityTimeoutSeconds at least six times the worker's timeout (AWS's advice for event sources)
     * @param maxReceiveCount          deliveries before a message moves to the dead-letter queue
     */
    public record WorkQueueProps(int visibilityTimeoutSeconds, int maxReceiveCount) {
        public WorkQueueProps {
            if (visibilityTimeoutSeconds < 1 || visibilityTimeoutSeconds > 43_200) {
                throw new IllegalArgumentException("visibilityTimeoutSeconds must be within [1, 43200] (SQS), was "
                        + visibilityTimeoutSeconds);
            }
            if (maxReceiveCount < 1) {
                throw new IllegalArgumentException("maxReceiveCount must be at least 1");
            }
        }

        public static WorkQueueProps of(PipelineSizing sizing) {
            return new WorkQueueProps(sizing.visibilityTimeoutSeconds(), sizing.maxReceiveCount());
        }
    }

    /** The longest SQS keeps a message: time to look at a failed chunk and redrive it. */
    public static final int DLQ_RETENTION_DAYS = 14;
    static final Duration DLQ_RETENTION = Duration.days(DLQ_RETENTION_DAYS);

    private final Queue queue;
    private final Queue deadLetterQueue;

    public WorkQueue(Construct scope, String id, WorkQueueProps props) {
        super(scope, id);
        deadLetterQueue = Queue.Builder.create(this, "DeadLetterQueue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(DLQ_RETENTION)
                .build();
        queue = Queue.Builder.create(this, "Queue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .visibilityTimeout(Duration.seconds(props.visibilityTimeoutSeconds()))
                .deadLetterQueue(DeadLetterQueue.builder()
                        .queue(deadLetterQueue)
                        .maxReceiveCount(props.maxReceiveCount())
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
