package dev.fanout.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventSourceMappingSpecTest {

    /** From 5 batches, 300 more a minute (5 a second), rounded up: by hand. */
    @Test
    void rampsUpFromFiveBatchesByThreeHundredAMinute() {
        assertThat(EventSourceMappingSpec.rampUpTime(2)).isZero();
        assertThat(EventSourceMappingSpec.rampUpTime(5)).isZero();
        assertThat(EventSourceMappingSpec.rampUpTime(6)).hasSeconds(1);      // 1 more: 0.2 s, rounded up
        assertThat(EventSourceMappingSpec.rampUpTime(100)).hasSeconds(19);   // 95 more
        assertThat(EventSourceMappingSpec.rampUpTime(305)).hasSeconds(60);   // 300 more: one minute
        assertThat(EventSourceMappingSpec.rampUpTime(500)).hasSeconds(99);   // 495 more
        assertThat(EventSourceMappingSpec.rampUpTime(1000)).hasSeconds(199); // 995 more
    }

    @Test
    void alwaysReportsBatchItemFailures() {
        assertThat(new EventSourceMappingSpec(10, 1000).reportBatchItemFailures()).isTrue();
    }

    @Test
    void refusesWhatLambdaRefuses() {
        assertThatThrownBy(() -> new EventSourceMappingSpec(1, 1)).hasMessageContaining("MaximumConcurrency");
        assertThatThrownBy(() -> new EventSourceMappingSpec(11, 2)).hasMessageContaining("workerBatchSize");
    }
}
