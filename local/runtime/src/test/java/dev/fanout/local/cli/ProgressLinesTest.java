package dev.fanout.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressLinesTest {
    @Test
    void aLineShowsChunksBytesRateAndEta() {
        var lines = new Progress.Lines(100L << 20, new PrintWriter(new StringWriter()), Duration.ofSeconds(2));
        // a quarter done after 5 s: 25 MiB, 5 MiB/s, 15 s to go
        assertThat(lines.line(25, 100, 5.0))
                .isEqualTo("progress: 25/100 chunks, 25.0 MiB of 100.0 MiB, 5.0 MiB/s, ETA 15 s");
    }

    @Test
    void noEtaOnceDone() {
        var lines = new Progress.Lines(1L << 20, new PrintWriter(new StringWriter()), Duration.ofSeconds(2));
        assertThat(lines.line(4, 4, 2.0)).isEqualTo("progress: 4/4 chunks, 1.0 MiB of 1.0 MiB, 512.0 KiB/s");
    }
}
