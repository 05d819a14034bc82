package dev.fanout.core.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.error.MalformedRecordException;
import dev.fanout.core.job.InputRecord;
import dev.fanout.core.testing.TestContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DoubleJobTest {
    private final DoubleJob job = new DoubleJob();

    private List<String> map(int chunk, String... elements) {
        List<InputRecord> records = new ArrayList<>();
        for (String e : elements) {
            records.add(new InputRecord(100 + records.size() * 10L, e));
        }
        return job.map(new TestContext(chunk, Map.of(), null), records.iterator());
    }

    @Test
    void doublesExactlyKeepingIntegersIntegral() {
        assertThat(map(0, "2", "-3", "0", "-0", "123456789012345678901", "1.5", "0.25", "1e3", "-2.5E-7"))
                .containsExactly("4", "-6", "0", "0", "246913578024691357802", "3.0", "0.50", "2E+3", "-5.0E-7");
    }

    @Test
    void aNonNumberIsMalformedWithItsOffsetAndWithoutItsText() {
        assertThatThrownBy(() -> map(3, "1", "\"secret\"", "2"))
                .isInstanceOfSatisfying(MalformedRecordException.class, e -> assertThat(e.byteOffset()).isEqualTo(110))
                .hasMessageContaining("chunk 3").hasMessageContaining("110").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> map(0, "[1]")).isInstanceOf(MalformedRecordException.class);
        assertThatThrownBy(() -> map(0, "null")).isInstanceOf(MalformedRecordException.class);
    }

    @Test
    void partialsCombineInOrderAndRoundTrip() throws IOException {
        Random random = new Random(3);
        List<String> all = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            long n = random.nextLong(-1_000_000, 1_000_000);
            all.add(Long.toString(n));
            expected.add(Long.toString(n * 2));
        }
        List<String> left = job.decode(job.encode(map(0, all.subList(0, 20).toArray(String[]::new))));
        List<String> middle = job.decode(job.encode(map(1, all.subList(20, 21).toArray(String[]::new))));
        List<String> right = job.decode(job.encode(map(2, all.subList(21, 50).toArray(String[]::new))));
        List<String> total = job.combine(left, job.combine(middle, right));
        assertThat(total).isEqualTo(job.combine(job.combine(left, middle), right)).isEqualTo(expected);
        assertThat(job.combine(job.empty(), total)).isEqualTo(total);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        job.writeResult(map(0, "1", "2.5", "-3"), out);
        assertThat(out.toString(UTF_8)).isEqualTo("[2,5.0,-6]");
    }

    @Test
    void emptyResultIsAnEmptyArray() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        job.writeResult(job.empty(), out);
        assertThat(out.toString(UTF_8)).isEqualTo("[]");
    }
}
