package dev.fanout.tests.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.deployment.DeployedResources;
import dev.fanout.deployment.PipelineFunction;
import dev.fanout.deployment.ResourceNames;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineDeploymentTest {

    private static final DeployedResources RESOURCES = DeployedResources.named(new ResourceNames("fanout"),
            "http://q/work", "http://q/work-dlq", "arn:sm");

    @Test
    void callsTheApiThroughLocalStacksPathBasedInvokeUrl() {
        PipelineDeployment deployment = new PipelineDeployment(RESOURCES, "http://q/dlq", allArns(), "abc123", "v1");

        assertThat(deployment.jobsUrl(URI.create("http://127.0.0.1:32768/")))
                .isEqualTo(URI.create("http://127.0.0.1:32768/restapis/abc123/v1/_user_request_/jobs"));
        assertThat(deployment.stateMachineArn()).isEqualTo("arn:sm");
    }

    @Test
    void needsAnArnForEveryFunction_andTheStateMachine() {
        Map<PipelineFunction, String> arns = allArns();
        arns.remove(PipelineFunction.S3_TRIGGER);

        assertThatThrownBy(() -> new PipelineDeployment(RESOURCES, "http://q/dlq", arns, "abc123", "prod"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("every function");
        assertThatThrownBy(() -> new PipelineDeployment(RESOURCES.withStateMachineArn(null), "http://q/dlq",
                allArns(), "abc123", "prod"))
                .hasMessageContaining("stateMachineArn");
    }

    private static Map<PipelineFunction, String> allArns() {
        Map<PipelineFunction, String> arns = new EnumMap<>(PipelineFunction.class);
        for (PipelineFunction f : PipelineFunction.values()) {
            arns.put(f, "arn:aws:lambda:us-east-1:000000000000:function:"
                    + new ResourceNames("fanout").function(f) + ":live");
        }
        return arns;
    }
}
