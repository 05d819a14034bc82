package com.example.linecount;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.core.job.InputRecord;
import dev.fanout.core.job.MapContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The job on its own: no pipeline, no network. */
class LineCountJobTest {

    private final LineCountJob job = new LineCountJob();

    private static final MapContext CHUNK = new MapContext() {
        @Override
        public int chunkIndex() {
            return 0;
        }

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
    };

    private static List<InputRecord> lines(String... texts) {
        long offset = 0;
        List<InputRecord> records = new java.util.ArrayList<>();
        for (String text : texts) {
            records.add(new InputRecord(offset, text, "input.txt"));
            offset += text.getBytes(UTF_8).length + 1;
        }
        return records;
    }

    @Test
    void countsEveryLineOfAChunkEmptyOnesToo() {
        assertThat(job.map(CHUNK, lines("first", "", "third").iterator())).isEqualTo(3L);
    }

    @Test
    void aChunkWithoutLinesCountsNothing() {
        assertThat(job.map(CHUNK, lines().iterator())).isZero();
    }

    @Test
    void combinesPartialsBySumWithZeroAsIdentity() {
        assertThat(job.combine(job.combine(2L, 5L), job.empty())).isEqualTo(7L);
        assertThat(job.combine(job.empty(), 4L)).isEqualTo(4L);
    }

    @Test
    void aPartialSurvivesItsEncoding() {
        assertThat(job.decode(job.encode(9_876_543_210L))).isEqualTo(9_876_543_210L);
    }

    @Test
    void writesTheCountAsJson() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        job.writeResult(42L, out);

        assertThat(out.toString(UTF_8)).isEqualTo("{\"lines\":42}");
    }
}
