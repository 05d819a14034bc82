package dev.fanout.asl.port;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Sends a message for {@code arn:aws:states:::sqs:sendMessage} (with or without {@code .waitForTaskToken}). */
@FunctionalInterface
public interface SqsSender {
    /**
     * @param parameters the resolved Parameters/Arguments (QueueUrl, MessageBody, and any others)
     * @return the SendMessage response as the integration returns it, e.g. {@code {"MessageId":..., "MD5OfMessageBody":...}}
     */
    ObjectNode sendMessage(ObjectNode parameters);
}
