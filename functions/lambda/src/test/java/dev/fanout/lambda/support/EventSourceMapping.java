package dev.fanout.lambda.support;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * What Lambda's SQS event source mapping does with {@code ReportBatchItemFailures}, for one poll: receive a
 * batch, invoke the handler, delete the messages it did not report, and leave the reported ones as they are (they
 * come back when their visibility timeout ends, or when the worker put them back for a shorter backoff).
 */
public final class EventSourceMapping {
    private final SqsClient sqs;
    private final String queueUrl;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;

    public EventSourceMapping(SqsClient sqs, String queueUrl, RequestHandler<SQSEvent, SQSBatchResponse> handler) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.handler = handler;
    }

    /** What one poll delivered and what the handler answered. */
    public record Poll(List<SQSEvent.SQSMessage> delivered, SQSBatchResponse response) {
        public Set<String> failedMessageIds() {
            Set<String> ids = new HashSet<>();
            response.getBatchItemFailures().forEach(f -> ids.add(f.getItemIdentifier()));
            return ids;
        }
    }

    /** Receives until {@code expected} messages are in hand (one batch), invokes the handler once. */
    public Poll poll(int expected, Context context) {
        return poll(expected, context, false);
    }

    /**
     * Like {@link #poll(int, Context)}; with {@code crashAfterHandling} the function dies before the mapping can
     * delete anything, so every message comes back (at once here, where SQS would wait out the visibility timeout).
     */
    public Poll poll(int expected, Context context, boolean crashAfterHandling) {
        List<Message> received = new ArrayList<>();
        for (int attempt = 0; attempt < 20 && received.size() < expected; attempt++) {
            received.addAll(sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                    .maxNumberOfMessages(Math.min(10, expected - received.size()))
                    .waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages());
        }
        if (received.size() != expected) {
            throw new IllegalStateException("expected " + expected + " messages, received " + received.size());
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(received.stream().map(EventSourceMapping::toEvent).toList());
        SQSBatchResponse response = handler.handleRequest(event, context);
        Poll poll = new Poll(event.getRecords(), response);
        for (Message message : received) {
            if (crashAfterHandling) {
                sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle())
                        .visibilityTimeout(0));
            } else if (!poll.failedMessageIds().contains(message.messageId())) {
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return poll;
    }

    /** Messages {@code url} hands out now (they stay in the queue, visible again). */
    public List<Message> receiveFrom(String url) {
        return receiveFrom(url, 1);
    }

    /** Like {@link #receiveFrom(String)}, long-polling up to {@code waitSeconds} for a first message. */
    public List<Message> receiveFrom(String url, int waitSeconds) {
        return sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(waitSeconds)
                .visibilityTimeout(0).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
    }

    private static SQSEvent.SQSMessage toEvent(Message message) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        record.setEventSource("aws:sqs");
        record.setAttributes(Map.copyOf(message.attributesAsStrings()));
        return record;
    }
}
