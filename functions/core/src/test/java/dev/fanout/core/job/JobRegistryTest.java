package dev.fanout.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.error.InvalidRequestException;
import dev.fanout.core.jobs.DoubleJob;
import dev.fanout.core.jobs.WordCountJob;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobRegistryTest {

    /** Another class that calls itself wordcount. */
    private static final class Impostor implements Job<Long> {
        @Override public String name() { return "wordcount"; }
        @Override public InputFormat inputFormat() { return InputFormat.TEXT_LINES; }
        @Override public Long map(MapContext context, java.util.Iterator<InputRecord> records) { return 0L; }
        @Override public Long combine(Long left, Long right) { return left + right; }
        @Override public Long empty() { return 0L; }
        @Override public byte[] encode(Long partial) { return new byte[0]; }
        @Override public Long decode(byte[] bytes) { return 0L; }
        @Override public void writeResult(Long result, java.io.OutputStream out) { }
    }

    @Test
    void load_findsTheBuiltInJobTypesThroughTheGivenClassLoader() {
        JobRegistry jobs = JobRegistry.load(JobRegistryTest.class.getClassLoader());

        assertThat(jobs.names()).containsExactly("csv-aggregate", "double", "grep", "jsonl-aggregate", "wordcount");
        assertThat(jobs.require("wordcount")).isInstanceOf(WordCountJob.class);
        assertThat(jobs.find("nope")).isEmpty();
    }

    @Test
    void require_listsTheKnownNames_forAnUnknownOne() {
        JobRegistry jobs = JobRegistry.of(List.of(new WordCountJob(), new DoubleJob()));

        assertThatThrownBy(() -> jobs.require("wordcont"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo("jobType");
                    assertThat(e.problem()).isEqualTo("unknown job type 'wordcont'; known: [double, wordcount]");
                });
    }

    @Test
    void of_countsOneClassOnce_butRefusesTwoClassesOfOneName() {
        assertThat(JobRegistry.of(List.of(new WordCountJob(), new WordCountJob())).names())
                .containsExactly("wordcount");

        Job<?> impostor = new Impostor();
        assertThatThrownBy(() -> JobRegistry.of(List.of(new WordCountJob(), impostor)))
                .isInstanceOf(JobLoadingException.class)
                .hasMessageStartingWith("two job types named 'wordcount': dev.fanout.core.jobs.WordCountJob (from ")
                .hasMessageContaining(" and " + impostor.getClass().getName() + " (from ");
    }
}
