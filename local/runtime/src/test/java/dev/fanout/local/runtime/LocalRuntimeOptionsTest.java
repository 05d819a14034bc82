package dev.fanout.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.deployment.Deployment;
import dev.fanout.deployment.DeploymentSettings;
import dev.fanout.deployment.PipelineFunction;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalRuntimeOptionsTest {
    @Test
    void theStacksSettingsByDefault_atATenthOfItsTiming() {
        var options = LocalRuntimeOptions.builder().build();

        assertThat(options.settings()).isEqualTo(DeploymentSettings.defaults());
        assertThat(options.timeScale()).isEqualTo(0.1);
        assertThat(options.deployment()).isEqualTo(Deployment.scaled(DeploymentSettings.defaults(), 0.1));
        assertThat(options.deployment().eventSourceMapping().maximumConcurrency()).as("the stack's, not the cores'")
                .isEqualTo(100);
        assertThat(options.dataDir()).isNull();
        assertThat(options.queuePollWait()).as("Lambda's pollers' long-poll wait").hasSeconds(20);
    }

    @Test
    void whatTheStackDerivesIsDerivedTheSameWay_thenScaled() {
        var options = LocalRuntimeOptions.builder().timeScale(0.5)
                .settings(DeploymentSettings.defaults().withWorkerBatchSize(5).withWorkerTimeout(Duration.ofSeconds(40))
                        .withWorkerMaxConcurrency(4))
                .build();

        assertThat(options.deployment().mapMaxConcurrency()).isEqualTo(20);
        assertThat(options.deployment().function(PipelineFunction.WORKER).timeout()).hasSeconds(20);
        assertThat(options.deployment().workQueue().visibilityTimeout()).hasSeconds(120);
        assertThat(options.deployment().heartbeat()).as("the engine scales it").hasSeconds(120);
        assertThat(options.deployment().workerHeartbeatInterval()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void noScaledFunctionTimeoutGoesBelowTenSeconds_orTheDeployedOneIfShorter() {
        var options = LocalRuntimeOptions.builder().timeScale(0.05)
                .settings(DeploymentSettings.defaults().withWorkerTimeout(Duration.ofSeconds(6))).build();

        assertThat(options.deployment().function(PipelineFunction.WORKER).timeout()).hasSeconds(6);
        assertThat(options.deployment().function(PipelineFunction.SPLITTER).timeout()).hasSeconds(45);
        assertThat(options.deployment().function(PipelineFunction.API).timeout()).hasSeconds(10);
        assertThat(options.deployment().workQueue().visibilityTimeout()).hasSeconds(36);
    }

    @Test
    void refusesATimeScaleOutsideTheContractsRange() {
        assertThatThrownBy(() -> LocalRuntimeOptions.builder().timeScale(0.001).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time scale");
        assertThatThrownBy(() -> LocalRuntimeOptions.builder().timeScale(2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time scale");
    }
}
