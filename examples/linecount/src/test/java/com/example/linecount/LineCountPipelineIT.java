package com.example.linecount;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.local.junit.FanoutLocal;
import dev.fanout.local.junit.JobResult;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The job on the whole pipeline, run locally: split into chunks, mapped by the workers, combined by the reducer. */
class LineCountPipelineIT {

    @RegisterExtension
    static FanoutLocal fanout = FanoutLocal.create().jobs(LineCountJob.class);

    @Test
    void countsTheLinesOfAnInputSplitIntoManyChunks() {
        String text = randomLines(new Random(42), 10_000);
        long expected = text.chars().filter(c -> c == '\n').count() + (text.endsWith("\n") ? 0 : 1);

        JobResult run = fanout.job("linecount").chunkSizeBytes(16 * 1024).run(text);

        assertThat(run.chunks()).isGreaterThan(10);
        assertThat(run.result()).isEqualTo("{\"lines\":" + expected + "}");
    }

    @Test
    void anEmptyInputHasNoLines() {
        assertThat(fanout.run("linecount", "")).isEqualTo("{\"lines\":0}");
    }

    /** Lines of 0 to 80 letters (some empty), the last one without a line feed. */
    private static String randomLines(Random random, int lines) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            int length = random.nextInt(81);
            for (int k = 0; k < length; k++) {
                b.append((char) ('a' + random.nextInt(26)));
            }
            if (i < lines - 1) {
                b.append(random.nextInt(10) == 0 ? "\r\n" : "\n");
            }
        }
        return b.toString();
    }
}
