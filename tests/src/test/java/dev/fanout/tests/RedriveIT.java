package dev.fanout.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.deployment.DeploymentSettings;
import dev.fanout.local.runtime.chaos.Chaos;
import dev.fanout.local.runtime.chaos.ChaosSpec;
import dev.fanout.local.runtime.chaos.FaultKind;
import dev.fanout.tests.support.LocalPipeline;
import dev.fanout.tests.support.TextCorpus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A failed job redriven through the jobs API: only the chunks that failed run again, the others keep their partials,
 * and the result is the fault-free one. Each delivery gets one receive here (maxReceiveCount 1), so the chunks that
 * chaos mode makes throw on their first attempt fail the job; the attempt after that succeeds.
 */
class RedriveIT {
    private static final String CHAOS = "seed=5,throw=0.25";
    private static final long CHUNK = 8 * 1024;

    @RegisterExtension
    static final LocalPipeline pipeline = new LocalPipeline(LocalPipeline.options(DeploymentSettings.defaults()
            .withMaxReceiveCount(1)).chaos(CHAOS));

    @Test
    void aRedrivenJobRunsOnlyItsFailedChunksAgain_andEndsWithTheFaultFreeResult() {
        byte[] text = TextCorpus.generate(12 * CHUNK - 50, 3);
        int chunks = (int) ((text.length + CHUNK - 1) / CHUNK);
        List<Integer> struck = Chaos.chunksStruck(ChaosSpec.parse(CHAOS), FaultKind.THROW, chunks);
        assertThat(struck).as("the seed makes some chunks fail").isNotEmpty().hasSizeLessThan(chunks);
        String uri = pipeline.putInput("redrive/book.txt", text);
        String jobId = pipeline.submit("{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"" + uri
                + "\"},\"chunkSizeBytes\":" + CHUNK + "}");

        JsonNode view = pipeline.awaitEnd(jobId);
        assertThat(view.path("status").asText()).isEqualTo("FAILED");
        Set<Integer> reported = new TreeSet<>();
        // A failed Map Run aborts the chunks still running: a struck chunk whose first attempt comes in a redrive
        // fails that redrive, so redrive until the job succeeds (once per struck chunk at most).
        for (int round = 0; !"SUCCEEDED".equals(view.path("status").asText()); round++) {
            assertThat(round).as("redrives").isLessThanOrEqualTo(struck.size());
            JsonNode summary = pipeline.json(pipeline.read(view.path("summaryUri").asText()));
            summary.path("failedChunks").forEach(c -> reported.add(c.path("index").asInt()));
            awaitQuietQueue();
            LocalPipeline.Reply redriven = pipeline.post("/jobs/" + jobId + "/redrive", "");
            assertThat(redriven.status()).isEqualTo(202);
            assertThat(redriven.body().path("status").asText()).isEqualTo("RUNNING");
            view = pipeline.awaitEnd(jobId);
        }

        Map<String, Long> counts = read(pipeline.read(view.path("resultUri").asText()));
        assertThat(counts).isEqualTo(TextCorpus.count(text));
        assertThat(reported).as("the failure reports name failed chunks").isNotEmpty().containsAnyElementsOf(struck);
        Map<Integer, Integer> runs = pipeline.runtime().chunkRuns(jobId);
        assertThat(runs).hasSize(chunks);
        runs.forEach((index, n) -> assertThat(n).as("runs of chunk %d", index)
                .isEqualTo(struck.contains(index) ? 2 : 1));
        assertThat(pipeline.post("/jobs/" + jobId + "/redrive", "").status()).as("a succeeded job").isEqualTo(409);
        assertThat(pipeline.post("/jobs/no-such-job/redrive", "").status()).isEqualTo(404);
    }

    /** Every delivery of the failed run is over (its stale messages dropped), so none runs during the redrive. */
    private static void awaitQuietQueue() {
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(() ->
                pipeline.runtime().sqs().getQueueAttributes(r -> r.queueUrl(pipeline.runtime().workQueueUrl())
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                        .attributes().values().stream().allMatch("0"::equals));
    }

    private static Map<String, Long> read(String json) {
        try {
            return LocalPipeline.JSON.readValue(json, new TypeReference<>() { });
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
