package dev.fanout.lambda.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3Entity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.core.json.Json;
import dev.fanout.lambda.S3TriggerHandler;
import dev.fanout.lambda.support.Pipeline;
import dev.fanout.lambda.support.SfnStub;
import dev.fanout.lambda.support.TestContext;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The S3 upload trigger with the Step Functions stub (a fresh stub state per test). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3TriggerHandlerIT {
    private static final String DECODED_KEY = "incoming/wordcount/moby dick, chäpter 1+2.txt";

    private Pipeline pipeline;
    private S3TriggerHandler handler;

    @BeforeEach
    void start() throws Exception {
        if (pipeline != null) {
            pipeline.close();
        }
        pipeline = new Pipeline();
        handler = new S3TriggerHandler(pipeline.wiring());
    }

    @AfterAll
    void stop() throws Exception {
        pipeline.close();
    }

    private static S3Event uploadEvent() {
        return EventLoader.loadS3Event("events/s3-object-created.json");
    }

    /** The fixture's upload with another key (as S3 encodes it) and ETag; the notification types are immutable. */
    private static S3Event variant(String rawKey, String etag) {
        S3EventNotificationRecord upload = uploadEvent().getRecords().getFirst();
        S3ObjectEntity object = upload.getS3().getObject();
        S3Entity s3 = new S3Entity(upload.getS3().getConfigurationId(), upload.getS3().getBucket(),
                new S3ObjectEntity(rawKey, object.getSizeAsLong(), etag, object.getVersionId(), object.getSequencer()),
                upload.getS3().getS3SchemaVersion());
        return new S3Event(List.of(new S3EventNotificationRecord(upload.getAwsRegion(), upload.getEventName(),
                upload.getEventSource(), upload.getEventTime().toString(), upload.getEventVersion(),
                upload.getRequestParameters(), upload.getResponseElements(), s3, upload.getUserIdentity())));
    }

    private static S3Event eventForKey(String rawKey) {
        return variant(rawKey, uploadEvent().getRecords().getFirst().getS3().getObject().geteTag());
    }

    private List<SfnStub.Call> starts() {
        return pipeline.sfn().calls("StartExecution");
    }

    @Test
    void startsAJobForTheUpload_withTheUrlDecodedKey() throws Exception {
        handler.handleRequest(uploadEvent(), new TestContext());

        assertThat(starts()).hasSize(1);
        JsonNode input = Json.mapper().readTree(starts().getFirst().body().path("input").asText());
        assertThat(input.path("jobType").asText()).isEqualTo("wordcount");
        assertThat(input.path("input").path("bucket").asText()).isEqualTo("fanout-input");
        assertThat(input.path("input").path("key").asText()).isEqualTo(DECODED_KEY);
    }

    @Test
    void startsNoSecondJob_forADuplicateEvent() {
        handler.handleRequest(uploadEvent(), new TestContext());
        handler.handleRequest(uploadEvent(), new TestContext());

        Set<String> names = starts().stream().map(c -> c.body().path("name").asText()).collect(Collectors.toSet());
        assertThat(names).hasSize(1);
        assertThat(pipeline.sfn().executions()).isEqualTo(names);
    }

    @Test
    void startsADifferentJob_forANewVersionOfTheObject() {
        handler.handleRequest(uploadEvent(), new TestContext());
        String rawKey = uploadEvent().getRecords().getFirst().getS3().getObject().getKey();
        handler.handleRequest(variant(rawKey, "0cc175b9c0f1b6a831c399e269772661"), new TestContext());

        assertThat(pipeline.sfn().executions()).hasSize(2);
    }

    @Test
    void ignoresUploadsOutsideIncomingOrOfUnknownJobTypes() {
        handler.handleRequest(eventForKey("elsewhere/book.txt"), new TestContext());
        handler.handleRequest(eventForKey("incoming/no-such-job/book.txt"), new TestContext());
        handler.handleRequest(eventForKey("incoming/wordcount/"), new TestContext());

        assertThat(starts()).isEmpty();
    }
}
