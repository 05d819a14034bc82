package dev.fanout.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DeploymentSettingsTest {

    @Test
    void defaultsAreTheStacksDocumentedOnes() {
        DeploymentSettings d = DeploymentSettings.defaults();

        assertThat(d).isEqualTo(new DeploymentSettings(100, 1, Duration.ofSeconds(120), 3, 2048,
                Duration.ofSeconds(300), 7));
    }

    @Test
    void eachWitherChangesOnlyItsSetting() {
        DeploymentSettings d = DeploymentSettings.defaults();

        assertThat(d.withWorkerMaxConcurrency(250).workerMaxConcurrency()).isEqualTo(250);
        assertThat(d.withWorkerBatchSize(4)).isEqualTo(new DeploymentSettings(100, 4, Duration.ofSeconds(120), 3,
                2048, Duration.ofSeconds(300), 7));
        assertThat(d.withBaseHeartbeat(Duration.ofSeconds(90)).baseHeartbeat()).hasSeconds(90);
        assertThat(d.withMaxReceiveCount(5).maxReceiveCount()).isEqualTo(5);
        assertThat(d.withWorkerMemoryMb(1769).workerMemoryMb()).isEqualTo(1769);
        assertThat(d.withWorkerTimeout(Duration.ofSeconds(60)).workerTimeout()).hasSeconds(60);
        assertThat(d.withWorkDataExpirationDays(3).workDataExpirationDays()).isEqualTo(3);
    }

    @Nested
    class RefusesWhatAwsWouldRefuse_namingTheSetting {
        private final DeploymentSettings d = DeploymentSettings.defaults();

        @Test
        void eventSourceMappingBounds() {
            assertThatThrownBy(() -> d.withWorkerMaxConcurrency(1)).hasMessageContaining("workerMaxConcurrency");
            assertThatThrownBy(() -> d.withWorkerMaxConcurrency(1001)).hasMessageContaining("workerMaxConcurrency");
            assertThatThrownBy(() -> d.withWorkerBatchSize(0)).hasMessageContaining("workerBatchSize");
            assertThatThrownBy(() -> d.withWorkerBatchSize(11)).hasMessageContaining("workerBatchSize");
        }

        @Test
        void lambdaBounds() {
            assertThatThrownBy(() -> d.withWorkerTimeout(Duration.ofSeconds(901))).hasMessageContaining("workerTimeout");
            assertThatThrownBy(() -> d.withWorkerTimeout(Duration.ZERO)).hasMessageContaining("workerTimeout");
            assertThatThrownBy(() -> d.withWorkerTimeout(Duration.ofMillis(1500)))
                    .hasMessageContaining("whole seconds");
            assertThatThrownBy(() -> d.withWorkerMemoryMb(10_241)).hasMessageContaining("workerMemoryMb");
        }

        @Test
        void queueAndHeartbeatBounds() {
            assertThatThrownBy(() -> d.withMaxReceiveCount(0)).hasMessageContaining("maxReceiveCount");
            assertThatThrownBy(() -> d.withMaxReceiveCount(1001)).hasMessageContaining("maxReceiveCount");
            assertThatThrownBy(() -> d.withBaseHeartbeat(Duration.ofSeconds(9))).hasMessageContaining("baseHeartbeat");
            assertThatThrownBy(() -> d.withWorkDataExpirationDays(0)).hasMessageContaining("workDataExpirationDays");
        }

        /**
         * 1,000 workers take 199 s to ramp up, far more than a 10 s base; the deployed heartbeat adds the ramp-up
         * (and a worker beats when it takes a message), so any base within AWS's bounds is fine.
         */
        @Test
        void anyBaseHeartbeatWithinTheBoundsWorksWithTheRampUpOnTop() {
            DeploymentSettings thousand = d.withWorkerMaxConcurrency(1000).withBaseHeartbeat(Duration.ofSeconds(10));

            assertThat(Deployment.of(thousand).heartbeat()).hasSeconds(209);
        }
    }
}
