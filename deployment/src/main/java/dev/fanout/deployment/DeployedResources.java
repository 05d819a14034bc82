package dev.fanout.deployment;

import java.util.Objects;

/**
 * What the functions are told to address: the deployed bucket names, the work queue's and its dead-letter queue's
 * URLs and the state machine's ARN — physical names where a deployment knows them, CDK tokens in the stack.
 *
 * <pre>{@code
 * DeployedResources resources = DeployedResources.named(ResourceNames.LOCAL, queueUrl, deadLetterQueueUrl,
 *         stateMachineArn);
 * }</pre>
 *
 * @param stateMachineArn may be null while the state machine does not exist yet; only the functions that start
 *                        executions need it ({@link PipelineFunction#startsExecutions()})
 */
public record DeployedResources(String inputBucket, String workBucket, String resultsBucket, String workQueueUrl,
                                String deadLetterQueueUrl, String stateMachineArn) {
    public DeployedResources {
        Objects.requireNonNull(inputBucket, "inputBucket");
        Objects.requireNonNull(workBucket, "workBucket");
        Objects.requireNonNull(resultsBucket, "resultsBucket");
        Objects.requireNonNull(workQueueUrl, "workQueueUrl");
        Objects.requireNonNull(deadLetterQueueUrl, "deadLetterQueueUrl");
    }

    /** The buckets as {@code names} names them, with the queue URLs and state machine ARN the services gave out. */
    public static DeployedResources named(ResourceNames names, String workQueueUrl, String deadLetterQueueUrl,
                                          String stateMachineArn) {
        return new DeployedResources(names.bucket(DataBucket.INPUT), names.bucket(DataBucket.WORK),
                names.bucket(DataBucket.RESULTS), workQueueUrl, deadLetterQueueUrl, stateMachineArn);
    }

    public String bucket(DataBucket bucket) {
        return switch (bucket) {
            case INPUT -> inputBucket;
            case WORK -> workBucket;
            case RESULTS -> resultsBucket;
        };
    }

    /** A copy with the state machine's ARN, once it exists. */
    public DeployedResources withStateMachineArn(String arn) {
        return new DeployedResources(inputBucket, workBucket, resultsBucket, workQueueUrl, deadLetterQueueUrl, arn);
    }
}
