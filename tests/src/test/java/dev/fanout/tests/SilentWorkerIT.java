package dev.fanout.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.deployment.DeploymentSettings;
import dev.fanout.tests.support.LocalPipeline;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker that dies silently on every attempt of a chunk (as one out of memory does: no callback, no failure record)
 * is noticed by the heartbeat and retried; within {@code toleratedFailurePercentage} the job still succeeds, as
 * partial, naming the chunk and its heartbeat timeouts.
 */
class SilentWorkerIT {
    /** The stack's settings with a 30 s base heartbeat (49 s deployed, 2.45 s scaled), so three timeouts are quick. */
    @RegisterExtension
    static final LocalPipeline pipeline = new LocalPipeline(DeploymentSettings.defaults()
            .withBaseHeartbeat(Duration.ofSeconds(30)));

    /** 11 chunks of 1 KiB, 32-byte lines: 32 lines start in each chunk. */
    private static byte[] text() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 11 * 1024; i++) {
            text.append(String.format("line %026d\n", i)); // 31 characters and a line feed
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aChunkWhoseWorkerAlwaysDiesFailsWithinTheTolerance_andTheJobSucceedsAsPartial() {
        byte[] text = text();
        String uri = pipeline.putInput("silent/lines.txt", text);
        String jobId = pipeline.submit("{\"jobType\":\"dying-linecount\",\"input\":{\"s3Uri\":\"" + uri
                + "\"},\"chunkSizeBytes\":1024,\"toleratedFailurePercentage\":10,\"options\":{\"die-on\":\"3\"}}");

        JsonNode view = pipeline.awaitEnd(jobId);

        assertThat(view.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(view.path("partial").asBoolean()).isTrue();
        long lines = text.length / 32;
        assertThat(pipeline.json(pipeline.read(view.path("resultUri").asText())).path("lines").asLong())
                .as("every line but the 32 of chunk 3").isEqualTo(lines - 32);
        JsonNode summary = pipeline.json(pipeline.read(view.path("summaryUri").asText()));
        assertThat(summary.path("partial").asBoolean()).isTrue();
        assertThat(summary.path("chunks").path("failed").asInt()).isEqualTo(1);
        assertThat(summary.path("failedChunks")).singleElement().satisfies(c -> {
            assertThat(c.path("index").asInt()).isEqualTo(3);
            assertThat(c.path("error").asText()).isEqualTo("States.HeartbeatTimeout");
        });
        String key = "results/" + jobId + "/result.json";
        assertThat(pipeline.runtime().s3().headObject(r -> r.bucket(pipeline.runtime().resultsBucket()).key(key))
                .metadata()).containsEntry("partial", "true").containsEntry("failed-chunks", "1");
        assertThat(pipeline.runtime().chunkRuns(jobId).get(3)).as("the first try and the Map's two retries")
                .isEqualTo(3);
    }
}
