package dev.fanout.tests.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.infra.PipelineFunction;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineDeploymentTest {

    private static final DeployedNames NAMES = DeployedNames.of("fanout", "http://q/work");

    @Test
    void callsTheApiThroughLocalStacksPathBasedInvokeUrl() {
        PipelineDeployment deployment = new PipelineDeployment(NAMES, "http://q/dlq", allArns(), "arn:sm", "abc123",
                "v1");

        assertThat(deployment.jobsUrl(URI.create("http://127.0.0.1:32768/")))
                .isEqualTo(URI.create("http://127.0.0.1:32768/restapis/abc123/v1/_user_request_/jobs"));
    }

    @Test
    void needsAnArnForEveryFunction() {
        Map<PipelineFunction, String> arns = allArns();
        arns.remove(PipelineFunction.S3_TRIGGER);

        assertThatThrownBy(() -> new PipelineDeployment(NAMES, "http://q/dlq", arns, "arn:sm", "abc123", "prod"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("every function");
    }

    @Test
    void namesTheBucketsAfterThePrefix() {
        assertThat(NAMES.inputBucket()).isEqualTo("fanout-input");
        assertThat(NAMES.workBucket()).isEqualTo("fanout-work");
        assertThat(NAMES.resultsBucket()).isEqualTo("fanout-results");
    }

    private static Map<PipelineFunction, String> allArns() {
        Map<PipelineFunction, String> arns = new EnumMap<>(PipelineFunction.class);
        for (PipelineFunction f : PipelineFunction.values()) {
            arns.put(f, "arn:aws:lambda:us-east-1:000000000000:function:"
                    + LocalStackPipeline.functionName("fanout", f) + ":live");
        }
        return arns;
    }
}
