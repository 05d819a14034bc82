package dev.fanout.tests.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.job.Job;
import dev.fanout.core.job.JobRegistry;
import dev.fanout.core.job.MapContext;
import dev.fanout.core.job.InputRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WordCounterTest {

    @Test
    void countsRunsOfLettersAndDigits_lowerCased() {
        assertThat(WordCounter.count("To be, or not to BE.\nfan-out v2 Straße 日本!"))
                .isEqualTo(Map.of("to", 2L, "be", 2L, "or", 1L, "not", 1L, "fan", 1L, "out", 1L, "v2", 1L,
                        "straße", 1L, "日本", 1L));
    }

    @Test
    void countsNothingInTextWithoutWords() {
        assertThat(WordCounter.count(" ,.\n-- !\n")).isEmpty();
    }

    @Test
    void generatesTheSameSampleForTheSameSeed_andADifferentOneForAnother() {
        assertThat(SampleText.generate(7, 2048)).isEqualTo(SampleText.generate(7, 2048))
                .isNotEqualTo(SampleText.generate(8, 2048));
    }

    @Test
    void generatesNewlineTerminatedLinesWithMixedCaseAndMultiByteWords() {
        String text = SampleText.generate(3, 4096);

        assertThat(text.length()).isGreaterThanOrEqualTo(4096);
        assertThat(text).endsWith("\n").contains("日本").containsPattern("[A-Z]");
        assertThat(text.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(text.length());
    }

    /** Guards the end-to-end expectation: the sample's count by the documented rule is what the job computes. */
    @Test
    void agreesWithTheWordcountJobOnTheSampleText() throws Exception {
        String text = SampleText.generate(11, 4096);

        assertThat(WordCountResult.parse(runInOneChunk(JobRegistry.load().require("wordcount"), text)))
                .isEqualTo(WordCounter.count(text));
    }

    @Test
    void readsAResultObjectOfWordCounts() {
        assertThat(WordCountResult.parse("{\"fan\":3,\"out\":1}")).isEqualTo(Map.of("fan", 3L, "out", 1L));
    }

    @Test
    void rejectsAResultThatIsNotAnObjectOfCounts() {
        assertThatThrownBy(() -> WordCountResult.parse("[1,2]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WordCountResult.parse("{\"fan\":\"many\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fan");
    }

    private static <P> String runInOneChunk(Job<P> job, String text) throws Exception {
        Iterator<InputRecord> lines = text.lines().map(line -> new InputRecord(0, line)).iterator();
        P partial = job.map(new WholeInput(), lines);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        job.writeResult(job.combine(job.empty(), job.decode(job.encode(partial))), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private record WholeInput() implements MapContext {
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
            throw new AssertionError("wordcount skips nothing, but skipped at " + offset + ": " + reason);
        }
    }
}
