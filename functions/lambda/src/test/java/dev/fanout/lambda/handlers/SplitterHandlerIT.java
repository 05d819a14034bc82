package dev.fanout.lambda.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.error.InputNotFoundException;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.Chunk;
import dev.fanout.core.model.JobRequest;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.model.SplitPlan;
import dev.fanout.core.pipeline.Keys;
import dev.fanout.lambda.SplitterHandler;
import dev.fanout.lambda.support.Pipeline;
import dev.fanout.lambda.support.TestContext;
import dev.fanout.lambda.support.TestEnv;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The splitter function against s3proxy: it plans from the object's size, never from its bytes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SplitterHandlerIT {
    private static final long FIVE_GIB = 5L << 30;
    private static final long CHUNK_SIZE = 64L << 20;

    private Pipeline pipeline;
    private SplitterHandler handler;

    @BeforeAll
    void start() throws Exception {
        pipeline = new Pipeline();
        handler = new SplitterHandler(pipeline.wiring());
    }

    @AfterAll
    void stop() throws Exception {
        pipeline.close();
    }

    private SplitPlan split(JobRequest request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.write(request).getBytes(StandardCharsets.UTF_8)), out,
                new TestContext());
        return Json.read(out.toString(StandardCharsets.UTF_8), SplitPlan.class);
    }

    private static JobRequest wordcount(String jobId, ObjectLocation input, Long chunkSizeBytes) {
        return new JobRequest(jobId, "wordcount", input, chunkSizeBytes, null, null, 0, Map.of());
    }

    @Test
    void plansAMultiGibObject_whileReadingAlmostNoneOfIt() throws Exception {
        String key = "big/five-gib.txt";
        pipeline.store().putSynthetic(TestEnv.INPUT_BUCKET, key, FIVE_GIB);
        String jobId = "job-" + UUID.randomUUID();

        SplitPlan plan = split(wordcount(jobId, new ObjectLocation(TestEnv.INPUT_BUCKET, key), CHUNK_SIZE));

        long served = pipeline.store().bytesServed(TestEnv.INPUT_BUCKET, key);
        System.out.printf("split a %,d-byte object into %d chunks; input bytes served: %d%n", FIVE_GIB,
                plan.chunks(), served);
        assertThat(served).as("input bytes served while planning").isLessThan(4096);
        assertThat(plan.chunks()).isEqualTo((int) (FIVE_GIB / CHUNK_SIZE));
        assertThat(plan.bytes()).isEqualTo(FIVE_GIB);
        assertThat(plan.manifest()).isEqualTo(new ObjectLocation(TestEnv.WORK_BUCKET, Keys.manifest(jobId)));

        Chunk[] manifest = Json.read(pipeline.read(plan.manifest()), Chunk[].class);
        assertThat(manifest).hasSize(plan.chunks());
        long expectedStart = 0;
        for (int i = 0; i < manifest.length; i++) {
            assertThat(manifest[i].index()).isEqualTo(i);
            assertThat(manifest[i].total()).isEqualTo(manifest.length);
            assertThat(manifest[i].start()).isEqualTo(expectedStart);
            expectedStart = manifest[i].end();
        }
        assertThat(expectedStart).as("the chunks cover the whole object").isEqualTo(FIVE_GIB);
    }

    @Test
    void throwsInputNotFound_namingTheUri_whenTheInputIsMissing() {
        ObjectLocation missing = new ObjectLocation(TestEnv.INPUT_BUCKET, "big/missing.txt");

        assertThatThrownBy(() -> split(wordcount("job-" + UUID.randomUUID(), missing, null)))
                .isInstanceOf(InputNotFoundException.class)
                .hasMessageContaining(missing.toUri());
    }
}
