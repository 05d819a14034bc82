package dev.fanout.tests.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalStackOptionsTest {

    @Test
    void pinsTheLastImageThatStartsWithoutAToken_whenNothingIsSet() {
        LocalStackOptions options = LocalStackOptions.fromEnv(Map.of());

        assertThat(options.image()).isEqualTo("localstack/localstack:4.14.0");
        assertThat(options.containerEnv()).doesNotContainKeys("LOCALSTACK_AUTH_TOKEN", "LAMBDA_DOCKER_NETWORK");
    }

    @Test
    void takesTheImageFromLocalstackImage_andIgnoresABlankValue() {
        assertThat(LocalStackOptions.fromEnv(Map.of("LOCALSTACK_IMAGE", "localstack/localstack-pro:4.16"))
                .image()).isEqualTo("localstack/localstack-pro:4.16");
        assertThat(LocalStackOptions.fromEnv(Map.of("LOCALSTACK_IMAGE", "  ")).image())
                .isEqualTo("localstack/localstack:4.14.0");
    }

    @Test
    void passesTheAuthTokenAndLambdaNetworkThrough_whenSet() {
        LocalStackOptions options = LocalStackOptions.fromEnv(Map.of(
                "LOCALSTACK_AUTH_TOKEN", "ls-secret-123", "LAMBDA_DOCKER_NETWORK", "ci-net"));

        assertThat(options.containerEnv())
                .containsEntry("LOCALSTACK_AUTH_TOKEN", "ls-secret-123")
                .containsEntry("LAMBDA_DOCKER_NETWORK", "ci-net");
    }

    @Test
    void neverPrintsTheToken() {
        LocalStackOptions options = LocalStackOptions.fromEnv(Map.of("LOCALSTACK_AUTH_TOKEN", "ls-secret-123"));

        assertThat(options.toString()).doesNotContain("ls-secret-123").contains("LOCALSTACK_AUTH_TOKEN");
    }

    @Test
    void runsArm64FunctionsNatively() {
        assertThat(LocalStackOptions.fromEnv(Map.of()).containerEnv()).containsEntry("LAMBDA_IGNORE_ARCHITECTURE", "1");
    }

    @Test
    void startsEveryServiceThePipelineUses() {
        assertThat(LocalStackOptions.SERVICES)
                .contains("s3", "sqs", "lambda", "stepfunctions", "apigateway", "iam", "logs");
    }

    @Test
    void rejectsAnEmptyImageName() {
        assertThatThrownBy(() -> new LocalStackOptions("", java.util.Optional.empty(), java.util.Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LOCALSTACK_IMAGE");
    }
}
