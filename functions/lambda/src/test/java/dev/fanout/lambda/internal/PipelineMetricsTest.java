package dev.fanout.lambda.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.lambda.support.RecordingMetrics;
import dev.fanout.lambda.support.RecordingMetrics.Metric;
import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

class PipelineMetricsTest {
    private final RecordingMetrics recording = new RecordingMetrics();
    private final PipelineMetrics metrics = new PipelineMetrics(recording.metrics());

    @Test
    void recordsAProcessedChunkAsCountRecordsAndDuration() {
        metrics.chunkProcessed(42, 1500);

        assertThat(recording.added()).containsExactlyInAnyOrder(
                new Metric("ChunksProcessed", 1, MetricUnit.COUNT),
                new Metric("RecordsProcessed", 42, MetricUnit.COUNT),
                new Metric("ChunkDurationMs", 1500, MetricUnit.MILLISECONDS));
    }

    @Test
    void recordsFailedChunksAndStartedJobs() {
        metrics.chunkFailed();
        metrics.jobStarted();

        assertThat(recording.added()).containsExactly(
                new Metric("ChunksFailed", 1, MetricUnit.COUNT),
                new Metric("JobsStarted", 1, MetricUnit.COUNT));
    }

    @Test
    void flushesOnlyWhatWasRecorded() {
        metrics.flush();
        metrics.jobStarted();
        metrics.flush();
        metrics.flush();

        assertThat(recording.flushes()).isEqualTo(1);
    }
}
