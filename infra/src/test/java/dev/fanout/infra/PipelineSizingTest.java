package dev.fanout.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PipelineSizingTest {

    @Test
    void mapConcurrencyIsWhatTheWorkersHoldInFlight() {
        PipelineSizing sizing = PipelineSizing.defaults().withWorkerMaxConcurrency(300).withWorkerBatchSize(4);

        assertThat(sizing.mapMaxConcurrency()).isEqualTo(1200);
    }

    @Test
    void visibilityTimeoutIsSixTimesTheWorkerTimeout() {
        PipelineSizing sizing = new PipelineSizing(100, 1, 120, 3, 2048, 900);

        assertThat(sizing.visibilityTimeoutSeconds()).isEqualTo(5400);
    }

    @Test
    void defaultsKeepTheHeartbeatWithinTheWorkerTimeout_andOneChunkPerInvocation() {
        PipelineSizing d = PipelineSizing.defaults();

        assertThat(d.workerBatchSize()).isEqualTo(1);
        assertThat(d.mapMaxConcurrency()).isEqualTo(d.workerMaxConcurrency());
        assertThat(d.heartbeatSeconds()).isLessThan(d.workerTimeoutSeconds());
    }

    @Test
    void rejectsValuesLambdaAndSqsWouldRefuse_namingTheSetting() {
        assertThatThrownBy(() -> PipelineSizing.defaults().withWorkerMaxConcurrency(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workerMaxConcurrency");
        assertThatThrownBy(() -> PipelineSizing.defaults().withWorkerMaxConcurrency(1001))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workerMaxConcurrency");
        assertThatThrownBy(() -> PipelineSizing.defaults().withWorkerBatchSize(11))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workerBatchSize");
        assertThatThrownBy(() -> new PipelineSizing(100, 1, 120, 3, 2048, 901))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workerTimeoutSeconds");
    }
}
