package dev.fanout.tests.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.config.EnvVar;
import dev.fanout.core.pipeline.PipelineSettings;
import dev.fanout.infra.PipelineFunction;
import dev.fanout.infra.PipelineSizing;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FunctionEnvironmentTest {

    private static final String STATE_MACHINE = "arn:aws:states:us-east-1:000000000000:stateMachine:fanout-pipeline";
    private final PipelineSizing sizing = new PipelineSizing(4, 3, 90, 5, 1536, 120);
    private final DeployedNames names = DeployedNames.of("fanout", "http://localhost:4566/000000000000/fanout-work");

    @ParameterizedTest
    @EnumSource(PipelineFunction.class)
    void usesOnlyTheSharedVariableNames(PipelineFunction function) {
        Map<String, String> env = FunctionEnvironment.of(function, sizing, names, Optional.of(STATE_MACHINE));

        assertThat(env.keySet()).isSubsetOf(Stream.concat(Arrays.stream(EnvVar.values()).map(Enum::name),
                Stream.of("POWERTOOLS_SERVICE_NAME")).toList());
    }

    @ParameterizedTest
    @EnumSource(PipelineFunction.class)
    void givesEveryFunctionTheStacksSettings(PipelineFunction function) {
        PipelineSettings read = PipelineSettings.fromEnv(
                FunctionEnvironment.of(function, sizing, names, Optional.of(STATE_MACHINE)));

        assertThat(read.inputBucket()).isEqualTo("fanout-input");
        assertThat(read.workBucket()).isEqualTo("fanout-work");
        assertThat(read.resultsBucket()).isEqualTo("fanout-results");
        assertThat(read.maxConcurrency()).isEqualTo(12);
        assertThat(read.heartbeatSeconds()).isEqualTo(90);
        assertThat(read.maxReceiveCount()).isEqualTo(5);
        assertThat(read.workerMemoryMb()).isEqualTo(1536);
        assertThat(read.defaultChunkSizeBytes()).isEqualTo(1024);
    }

    @Test
    void tellsOnlyTheSubmittingFunctionsTheStateMachine() {
        assertThat(FunctionEnvironment.of(PipelineFunction.API, sizing, names, Optional.of(STATE_MACHINE)))
                .containsEntry("STATE_MACHINE_ARN", STATE_MACHINE);
        assertThat(FunctionEnvironment.of(PipelineFunction.S3_TRIGGER, sizing, names, Optional.of(STATE_MACHINE)))
                .containsEntry("STATE_MACHINE_ARN", STATE_MACHINE);
        assertThat(FunctionEnvironment.of(PipelineFunction.WORKER, sizing, names, Optional.of(STATE_MACHINE)))
                .doesNotContainKey("STATE_MACHINE_ARN");
    }

    @Test
    void addressesS3PathStyle_andLeavesEndpointsAndCredentialsToLocalStack() {
        Map<String, String> env = FunctionEnvironment.of(PipelineFunction.WORKER, sizing, names, Optional.empty());

        assertThat(env).containsEntry("S3_FORCE_PATH_STYLE", "true")
                .doesNotContainKeys("AWS_ENDPOINT_URL", "AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void refusesASubmittingFunctionWithoutTheStateMachine() {
        assertThatThrownBy(() -> FunctionEnvironment.of(PipelineFunction.API, sizing, names, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STATE_MACHINE_ARN");
    }
}
