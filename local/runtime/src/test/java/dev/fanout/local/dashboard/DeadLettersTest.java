package dev.fanout.local.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.core.pipeline.Worker;
import dev.fanout.local.dashboard.DashboardViews.DeadLetter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

class DeadLettersTest {
    private static final String BODY = """
            {"taskToken":"SECRET-TOKEN","chunk":{"jobId":"job-7","jobType":"csv-aggregate","index":12,"total":40,
             "input":{"bucket":"fanout-input","key":"data/sales.csv"},"start":65536,"end":131072,"objectSize":900000,
             "etag":"abc","header":"region,amount","options":{"group-by":"region"}}}""";

    @Test
    void namesAWorkMessagesChunk_andNeverItsTokenHeaderOrOptions() {
        DeadLetter dead = DeadLetters.describe(Message.builder().messageId("m-1").body(BODY)
                .attributes(Map.of(MessageSystemAttributeName.SENT_TIMESTAMP, "1796170000000")).build());

        assertThat(dead).isEqualTo(new DeadLetter("m-1", 1796170000000L, "job-7", 12, 40,
                "s3://fanout-input/data/sales.csv bytes 65536-131072", null));
        assertThat(dead.toString()).doesNotContain("SECRET-TOKEN").doesNotContain("region,amount")
                .doesNotContain("group-by");
    }

    @Test
    void namesTheObjectsOfAChunkOfManySmallOnes_notTheirList() {
        String body = """
                {"taskToken":"t","chunk":{"jobId":"job-8","jobType":"grep","index":3,"total":9,
                 "input":{"bucket":"fanout-work","key":"jobs/job-8/segments.jsonl"},"start":100,"end":900,
                 "objectSize":900,"objects":{"bucket":"fanout-input","count":7,"bytes":7000,"firstKey":"logs/a",
                 "lastKey":"logs/g"}}}""";
        DeadLetter dead = DeadLetters.describe(Message.builder().messageId("m-4").body(body).build());

        assertThat(dead.input()).isEqualTo("7 objects from s3://fanout-input/logs/a to logs/g");
    }

    @Test
    void takesJobChunkAndErrorFromTheAttributesThePipelineSet() {
        DeadLetter dead = DeadLetters.describe(Message.builder().messageId("m-2").body("not json")
                .messageAttributes(Map.of(
                        Worker.JOB_ID_ATTRIBUTE, text("job-9"),
                        Worker.CHUNK_INDEX_ATTRIBUTE, text("4"),
                        Worker.ERROR_ATTRIBUTE, text("dev.fanout.core.error.MalformedRecordException")))
                .build());

        assertThat(dead).isEqualTo(new DeadLetter("m-2", null, "job-9", 4, -1, null,
                "dev.fanout.core.error.MalformedRecordException"));
    }

    @Test
    void saysNothingItDoesNotKnow_forABodyThatIsNoWorkMessage() {
        DeadLetter dead = DeadLetters.describe(Message.builder().messageId("m-3").body("{\"hello\":1}").build());

        assertThat(dead).isEqualTo(new DeadLetter("m-3", null, null, -1, -1, null, null));
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
