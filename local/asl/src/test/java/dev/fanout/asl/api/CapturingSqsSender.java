package dev.fanout.asl.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.asl.port.SqsSender;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An SQS port that keeps each sent message body, so a test can answer the task token in it. */
final class CapturingSqsSender implements SqsSender {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BlockingQueue<JsonNode> bodies = new LinkedBlockingQueue<>();

    @Override
    public ObjectNode sendMessage(ObjectNode parameters) {
        JsonNode body = parameters.get("MessageBody");
        try {
            bodies.add(body.isTextual() ? JSON.readTree(body.textValue()) : body.deepCopy());
        } catch (Exception e) {
            throw new IllegalArgumentException("MessageBody is not JSON: " + body, e);
        }
        return JSON.createObjectNode()
                .put("MessageId", "00000000-0000-0000-0000-00000000000" + bodies.size())
                .put("MD5OfMessageBody", "0".repeat(32));
    }

    /** The next message body sent, waiting up to five seconds for it. */
    JsonNode nextBody() throws InterruptedException {
        JsonNode body = bodies.poll(5, TimeUnit.SECONDS);
        if (body == null) {
            throw new AssertionError("no SQS message was sent within 5 s");
        }
        return body;
    }

    /** The task token of the next message sent. */
    String nextToken() throws InterruptedException {
        return nextBody().get("TaskToken").textValue();
    }
}
