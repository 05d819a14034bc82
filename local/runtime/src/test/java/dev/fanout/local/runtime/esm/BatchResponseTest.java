package dev.fanout.local.runtime.esm;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** Which messages the event source mapping deletes after an invocation (Lambda's ReportBatchItemFailures rules). */
class BatchResponseTest {
    private final List<Message> batch = List.of(message("a"), message("b"), message("c"));

    private static Message message(String id) {
        return Message.builder().messageId(id).receiptHandle("rh-" + id).body("{}").build();
    }

    private static SQSBatchResponse failures(String... ids) {
        return new SQSBatchResponse(Arrays.stream(ids).map(SQSBatchResponse.BatchItemFailure::new).toList());
    }

    private List<String> deleted(SQSBatchResponse response) {
        return SqsEventSourceMapping.succeeded(batch, response).stream().map(Message::messageId).toList();
    }

    @Test
    void deletesEverything_whenTheResponseIsNull() {
        assertThat(deleted(null)).containsExactly("a", "b", "c");
    }

    @Test
    void deletesEverything_whenNoFailureIsReported() {
        assertThat(deleted(new SQSBatchResponse(List.of()))).containsExactly("a", "b", "c");
        assertThat(deleted(new SQSBatchResponse(null))).containsExactly("a", "b", "c");
    }

    @Test
    void keepsOnlyTheReportedMessages() {
        assertThat(deleted(failures("b"))).containsExactly("a", "c");
        assertThat(deleted(failures("a", "c"))).containsExactly("b");
    }

    @Test
    void failsTheWholeBatch_whenAnIdIsNotInTheBatch() {
        assertThat(deleted(failures("b", "zzz"))).isEmpty();
    }

    @Test
    void failsTheWholeBatch_whenAnIdIsBlankOrMissing() {
        assertThat(deleted(failures(""))).isEmpty();
        assertThat(deleted(new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure(null))))).isEmpty();
    }
}
