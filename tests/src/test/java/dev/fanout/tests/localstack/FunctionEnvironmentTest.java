package dev.fanout.tests.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.config.EnvVar;
import dev.fanout.core.pipeline.PipelineSettings;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FunctionEnvironmentTest {

    private static final String STATE_MACHINE = "arn:aws:states:us-east-1:000000000000:stateMachine:fanout-pipeline";
    private final StackSettings settings = StackSettings.forLocalStack();
    private final DeployedNames names = DeployedNames.of("fanout", "http://localhost:4566/000000000000/fanout-work");

    @ParameterizedTest
    @EnumSource(PipelineFunction.class)
    void usesOnlyTheSharedVariableNames(PipelineFunction function) {
        Map<String, String> env = FunctionEnvironment.of(function, settings, names, Optional.of(STATE_MACHINE));

        assertThat(env.keySet()).isSubsetOf(Arrays.stream(EnvVar.values()).map(Enum::name).toList());
    }

    @ParameterizedTest
    @EnumSource(PipelineFunction.class)
    void givesTheFunctionsWhatTheirSettingsNeed(PipelineFunction function) {
        PipelineSettings read = PipelineSettings.fromEnv(
                FunctionEnvironment.of(function, settings, names, Optional.of(STATE_MACHINE)));

        assertThat(read.inputBucket()).isEqualTo("fanout-input");
        assertThat(read.workBucket()).isEqualTo("fanout-work");
        assertThat(read.resultsBucket()).isEqualTo("fanout-results");
        assertThat(read.maxReceiveCount()).isEqualTo(settings.maxReceiveCount());
        assertThat(read.heartbeatSeconds()).isEqualTo(settings.heartbeatSeconds());
        assertThat(read.maxConcurrency()).isEqualTo(settings.maxConcurrency());
        assertThat(read.defaultChunkSizeBytes()).isEqualTo(1024);
        assertThat(read.workerMemoryMb()).isEqualTo(PipelineFunction.WORKER.memoryMb());
    }

    @Test
    void tellsOnlyTheSubmittingFunctionsTheStateMachine() {
        assertThat(FunctionEnvironment.of(PipelineFunction.API, settings, names, Optional.of(STATE_MACHINE)))
                .containsEntry("STATE_MACHINE_ARN", STATE_MACHINE);
        assertThat(FunctionEnvironment.of(PipelineFunction.S3_TRIGGER, settings, names, Optional.of(STATE_MACHINE)))
                .containsEntry("STATE_MACHINE_ARN", STATE_MACHINE);
        assertThat(FunctionEnvironment.of(PipelineFunction.WORKER, settings, names, Optional.of(STATE_MACHINE)))
                .doesNotContainKey("STATE_MACHINE_ARN");
    }

    @Test
    void addressesS3PathStyle_andLeavesEndpointsToLocalStack() {
        Map<String, String> env = FunctionEnvironment.of(PipelineFunction.WORKER, settings, names, Optional.empty());

        assertThat(env).containsEntry("S3_FORCE_PATH_STYLE", "true")
                .doesNotContainKeys("AWS_ENDPOINT_URL", "AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void refusesASubmittingFunctionWithoutTheStateMachine() {
        assertThatThrownBy(() -> FunctionEnvironment.of(PipelineFunction.API, settings, names, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STATE_MACHINE_ARN");
    }
}
