package dev.fanout.tests.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.pipeline.PipelineSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StackSettingsTest {

    @Test
    void capsTheMapConcurrencyAtWhatTheWorkersHoldInFlight() {
        StackSettings settings = new StackSettings(3, 120, 1024, 5, 4, Duration.ofDays(14));

        assertThat(settings.maxConcurrency()).isEqualTo(20);
    }

    @Test
    void keepsMessagesInvisibleForSixWorkerTimeouts() {
        assertThat(StackSettings.forLocalStack().visibilityTimeout(Duration.ofMinutes(5)))
                .isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void redrivesAfterAsManyReceivesAsTheWorkerCounts() {
        assertThat(StackSettings.forLocalStack().maxReceiveCount()).isEqualTo(PipelineSettings.DEFAULT_MAX_RECEIVE_COUNT);
        assertThat(StackSettings.forLocalStack().heartbeatSeconds()).isEqualTo(PipelineSettings.DEFAULT_HEARTBEAT_SECONDS);
    }

    @Test
    void rejectsAnEventSourceConcurrencyBelowTheAwsMinimumOfTwo() {
        assertThatThrownBy(() -> new StackSettings(3, 120, 1024, 1, 1, Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maximumConcurrency");
    }

    @Test
    void rejectsARetentionSqsCannotKeep() {
        assertThatThrownBy(() -> new StackSettings(3, 120, 1024, 1, 2, Duration.ofDays(15)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deadLetterRetention");
    }
}
