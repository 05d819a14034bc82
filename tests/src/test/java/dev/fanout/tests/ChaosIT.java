package dev.fanout.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.deployment.DeploymentSettings;
import dev.fanout.local.runtime.chaos.Chaos;
import dev.fanout.local.runtime.chaos.ChaosSpec;
import dev.fanout.local.runtime.chaos.FaultKind;
import dev.fanout.tests.support.LocalPipeline;
import dev.fanout.tests.support.TextCorpus;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each fault chaos mode injects, alone and all together, under the stack's own settings and timing (scaled): the job
 * succeeds with a result byte for byte the fault-free run's, every injected fault is absorbed (retried by the SDK or
 * the pipeline, or dropped as a duplicate), and the chunk faults strike exactly the chunks the seed names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChaosIT {
    private static final long CHUNK = 16 * 1024;
    private static final byte[] TEXT = TextCorpus.generate(20 * CHUNK - 100, 42);
    private static final int CHUNKS = (int) ((TEXT.length + CHUNK - 1) / CHUNK);
    private static final String REQUEST = "{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"%s\"},\"chunkSizeBytes\":"
            + CHUNK + "}";

    private String faultFree;

    /** One job through a fresh runtime with {@code chaos}; returns the result's text and the summary. */
    private record Run(String result, JsonNode summary) {
    }

    private static Run run(String chaos) throws Exception {
        try (LocalPipeline pipeline = new LocalPipeline(LocalPipeline.options(DeploymentSettings.defaults())
                .chaos(chaos)).start()) {
            String uri = pipeline.putInput("chaos/book.txt", TEXT);
            String jobId = pipeline.submit(REQUEST.formatted(uri));
            String result = pipeline.awaitResult(jobId);
            JsonNode view = pipeline.awaitEnd(jobId);
            return new Run(result, pipeline.json(pipeline.read(view.path("summaryUri").asText())));
        }
    }

    @BeforeAll
    void runWithoutFaults() throws Exception {
        Run run = run("");
        faultFree = run.result();
        assertThat(run.summary().has("faults")).as("no chaos, no faults").isFalse();
        Map<String, Long> counts = LocalPipeline.JSON.readValue(faultFree,
                new com.fasterxml.jackson.core.type.TypeReference<>() { });
        assertThat(counts).isEqualTo(TextCorpus.count(TEXT));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "seed=11,throw=0.3",
            "seed=11,hang=0.15",
            "seed=11,crash-after-write=0.15",
            "seed=11,duplicate=0.3",
            "seed=11,s3-errors=0.05",
            "seed=11,callback-throttle=0.2",
            "seed=11,throw=0.3,hang=0.15,crash-after-write=0.15,duplicate=0.3,s3-errors=0.05,callback-throttle=0.2"})
    void theResultIsTheFaultFreeOnes_andEveryFaultIsAbsorbed(String chaos) throws Exception {
        ChaosSpec spec = ChaosSpec.parse(chaos);

        Run run = run(chaos);

        assertThat(run.result().getBytes(StandardCharsets.UTF_8)).isEqualTo(faultFree.getBytes(StandardCharsets.UTF_8));
        JsonNode summary = run.summary();
        assertThat(summary.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(summary.path("partial").asBoolean()).isFalse();
        JsonNode faults = summary.path("faults");
        assertThat(faults.size()).isEqualTo(spec.probabilities().size());
        for (FaultKind kind : spec.probabilities().keySet()) {
            JsonNode counts = faults.path(kind.key());
            int injected = counts.path("injected").asInt();
            assertThat(injected).as(kind.key() + " injected").isPositive();
            assertThat(counts.path("failed").asInt()).as(kind.key() + " not absorbed").isZero();
            assertThat(counts.path("tolerated").asInt()).as(kind.key() + " tolerated").isZero();
            assertThat(counts.path("retried").asInt() + counts.path("dropped").asInt()).as(kind.key())
                    .isEqualTo(injected);
            if (kind != FaultKind.S3_ERRORS && kind != FaultKind.CALLBACK_THROTTLE) {
                // the same seed strikes the same chunks, in every run
                assertThat(injected).as(kind.key() + " strikes the seed's chunks")
                        .isEqualTo(Chaos.chunksStruck(spec, kind, CHUNKS).size());
            }
        }
    }
}
