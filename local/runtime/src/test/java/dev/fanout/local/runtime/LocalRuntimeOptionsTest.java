package dev.fanout.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.deployment.Deployment;
import dev.fanout.deployment.DeploymentSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalRuntimeOptionsTest {
    @Test
    void theStacksSettingsByDefault_withTheLocalWorkerConcurrency() {
        var options = LocalRuntimeOptions.builder().workerConcurrency(4).build();

        assertThat(options.settings()).isEqualTo(DeploymentSettings.defaults());
        assertThat(options.deployment()).isEqualTo(Deployment.of(DeploymentSettings.defaults()
                .withWorkerMaxConcurrency(4)));
        assertThat(options.dataDir()).isNull();
    }

    @Test
    void theWorkerConcurrencyDefaultsToTheProcessors_atLeastTwo() {
        int expected = Math.max(2, Runtime.getRuntime().availableProcessors());

        assertThat(LocalRuntimeOptions.builder().build().workerConcurrency()).isEqualTo(expected);
    }

    @Test
    void whatTheStackDerivesIsDerivedTheSameWay() {
        var options = LocalRuntimeOptions.builder().workerConcurrency(4)
                .settings(DeploymentSettings.defaults().withWorkerBatchSize(5).withWorkerTimeout(Duration.ofSeconds(10)))
                .build();

        assertThat(options.deployment().mapMaxConcurrency()).isEqualTo(20);
        assertThat(options.deployment().workQueue().visibilityTimeout()).hasSeconds(60);
        assertThat(options.deployment().heartbeat()).hasSeconds(120);
    }

    @Test
    void refusesAWorkerConcurrencyLambdaWouldRefuse() {
        assertThatThrownBy(() -> LocalRuntimeOptions.builder().workerConcurrency(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MaximumConcurrency");
    }
}
