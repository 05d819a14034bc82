package dev.fanout.tests.localstack;

import dev.fanout.core.config.EnvVar;
import dev.fanout.infra.PipelineFunction;
import dev.fanout.infra.PipelineSizing;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The environment of each function: the variables the CDK stack sets (infra's
 * {@link dev.fanout.infra.FunctionEnvironment}, values from {@link PipelineSizing}), plus two LocalStack-only values.
 *
 * <p>Endpoints, region and credentials are not set: LocalStack injects {@code AWS_ENDPOINT_URL}, the region and
 * test credentials into every function container, and the SDK picks them up as it picks up the real ones on AWS.
 *
 * <pre>{@code
 * Map<String, String> env = FunctionEnvironment.of(PipelineFunction.API, sizing, names, Optional.of(arn));
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
     * @param stateMachineArn required for the functions that start executions ({@link #startsExecutions})
     */
    public static Map<String, String> of(PipelineFunction function, PipelineSizing sizing, DeployedNames names,
                                         Optional<String> stateMachineArn) {
        // exactly what the stack's Functions construct sets for every function
        Map<String, String> env = new LinkedHashMap<>(dev.fanout.infra.FunctionEnvironment.common(
                new dev.fanout.infra.FunctionEnvironment.Names(names.inputBucket(), names.workBucket(),
                        names.resultsBucket(), names.workQueueUrl()), sizing));
        // as the Api and UploadTrigger constructs add it
        if (startsExecutions(function)) {
            env.put(EnvVar.STATE_MACHINE_ARN.name(), stateMachineArn.orElseThrow(() -> new IllegalArgumentException(
                    function + " starts executions and needs " + EnvVar.STATE_MACHINE_ARN)));
        }
        // LocalStack only: the injected endpoint is a plain host name, not a domain with bucket sub-domains
        env.put(EnvVar.S3_FORCE_PATH_STYLE.name(), "true");
        env.put(EnvVar.DEFAULT_CHUNK_SIZE_BYTES.name(), Long.toString(UPLOAD_CHUNK_SIZE_BYTES));
        return Map.copyOf(env);
    }

    /** The API and the upload trigger start executions; the others are called by the state machine or the ESM. */
    public static boolean startsExecutions(PipelineFunction function) {
        return function == PipelineFunction.API || function == PipelineFunction.S3_TRIGGER;
    }
}
