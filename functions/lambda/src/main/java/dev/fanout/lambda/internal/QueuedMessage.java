package dev.fanout.lambda.internal;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.core.json.Json;
import dev.fanout.core.pipeline.Delivery;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One SQS work message as the worker needs it, mapped from the mutable Lambda event at the edge.
 *
 * @param receiveCount SQS's ApproximateReceiveCount (1 on the first delivery)
 * @param jobId        the chunk's job id, for the log context only (null if the body does not say)
 * @param chunkIndex   the chunk's index, for the log context only (null if the body does not say)
 */
public record QueuedMessage(String messageId, String receiptHandle, String body, int receiveCount, String jobId,
                            String chunkIndex) {
    public QueuedMessage {
        Objects.requireNonNull(messageId, "messageId");
        if (receiveCount < 1) {
            throw new IllegalArgumentException("receiveCount < 1");
        }
    }

    /** The messages of a batch, in order. */
    public static List<QueuedMessage> from(SQSEvent event) {
        if (event == null || event.getRecords() == null) {
            return List.of();
        }
        return event.getRecords().stream().map(QueuedMessage::from).toList();
    }

    static QueuedMessage from(SQSEvent.SQSMessage message) {
        String body = message.getBody() == null ? "" : message.getBody();
        JsonNode chunk = peekChunk(body);
        return new QueuedMessage(message.getMessageId(), message.getReceiptHandle(), body,
                receiveCount(message.getAttributes()), text(chunk.path("jobId")), text(chunk.path("index")));
    }

    /** The delivery as the worker takes it. */
    public Delivery delivery() {
        return new Delivery(messageId, receiptHandle, body, receiveCount);
    }

    /** The log context as MDC keys. */
    public Map<String, String> logKeys() {
        HashMap<String, String> keys = new HashMap<>();
        keys.put(LogContext.JOB_ID, jobId);
        keys.put(LogContext.CHUNK_INDEX, chunkIndex);
        keys.put("messageId", messageId);
        return keys;
    }

    static int receiveCount(Map<String, String> attributes) {
        String raw = attributes == null ? null : attributes.get("ApproximateReceiveCount");
        if (raw == null) {
            return 1;
        }
        try {
            return Math.max(1, Integer.parseInt(raw.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static JsonNode peekChunk(String body) {
        try {
            return Json.mapper().readTree(body).path("chunk");
        } catch (Exception e) {
            return Json.mapper().missingNode();
        }
    }

    private static String text(JsonNode node) {
        return node.isValueNode() ? node.asText() : null;
    }
}
