package dev.fanout.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.fanout.core.job.JobRegistry;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.Chunk;
import dev.fanout.core.model.ObjectInfo;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.pipeline.PipelineSettings;
import dev.fanout.core.pipeline.WorkMessage;
import dev.fanout.core.pipeline.Worker;
import dev.fanout.lambda.internal.PipelineMetrics;
import dev.fanout.lambda.support.InMemoryBlobStore;
import dev.fanout.lambda.support.RecordingCallbacks;
import dev.fanout.lambda.support.RecordingMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The worker handler over in-memory ports: batch answers and metrics, no network. */
class WorkerHandlerTest {
    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final RecordingCallbacks callbacks = new RecordingCallbacks();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final PipelineSettings settings = PipelineSettings.fromEnv(Map.of("INPUT_BUCKET", "in",
            "WORK_BUCKET", "work", "RESULTS_BUCKET", "results", "MAX_RECEIVE_COUNT", "3"));
    private final WorkerHandler handler = new WorkerHandler(
            new Worker(blobs, callbacks, JobRegistry.load(), settings, Clock.systemUTC(), timer), pool,
            new PipelineMetrics(metrics.metrics()));

    @AfterEach
    void stop() {
        timer.shutdownNow();
        pool.shutdownNow();
    }

    private Chunk chunkOf(String key, String text) {
        ObjectLocation location = new ObjectLocation("in", key);
        blobs.put(location, text.getBytes(StandardCharsets.UTF_8), "text/plain", Map.of());
        ObjectInfo info = blobs.head(location).orElseThrow();
        return new Chunk("job-1", "wordcount", 0, 1, location, 0, info.size(), info.size(), info.etag(), null, Map.of());
    }

    private static SQSEvent.SQSMessage message(String id, String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(id);
        message.setBody(body);
        message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        return message;
    }

    private static SQSEvent event(SQSEvent.SQSMessage... messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(messages));
        return event;
    }

    private static List<String> failedIds(SQSBatchResponse response) {
        List<String> ids = new ArrayList<>();
        response.getBatchItemFailures().forEach(f -> ids.add(f.getItemIdentifier()));
        return ids;
    }

    @Test
    void reportsOnlyTheFailedMessages_andCountsEachOutcome() {
        Chunk good = chunkOf("a.txt", "one two\nthree\n");
        Chunk gone = new Chunk("job-1", "wordcount", 0, 1, new ObjectLocation("in", "gone.txt"), 0, 5, 5, "x", null,
                Map.of());

        SQSBatchResponse response = handler.handleRequest(event(
                message("m-good", Json.write(new WorkMessage("t-good", good))),
                message("m-gone", Json.write(new WorkMessage("t-gone", gone))),
                message("m-garbage", "{not json")), null);

        assertThat(failedIds(response)).containsExactlyInAnyOrder("m-gone", "m-garbage");
        assertThat(callbacks.of("success")).extracting(RecordingCallbacks.Callback::token).containsExactly("t-good");
        assertThat(callbacks.of("failure")).extracting(RecordingCallbacks.Callback::token).containsExactly("t-gone");
        assertThat(metrics.named("ChunksProcessed")).hasSize(1);
        assertThat(metrics.named("RecordsProcessed")).singleElement()
                .satisfies(m -> assertThat(m.value()).isEqualTo(2));
        assertThat(metrics.named("ChunksFailed")).hasSize(1);
        assertThat(metrics.flushes()).isEqualTo(1);
    }

    @Test
    void deletesEveryMessageOfASuccessfulBatch() {
        Chunk first = chunkOf("b.txt", "x\n");
        Chunk second = chunkOf("c.txt", "y\n");

        SQSBatchResponse response = handler.handleRequest(event(
                message("m-1", Json.write(new WorkMessage("t-1", first))),
                message("m-2", Json.write(new WorkMessage("t-2", second)))), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(callbacks.of("success")).hasSize(2);
    }
}
