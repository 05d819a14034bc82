package dev.fanout.local.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.core.job.InputFormat;
import dev.fanout.core.job.InputRecord;
import dev.fanout.core.job.Job;
import dev.fanout.core.job.MapContext;
import dev.fanout.core.jobs.WordCountJob;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class FanoutLocalIT {

    @RegisterExtension
    static FanoutLocal fanout = FanoutLocal.create().jobs(WordCountJob.class);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code lines} lines: every one holds "alpha", every third also "beta"; about 18 bytes a line. */
    private static String text(int lines) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            b.append("alpha ").append(i % 3 == 0 ? "beta " : "").append("line\n");
        }
        return b.toString();
    }

    @Test
    void runsAJobOverManyChunksAndReturnsItsResult() throws IOException {
        int lines = 3_000;
        JobResult run = fanout.job("wordcount").chunkSizeBytes(4096).run(text(lines));

        JsonNode counts = JSON.readTree(run.result());
        assertThat(counts.get("alpha").asLong()).isEqualTo(lines);
        assertThat(counts.get("line").asLong()).isEqualTo(lines);
        assertThat(counts.get("beta").asLong()).isEqualTo(1_000);
        assertThat(counts.size()).isEqualTo(3);
        assertThat(run.chunks()).isGreaterThan(1);
        assertThat(JSON.readTree(run.summary()).path("jobId").asText()).isEqualTo(run.jobId());
    }

    @Test
    void runsAJobOnAFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("words.txt"), "b a\nA c\n");

        assertThat(JSON.readTree(fanout.run("wordcount", file)))
                .isEqualTo(JSON.readTree("{\"a\":2,\"b\":1,\"c\":1}"));
    }

    @Test
    void aFailedRequestNamesTheProblem() {
        assertThatThrownBy(() -> fanout.run("no-such-job", "x\n"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("400")
                .hasMessageContaining("no-such-job");
    }

    @Nested
    class InANestedClass {
        @Test
        void theOuterClassesPipelineRuns() {
            assertThat(fanout.run("wordcount", "x y x\n")).isEqualTo("{\"x\":2,\"y\":1}");
        }
    }

    @Test
    void aJobTypeMissingFromTheServiceFileStopsTheStartWithWhatToDo() {
        FanoutLocal unregistered = FanoutLocal.create().jobs(Unregistered.class);

        assertThatThrownBy(() -> unregistered.beforeAll(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Unregistered.class.getName())
                .hasMessageContaining("META-INF/services/dev.fanout.core.job.Job");
    }

    @Test
    void theRuntimeIsThereOnlyWhileTheClassRuns() {
        assertThat(fanout.runtime().inputBucket()).isNotBlank();
        assertThatThrownBy(() -> FanoutLocal.create().run("wordcount", "x\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("@RegisterExtension");
    }

    /** A job type that no service file lists. */
    public static final class Unregistered implements Job<Long> {
        @Override
        public String name() {
            return "unregistered";
        }

        @Override
        public InputFormat inputFormat() {
            return InputFormat.TEXT_LINES;
        }

        @Override
        public Long map(MapContext context, Iterator<InputRecord> records) {
            return 0L;
        }

        @Override
        public Long combine(Long left, Long right) {
            return left + right;
        }

        @Override
        public Long empty() {
            return 0L;
        }

        @Override
        public byte[] encode(Long partial) {
            return partial.toString().getBytes();
        }

        @Override
        public Long decode(byte[] bytes) {
            return Long.parseLong(new String(bytes));
        }

        @Override
        public void writeResult(Long result, OutputStream out) throws IOException {
            out.write(result.toString().getBytes());
        }
    }
}
