package dev.fanout.core.pipeline;

import java.util.Objects;

/**
 * One delivery of a work queue message, as the worker needs it.
 *
 * @param receiptHandle what SQS needs to change this delivery's visibility; null where there is none (tests)
 * @param body          the message body: {@code {"taskToken": "...", "chunk": {...}}}
 * @param receiveCount  SQS's {@code ApproximateReceiveCount}: 1 on the first delivery
 */
public record Delivery(String messageId, String receiptHandle, String body, int receiveCount) {
    public Delivery {
        Objects.requireNonNull(body, "body");
        if (receiveCount < 1) {
            throw new IllegalArgumentException("receiveCount must be at least 1, was " + receiveCount);
        }
    }
}
