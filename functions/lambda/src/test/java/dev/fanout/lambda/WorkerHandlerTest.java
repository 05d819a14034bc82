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
import dev.fanout.core.port.WorkQueue;
import dev.fanout.lambda.internal.PipelineMetrics;
import dev.fanout.lambda.support.InMemoryBlobStore;
import dev.fanout.lambda.support.RecordingCallbacks;
import dev.fanout.lambda.support.RecordingMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.CopyOnWriteArrayList;
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
    private final List<String> deadLettered = new CopyOnWriteArrayList<>();
    private final List<String> putBack = new CopyOnWriteArrayList<>();
    private final WorkQueue queue = new WorkQueue() {
        @Override
        public void redeliverAfter(String receiptHandle, Duration delay) {
            putBack.add(receiptHandle);
        }

        @Override
        public void deadLetter(String body, Map<String, String> attributes) {
            deadLettered.add(attributes.get("fanout-chunk-index") + ":" + attributes.get("fanout-error"));
        }
    };
    private final WorkerHandler handler = new WorkerHandler(
            new Worker(new Worker.Ports(blobs, callbacks, queue), JobRegistry.load(), settings,
                    new Worker.Services(Clock.systemUTC(), timer, pool, new SplittableRandom(3))), pool,
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
        message.setReceiptHandle("receipt-" + id);
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
    void reportsOnlyTheMessagesToDeliverAgain_andCountsEachOutcome() {
        Chunk good = chunkOf("a.txt", "one two\nthree\n");
        Chunk gone = new Chunk("job-1", "wordcount", 1, 3, new ObjectLocation("in", "gone.txt"), 0, 5, 5, "x", null,
                Map.of());
        Chunk flakyInput = chunkOf("flaky.txt", "x y\n");
        Chunk flaky = new Chunk("job-1", "wordcount", 2, 3, flakyInput.input(), 0, flakyInput.end(),
                flakyInput.objectSize(), flakyInput.etag(), null, Map.of());
        blobs.failReads(new ObjectLocation("in", "flaky.txt"));

        SQSBatchResponse response = handler.handleRequest(event(
                message("m-good", Json.write(new WorkMessage("t-good", good))),
                message("m-gone", Json.write(new WorkMessage("t-gone", gone))),
                message("m-flaky", Json.write(new WorkMessage("t-flaky", flaky))),
                message("m-garbage", "{not json")), null);

        // the vanished input went to the DLQ at once; the flaky read is put back for a backoff; garbage is SQS's
        assertThat(failedIds(response)).containsExactlyInAnyOrder("m-flaky", "m-garbage");
        assertThat(deadLettered).containsExactly("1:dev.fanout.core.error.InputNotFoundException");
        assertThat(putBack).containsExactly("receipt-m-flaky");
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
