package dev.fanout.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code time:} line of {@code fanout run} and the default chunk size it asks for. */
class TimingsTest {
    @Test
    void namesEveryPhaseInOrderWithTheSummarysPartsOfTheJob() {
        Map<String, Long> phases = new LinkedHashMap<>();
        phases.put("input", 5L);
        phases.put("job", 3710L);
        phases.put("output", 12L);
        phases.put("split", 40L);
        phases.put("map", 3200L);
        phases.put("reduce", 410L);

        assertThat(Timings.line(450, 1650, phases, 80, 5930)).isEqualTo("start 2.10 s (JVM 0.45 s), input 0.01 s, "
                + "job 3.71 s (split 0.04 s, map 3.20 s, reduce 0.41 s), output 0.01 s, stop 0.08 s; total 5.93 s");
    }

    @Test
    void leavesOutWhatWasNotReached() {
        assertThat(Timings.line(-1, 1200, Map.of("input", 30L, "job", 900L), 100, -1))
                .isEqualTo("start 1.20 s, input 0.03 s, job 0.90 s, stop 0.10 s");
    }

    @Test
    void defaultChunkSizeIsAboutTwoChunksPerWorkerWithin8And64MiB() {
        long mib = 1L << 20;
        assertThat(RunCommand.defaultChunkSize(256 * mib, 2)).isEqualTo(64 * mib);
        assertThat(RunCommand.defaultChunkSize(129 * mib, 2)).isEqualTo(33 * mib);
        assertThat(RunCommand.defaultChunkSize(100_000, 2)).isEqualTo(8 * mib);
        assertThat(RunCommand.defaultChunkSize(32 * mib, 2)).isEqualTo(8 * mib);
        assertThat(RunCommand.defaultChunkSize(64 * mib, 2)).isEqualTo(16 * mib);
        assertThat(RunCommand.defaultChunkSize(10_240 * mib, 2)).isEqualTo(64 * mib);
        assertThat(RunCommand.defaultChunkSize(256 * mib, 8)).isEqualTo(16 * mib);
    }

    @Test
    void aLastChunkOfLessThanAnEighthIsSpreadOverTheOthers() {
        long mib = 1L << 20;
        // 268,530,142 bytes: 4 chunks of 67,132,536 bytes, not 4 of 64 MiB and one of 94,686 bytes
        assertThat(RunCommand.defaultChunkSize(268_530_142L, 2)).isEqualTo(67_132_536L);
        // 8.5 MiB: one chunk, not 8 MiB and 0.5 MiB
        assertThat(RunCommand.defaultChunkSize(8 * mib + mib / 2, 2)).isEqualTo(8_912_896L);
        // a last chunk of an eighth or more stays: 9 MiB is 8 MiB and 1 MiB
        assertThat(RunCommand.defaultChunkSize(9 * mib, 2)).isEqualTo(8 * mib);
        // 10 GiB and 1 MiB: 160 chunks of 67,115,418 bytes, not 160 of 64 MiB and one of 1 MiB
        assertThat(RunCommand.defaultChunkSize(10_241 * mib, 2)).isEqualTo(67_115_418L);
    }
}
