package dev.fanout.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.deployment.Deployment;
import dev.fanout.deployment.DeploymentSettings;
import dev.fanout.deployment.EventSourceMappingSpec;
import dev.fanout.tests.support.LocalPipeline;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * A job of 1,000 chunks on 500 workers, through the event source mapping's ramp-up (5 batches, then 300 more a
 * scaled minute): the Map sends 500 messages at once, most wait in the queue while the mapping grows, and their
 * heartbeat clocks run meanwhile. With the deployed HeartbeatSeconds (base + ramp-up) none times out. (That the
 * ramp-up term is what saves them is shown for 1,000 workers in the contract's {@code RampUpTest}.)
 */
class RampUpIT {
    private static final int WORKERS = 500;
    private static final int CHUNKS = 1000;
    /** Each chunk holds its worker for a while (an AWS minute, scaled), so the queue backs up during the ramp-up. */
    private static final long CHUNK_MILLIS = 6_000;

    /**
     * The stack's timing × 0.1: the ramp-up to 500 takes 9.9 s, HeartbeatSeconds 21.9 s (219 s deployed); 500
     * concurrent invocations on a shared 2-core machine need the wider margins of this scale.
     */
    @RegisterExtension
    static final LocalPipeline pipeline = new LocalPipeline(LocalPipeline.options(DeploymentSettings.defaults()
            .withWorkerMaxConcurrency(WORKERS)).timeScale(0.1));

    /** 1,000 chunks of 1 KiB: 32-byte lines. */
    private static byte[] text() {
        StringBuilder text = new StringBuilder();
        while (text.length() < CHUNKS * 1024) {
            text.append(String.format("%031d\n", text.length()));
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void noChunkTimesOutWhileTheWorkersScaleUp() {
        Deployment deployment = pipeline.runtime().deployment();
        assertThat(deployment.mapMaxConcurrency()).isEqualTo(WORKERS);
        assertThat(deployment.eventSourceMapping().rampUpTime()).as("the ramp-up the heartbeat covers")
                .isEqualTo(EventSourceMappingSpec.rampUpTime(WORKERS)).hasSeconds(99);
        byte[] text = text();
        String uri = pipeline.putInput("ramp/lines.txt", text);
        String jobId = pipeline.submit("{\"jobType\":\"slow-linecount\",\"input\":{\"s3Uri\":\"" + uri
                + "\"},\"chunkSizeBytes\":1024,\"options\":{\"millis\":\"" + CHUNK_MILLIS + "\"}}");

        JsonNode view = pipeline.awaitEnd(jobId);

        assertThat(view.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(view.path("chunksTotal").asLong()).isEqualTo(CHUNKS);
        assertThat(pipeline.json(pipeline.read(view.path("resultUri").asText())).path("lines").asLong())
                .isEqualTo(text.length / 32);
        // the mapping grows only while messages wait (as Lambda's does): on a loaded machine the last few steps can
        // find the queue drained by the workers already running, so the peak may stop just short of the maximum
        assertThat(pipeline.runtime().workerPeakConcurrency()).as("the mapping grew to (nearly) its maximum")
                .isBetween(WORKERS * 9 / 10, WORKERS);
        assertThat(timedOutTasks(jobId)).as("heartbeat timeouts").isEmpty();
        assertThat(pipeline.runtime().chunkRuns(jobId).values()).as("one run per chunk").allMatch(n -> n == 1)
                .hasSize(CHUNKS);
    }

    /** The Map children whose wait for the worker timed out at least once (their histories, through the API). */
    private static List<String> timedOutTasks(String jobId) {
        SfnClient sfn = pipeline.runtime().sfn();
        String mapRunArn = sfn.listMapRuns(r -> r.executionArn(pipeline.runtime().executionArn(jobId))).mapRuns()
                .getFirst().mapRunArn();
        List<String> timedOut = new ArrayList<>();
        List<ExecutionListItem> children = new ArrayList<>();
        sfn.listExecutionsPaginator(r -> r.mapRunArn(mapRunArn)).executions().forEach(children::add);
        assertThat(children).hasSize(CHUNKS);
        for (ExecutionListItem child : children) {
            for (HistoryEvent event : sfn.getExecutionHistoryPaginator(r -> r.executionArn(child.executionArn()))
                    .events()) {
                if (event.typeAsString().equals("TaskTimedOut")) {
                    timedOut.add(child.name());
                }
            }
        }
        return timedOut;
    }
}
