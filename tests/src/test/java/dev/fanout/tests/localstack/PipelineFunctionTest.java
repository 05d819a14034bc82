package dev.fanout.tests.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PipelineFunctionTest {

    @Test
    void namesTheHandlersOfTheLambdaModule() {
        assertThat(Arrays.stream(PipelineFunction.values()).map(PipelineFunction::handler)).containsExactly(
                "dev.fanout.lambda.SplitterHandler::handleRequest",
                "dev.fanout.lambda.WorkerHandler::handleRequest",
                "dev.fanout.lambda.ReducerHandler::handleRequest",
                "dev.fanout.lambda.ApiHandler::handleRequest",
                "dev.fanout.lambda.S3TriggerHandler::handleRequest");
    }

    @Test
    void givesEveryFunctionItsOwnName() {
        assertThat(Arrays.stream(PipelineFunction.values()).map(f -> f.functionName("fanout")))
                .containsExactly("fanout-splitter", "fanout-worker", "fanout-reducer", "fanout-api",
                        "fanout-s3-trigger");
    }

    @Test
    void keepsTheApiWithinApiGatewaysIntegrationTimeout() {
        assertThat(PipelineFunction.API.timeout()).isLessThanOrEqualTo(java.time.Duration.ofSeconds(29));
    }
}
