package dev.fanout.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalRuntimeOptionsTest {
    @Test
    void theMapConcurrencyCapIsWorkerConcurrencyTimesBatchSize() {
        var options = LocalRuntimeOptions.builder().workerConcurrency(4).workerBatchSize(5).build();
        assertThat(options.maxConcurrency()).isEqualTo(20);
    }

    @Test
    void refusesAVisibilityTimeoutBelowTheWorkerTimeout_asLambdaDoes() {
        assertThatThrownBy(() -> LocalRuntimeOptions.builder()
                .visibilityTimeout(Duration.ofSeconds(10)).workerTimeout(Duration.ofSeconds(30)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("visibility timeout");
    }

    @Test
    void defaultsFollowTheDeployedStack() {
        var options = LocalRuntimeOptions.builder().build();
        assertThat(options.workerBatchSize()).isEqualTo(1);
        assertThat(options.maxReceiveCount()).isEqualTo(3);
        assertThat(options.heartbeatSeconds()).isEqualTo(120);
        assertThat(options.workerMemoryMb()).isEqualTo(2048);
        assertThat(options.dataDir()).isNull();
    }
}
