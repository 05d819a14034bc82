package dev.fanout.tests.localstack;

import dev.fanout.deployment.DeployedResources;
import dev.fanout.deployment.PipelineFunction;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link LocalStackPipeline#deploy} created: the names and ARNs a test talks to.
 *
 * <pre>{@code
 * URI jobs = deployment.jobsUrl(localstack.getEndpoint()); // POST here, GET jobs/{jobId}
 * }</pre>
 *
 * @param resources    the buckets, the work queue's URL and the state machine's ARN the functions are told
 * @param functionArns ARN of every function's {@code live} alias
 * @param restApiId    id of the REST API (API Gateway v1)
 */
public record PipelineDeployment(DeployedResources resources, String deadLetterQueueUrl,
                                 Map<PipelineFunction, String> functionArns, String restApiId, String stage) {

    public PipelineDeployment {
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(resources.stateMachineArn(), "resources.stateMachineArn");
        Objects.requireNonNull(deadLetterQueueUrl, "deadLetterQueueUrl");
        Objects.requireNonNull(restApiId, "restApiId");
        Objects.requireNonNull(stage, "stage");
        EnumMap<PipelineFunction, String> copy = new EnumMap<>(PipelineFunction.class);
        copy.putAll(functionArns);
        if (copy.size() != PipelineFunction.values().length) {
            throw new IllegalArgumentException("an ARN for every function is needed, got " + copy.keySet());
        }
        functionArns = Map.copyOf(copy);
    }

    public String stateMachineArn() {
        return resources.stateMachineArn();
    }

    /**
     * The {@code /jobs} resource through LocalStack's path-based invoke URL, which needs no DNS set-up on the
     * test machine ({@code <api>.execute-api.localhost.localstack.cloud} would resolve only with LocalStack's DNS).
     */
    public URI jobsUrl(URI endpoint) {
        String base = endpoint.toString().replaceAll("/+$", "");
        return URI.create(base + "/restapis/" + restApiId + "/" + stage + "/_user_request_/jobs");
    }
}
