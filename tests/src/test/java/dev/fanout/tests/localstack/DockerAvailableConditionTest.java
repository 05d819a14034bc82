package dev.fanout.tests.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

class DockerAvailableConditionTest {

    private final List<String> printed = new ArrayList<>();

    @Test
    void skipsWithTheReasonAndTheCommandToRun_whenDockerIsMissing() {
        ConditionEvaluationResult result = new DockerAvailableCondition(() -> false, printed::add)
                .evaluateExecutionCondition(null);

        assertThat(result.isDisabled()).isTrue();
        assertThat(printed).as("the console shows why").containsExactly(result.getReason().orElseThrow());
        assertThat(result.getReason()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("Docker is not available: LocalStack end-to-end tests skipped.")
                .contains("./mvnw verify -pl tests -am -Dit.test='LocalStack*IT'")
                .contains("LOCALSTACK_IMAGE", "LOCALSTACK_AUTH_TOKEN"));
    }

    @Test
    void runsQuietly_whenDockerAnswers() {
        assertThat(new DockerAvailableCondition(() -> true, printed::add).evaluateExecutionCondition(null)
                .isDisabled()).isFalse();
        assertThat(printed).isEmpty();
    }

    @Test
    void guardsTheLocalStackSuite() {
        assertThat(LocalStackPipelineIT.class.getAnnotation(RequiresDocker.class)).isNotNull();
    }
}
