package dev.fanout.lambda.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueuedMessageTest {

    @Test
    void mapsEveryRecord_withReceiveCountAndLogContext() {
        SQSEvent event = EventLoader.loadSQSEvent("events/sqs-work-batch.json");

        List<QueuedMessage> messages = QueuedMessage.from(event);

        assertThat(messages).hasSize(2);
        QueuedMessage work = messages.get(0);
        assertThat(work.messageId()).isEqualTo("059f36b4-87a3-44ab-83d2-661975830a7d");
        assertThat(work.receiveCount()).isEqualTo(2);
        assertThat(work.jobId()).isEqualTo("job-7");
        assertThat(work.chunkIndex()).isEqualTo("3");
        assertThat(work.body()).startsWith("{\"taskToken\":\"token-a\"");
        assertThat(work.logKeys()).containsEntry(LogContext.JOB_ID, "job-7").containsEntry(LogContext.CHUNK_INDEX, "3");
    }

    @Test
    void treatsAMissingReceiveCountAsFirstDelivery_andAnUnparseableBodyAsWithoutContext() {
        QueuedMessage garbage = QueuedMessage.from(EventLoader.loadSQSEvent("events/sqs-work-batch.json")).get(1);

        assertThat(garbage.receiveCount()).isEqualTo(1);
        assertThat(garbage.jobId()).isNull();
        assertThat(garbage.chunkIndex()).isNull();
        assertThat(garbage.body()).isEqualTo("not json at all");
    }

    @Test
    void readsReceiveCountsDefensively() {
        assertThat(QueuedMessage.receiveCount(Map.of("ApproximateReceiveCount", "5"))).isEqualTo(5);
        assertThat(QueuedMessage.receiveCount(Map.of("ApproximateReceiveCount", "five"))).isEqualTo(1);
        assertThat(QueuedMessage.receiveCount(Map.of("ApproximateReceiveCount", "0"))).isEqualTo(1);
        assertThat(QueuedMessage.receiveCount(null)).isEqualTo(1);
    }

    @Test
    void mapsAnEmptyEventToNothing() {
        assertThat(QueuedMessage.from(new SQSEvent())).isEmpty();
    }
}
