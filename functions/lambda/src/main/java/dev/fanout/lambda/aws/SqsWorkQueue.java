package dev.fanout.lambda.aws;

import dev.fanout.core.port.WorkQueue;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageNotInflightException;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;

/**
 * {@link WorkQueue} on SQS: ChangeMessageVisibility on the work queue, SendMessage to its dead-letter queue.
 *
 * <p>ChangeMessageVisibility makes the message invisible for the given seconds counted from the call
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibility.html: 0 to
 * 43,200 s). SQS takes whole seconds, so a delay is rounded up: any delay above zero waits at least 1 s.
 *
 * <pre>{@code
 * WorkQueue queue = new SqsWorkQueue(sqsClient, workQueueUrl, deadLetterQueueUrl);
 * queue.redeliverAfter(receiptHandle, Duration.ofMillis(1500));   // visible again in 2 s
 * }</pre>
 */
public final class SqsWorkQueue implements WorkQueue {
    static final long MAX_VISIBILITY_SECONDS = 43_200;

    private final SqsClient sqs;
    private final String workQueueUrl;
    private final String deadLetterQueueUrl;

    /** @param deadLetterQueueUrl null where the function has none (only the worker dead-letters) */
    public SqsWorkQueue(SqsClient sqs, String workQueueUrl, String deadLetterQueueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.workQueueUrl = Objects.requireNonNull(workQueueUrl, "workQueueUrl");
        this.deadLetterQueueUrl = deadLetterQueueUrl;
    }

    @Override
    public void redeliverAfter(String receiptHandle, Duration delay) {
        if (receiptHandle == null) {
            throw new IllegalArgumentException("a delivery without a receipt handle cannot be put back");
        }
        int seconds = visibilitySeconds(delay);
        try {
            sqs.changeMessageVisibility(b -> b.queueUrl(workQueueUrl).receiptHandle(receiptHandle)
                    .visibilityTimeout(seconds));
        } catch (MessageNotInflightException | ReceiptHandleIsInvalidException e) {
            // the delivery is over already (deleted, or visible again): nothing to put back
        } catch (SdkException e) {
            throw AwsErrors.translate("ChangeMessageVisibility", e);
        }
    }

    /** Whole seconds, rounded up, within SQS's 0..43,200. */
    static int visibilitySeconds(Duration delay) {
        long millis = Math.max(0, delay.toMillis());
        return (int) Math.min(MAX_VISIBILITY_SECONDS, (millis + 999) / 1000);
    }

    @Override
    public void deadLetter(String body, Map<String, String> attributes) {
        if (deadLetterQueueUrl == null || deadLetterQueueUrl.isBlank()) {
            throw new IllegalStateException("DEAD_LETTER_QUEUE_URL is required to dead-letter a message but not set");
        }
        Map<String, MessageAttributeValue> values = new LinkedHashMap<>();
        attributes.forEach((name, value) -> values.put(name,
                MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
        try {
            sqs.sendMessage(b -> b.queueUrl(deadLetterQueueUrl).messageBody(body).messageAttributes(values));
        } catch (SdkException e) {
            throw AwsErrors.translate("SendMessage to the dead-letter queue", e);
        }
    }
}
