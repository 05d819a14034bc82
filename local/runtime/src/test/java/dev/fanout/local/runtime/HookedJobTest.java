package dev.fanout.local.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.job.InputFormat;
import dev.fanout.core.job.Job;
import dev.fanout.core.job.MapContext;
import dev.fanout.core.job.MapOnlyJob;
import dev.fanout.core.job.OutputParts;
import dev.fanout.core.job.OutputWriter;
import dev.fanout.core.job.RecordCursor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HookedJobTest {
    /** A map-only job that overrides what MapOnlyJob gives by default. */
    private static final class Lines implements MapOnlyJob {
        @Override
        public String name() {
            return "lines";
        }

        @Override
        public InputFormat inputFormat() {
            return InputFormat.TEXT_LINES;
        }

        @Override
        public void map(MapContext context, RecordCursor records, OutputWriter output) {
            byte[] record = "{}".getBytes(UTF_8);
            output.write(record, 0, record.length);
        }

        @Override
        public String partExtension() {
            return "csv";
        }

        @Override
        public String partContentType() {
            return "text/csv";
        }

        @Override
        public OutputParts empty() {
            return OutputParts.of(new OutputParts.Part("results/j/part-000009.csv", 1, 2));
        }

        @Override
        public void writeResult(OutputParts result, OutputStream out) throws IOException {
            out.write(("parts:" + result.parts().size()).getBytes(UTF_8));
        }

        @Override
        public String resultFileName() {
            return "manifest.txt";
        }

        @Override
        public String resultContentType() {
            return "text/plain";
        }
    }

    private record Context(String jobId, int chunkIndex) implements MapContext {
        @Override
        public Map<String, String> options() {
            return Map.of();
        }

        @Override
        public Optional<String> header() {
            return Optional.empty();
        }

        @Override
        public void recordSkipped(long offset, String reason) {
        }
    }

    @Test
    void aHookedMapOnlyJobIsTheJobItself_butForTheHookBeforeItWritesItsPart() throws IOException {
        List<String> calls = new ArrayList<>();
        Job<OutputParts> hooked = HookedJob.of(new Lines(), (jobId, chunk) -> calls.add(jobId + "/" + chunk));

        assertThat(hooked).isInstanceOf(MapOnlyJob.class);
        MapOnlyJob mapOnly = (MapOnlyJob) hooked;
        assertThat(mapOnly.name()).isEqualTo("lines");
        assertThat(mapOnly.partExtension()).isEqualTo("csv");
        assertThat(mapOnly.partContentType()).isEqualTo("text/csv");
        assertThat(mapOnly.resultFileName()).isEqualTo("manifest.txt");
        assertThat(mapOnly.resultContentType()).isEqualTo("text/plain");
        assertThat(mapOnly.empty().parts()).singleElement().satisfies(p ->
                assertThat(p.key()).isEqualTo("results/j/part-000009.csv"));
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        mapOnly.writeResult(OutputParts.NONE, result);
        assertThat(result.toString(UTF_8)).isEqualTo("parts:0");

        List<String> written = new ArrayList<>();
        mapOnly.map(new Context("job-1", 4), null, OutputWriter.collecting(written));
        assertThat(calls).containsExactly("job-1/4");
        assertThat(written).containsExactly("{}");

        assertThatThrownBy(() -> mapOnly.map(new Context("job-1", 5), (RecordCursor) null))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(calls).as("the partial-returning map of a map-only job is not a chunk run").containsExactly("job-1/4");
    }
}
