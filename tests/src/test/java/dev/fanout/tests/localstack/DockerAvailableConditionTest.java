package dev.fanout.tests.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

class DockerAvailableConditionTest {

    @Test
    void skipsWithTheReasonAndTheCommandToRun_whenDockerIsMissing() {
        ConditionEvaluationResult result = new DockerAvailableCondition(() -> false).evaluateExecutionCondition(null);

        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("Docker is not available: LocalStack end-to-end tests skipped.")
                .contains("./mvnw verify -pl tests -am -Dit.test='LocalStack*IT'")
                .contains("LOCALSTACK_IMAGE", "LOCALSTACK_AUTH_TOKEN"));
    }

    @Test
    void runs_whenDockerAnswers() {
        assertThat(new DockerAvailableCondition(() -> true).evaluateExecutionCondition(null).isDisabled()).isFalse();
    }

    @Test
    void guardsTheLocalStackSuite() {
        assertThat(LocalStackPipelineIT.class.getAnnotation(RequiresDocker.class)).isNotNull();
    }
}
