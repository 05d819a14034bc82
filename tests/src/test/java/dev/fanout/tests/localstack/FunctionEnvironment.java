package dev.fanout.tests.localstack;

import dev.fanout.core.config.EnvVar;
import dev.fanout.deployment.DeployedResources;
import dev.fanout.deployment.Deployment;
import dev.fanout.deployment.PipelineFunction;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment of each function in LocalStack: the contract's ({@link Deployment#environment}, exactly what the
 * stack sets), plus two LocalStack-only values.
 *
 * <p>Endpoints, region and credentials are not set: LocalStack injects {@code AWS_ENDPOINT_URL}, the region and
 * test credentials into every function container, and the SDK picks them up as it picks up the real ones on AWS.
 *
 * <pre>{@code
 * Map<String, String> env = FunctionEnvironment.of(PipelineFunction.API, deployment, resources);
 * }</pre>
 */
public final class FunctionEnvironment {

    /**
     * Default chunk size of uploads here: the smallest a request may ask for, so a small test upload fans out
     * into several chunks (the stack leaves the functions' default of 64 MiB).
     */
    public static final long UPLOAD_CHUNK_SIZE_BYTES = 1024;

    private FunctionEnvironment() {
    }

    /**
     * @throws IllegalArgumentException if {@code function} starts executions and {@code resources} has no state
     *                                  machine ARN yet
     */
    public static Map<String, String> of(PipelineFunction function, Deployment deployment,
                                         DeployedResources resources) {
        Map<String, String> env = new LinkedHashMap<>(deployment.environment(function, resources));
        // LocalStack only: the injected endpoint is a plain host name, not a domain with bucket sub-domains
        env.put(EnvVar.S3_FORCE_PATH_STYLE.name(), "true");
        env.put(EnvVar.DEFAULT_CHUNK_SIZE_BYTES.name(), Long.toString(UPLOAD_CHUNK_SIZE_BYTES));
        return Map.copyOf(env);
    }
}
