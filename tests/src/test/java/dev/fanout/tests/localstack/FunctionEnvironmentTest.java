package dev.fanout.tests.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.pipeline.PipelineSettings;
import dev.fanout.deployment.DeployedResources;
import dev.fanout.deployment.Deployment;
import dev.fanout.deployment.DeploymentSettings;
import dev.fanout.deployment.PipelineFunction;
import dev.fanout.deployment.ResourceNames;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FunctionEnvironmentTest {

    private static final String STATE_MACHINE = "arn:aws:states:us-east-1:000000000000:stateMachine:fanout-pipeline";
    private final Deployment deployment = Deployment.of(new DeploymentSettings(4, 3, Duration.ofSeconds(90), 5, 1536,
            Duration.ofSeconds(120), 7));
    private final DeployedResources resources = DeployedResources.named(ResourceNames.LOCAL,
            "http://localhost:4566/000000000000/fanout-work", "http://localhost:4566/000000000000/fanout-work-dlq",
            STATE_MACHINE);

    @ParameterizedTest
    @EnumSource(PipelineFunction.class)
    void isTheContractsEnvironmentPlusTwoLocalStackValues(PipelineFunction function) {
        Map<String, String> env = FunctionEnvironment.of(function, deployment, resources);

        assertThat(env).containsAllEntriesOf(deployment.environment(function, resources))
                .hasSize(deployment.environment(function, resources).size() + 2)
                .containsEntry("S3_FORCE_PATH_STYLE", "true")
                .containsEntry("DEFAULT_CHUNK_SIZE_BYTES", "1024");
    }

    @ParameterizedTest
    @EnumSource(PipelineFunction.class)
    void givesEveryFunctionTheDeploymentsSettings(PipelineFunction function) {
        PipelineSettings read = PipelineSettings.fromEnv(FunctionEnvironment.of(function, deployment, resources));

        assertThat(read.inputBucket()).isEqualTo("fanout-input");
        assertThat(read.workBucket()).isEqualTo("fanout-work");
        assertThat(read.resultsBucket()).isEqualTo("fanout-results");
        assertThat(read.maxConcurrency()).isEqualTo(12);
        assertThat(read.heartbeatSeconds()).isEqualTo(90); // 4 workers: no ramp-up beyond the first 5
        assertThat(read.maxReceiveCount()).isEqualTo(5);
        assertThat(read.memory().workerMb()).isEqualTo(1536);
        assertThat(read.defaultChunkSizeBytes()).isEqualTo(1024);
    }

    @Test
    void leavesEndpointsAndCredentialsToLocalStack() {
        assertThat(FunctionEnvironment.of(PipelineFunction.WORKER, deployment, resources))
                .doesNotContainKeys("AWS_ENDPOINT_URL", "AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void refusesASubmittingFunctionWithoutTheStateMachine() {
        assertThatThrownBy(() -> FunctionEnvironment.of(PipelineFunction.API, deployment,
                resources.withStateMachineArn(null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STATE_MACHINE_ARN");
    }
}
