package dev.fanout.local.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.core.pipeline.Worker;
import dev.fanout.local.dashboard.DashboardViews.DeadLetter;
import dev.fanout.local.dashboard.DashboardViews.DeadLetterPage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A look into the dead-letter queue through the runtime's SQS client, without consuming anything: ReceiveMessage
 * with a visibility timeout of 0 leaves every message visible to any other consumer ("the duration that the
 * received messages are hidden from subsequent retrieve requests", API_ReceiveMessage; 0 to 43,200 s).
 *
 * <p>What it cannot do, because SQS cannot: page through the queue (a receive returns at most 10 messages and has
 * no cursor; a visibility timeout above 0 would hide messages from a real consumer), or look without counting a
 * receive (each look adds one to the messages' ApproximateReceiveCount, which the dead-letter queue has no redrive
 * policy for). So it shows the first {@link #PEEK_LIMIT} messages and the queue's count, and looks again only
 * when the count changed or the last look is {@link #MAX_AGE} old.
 */
final class DeadLetters {
    /** ReceiveMessage's MaxNumberOfMessages: 1 to 10. */
    static final int PEEK_LIMIT = 10;
    static final Duration MAX_AGE = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueName;
    private final Clock clock;
    private Look last;

    private record Look(Instant at, DeadLetterPage page) {
    }

    DeadLetters(SqsClient sqs, String queueUrl, Clock clock) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.queueName = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    synchronized DeadLetterPage peek() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        long count = number(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + number(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        Instant now = clock.instant();
        if (last != null && last.page().approximateCount() == count
                && Duration.between(last.at(), now).compareTo(MAX_AGE) < 0) {
            return last.page();
        }
        List<DeadLetter> messages = count == 0 ? List.of() : sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                        .maxNumberOfMessages(PEEK_LIMIT).visibilityTimeout(0).waitTimeSeconds(0)
                        .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP)
                        .messageAttributeNames("All"))
                .messages().stream().map(DeadLetters::describe).toList();
        last = new Look(now, new DeadLetterPage(queueName, count, messages));
        return last.page();
    }

    /** What names the message: its chunk, from the attributes the pipeline set or else from the work message body. */
    static DeadLetter describe(Message message) {
        String sent = message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
        Long sentAt = sent == null ? null : Long.valueOf(number(sent));
        JsonNode chunk = chunk(message.body());
        String jobId = attribute(message, Worker.JOB_ID_ATTRIBUTE);
        if (jobId == null && chunk.path("jobId").isTextual()) {
            jobId = chunk.get("jobId").asText();
        }
        String index = attribute(message, Worker.CHUNK_INDEX_ATTRIBUTE);
        int chunkIndex = index != null && index.matches("\\d{1,9}") ? Integer.parseInt(index)
                : chunk.path("index").isInt() ? chunk.get("index").asInt() : -1;
        int chunkTotal = chunk.path("total").isInt() ? chunk.get("total").asInt() : -1;
        JsonNode input = chunk.path("input");
        String where = null;
        if (chunk.path("objects").isObject()) {
            // a chunk of many small objects: its input is the list of them, name the objects instead
            JsonNode group = chunk.get("objects");
            where = group.path("count").asInt() + " objects from s3://" + group.path("bucket").asText() + "/"
                    + group.path("firstKey").asText() + " to " + group.path("lastKey").asText();
        } else if (input.path("bucket").isTextual() && input.path("key").isTextual()) {
            where = "s3://" + input.get("bucket").asText() + "/" + input.get("key").asText();
            if (chunk.path("start").isIntegralNumber() && chunk.path("end").isIntegralNumber()) {
                where += " bytes " + chunk.get("start").asLong() + "-" + chunk.get("end").asLong();
            }
        }
        return new DeadLetter(message.messageId(), sentAt, jobId, chunkIndex, chunkTotal, where,
                attribute(message, Worker.ERROR_ATTRIBUTE));
    }

    /** The body's {@code chunk} object, or a missing node when the body is not a work message. */
    private static JsonNode chunk(String body) {
        try {
            return JSON.readTree(body == null ? "" : body).path("chunk");
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private static String attribute(Message message, String name) {
        MessageAttributeValue value = message.messageAttributes().get(name);
        return value == null ? null : value.stringValue();
    }

    private static long number(String text) {
        try {
            return text == null ? 0 : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
