package dev.fanout.tests.localstack;

import dev.fanout.core.config.EnvVar;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The environment of each function, keyed by {@link EnvVar} names as the stack sets them.
 *
 * <p>Endpoints, region and credentials are not set: LocalStack injects {@code AWS_ENDPOINT_URL}, the region and
 * test credentials into every function container, and the SDK picks them up as it picks up the real ones on
 * AWS. Only {@code S3_FORCE_PATH_STYLE} is LocalStack-specific: the injected endpoint is a host name, not a
 * bucket-capable domain.
 *
 * <pre>{@code
 * Map<String, String> env = FunctionEnvironment.of(PipelineFunction.API, settings, names, Optional.of(arn));
 * }</pre>
 */
public final class FunctionEnvironment {

    private FunctionEnvironment() {
    }

    /**
     * @param stateMachineArn required for the functions that start executions ({@link PipelineFunction#startsExecutions()})
     */
    public static Map<String, String> of(PipelineFunction function, StackSettings settings, DeployedNames names,
                                         Optional<String> stateMachineArn) {
        Map<EnvVar, String> env = new EnumMap<>(EnvVar.class);
        env.put(EnvVar.INPUT_BUCKET, names.inputBucket());
        env.put(EnvVar.WORK_BUCKET, names.workBucket());
        env.put(EnvVar.RESULTS_BUCKET, names.resultsBucket());
        env.put(EnvVar.WORK_QUEUE_URL, names.workQueueUrl());
        env.put(EnvVar.MAX_CONCURRENCY, Integer.toString(settings.maxConcurrency()));
        env.put(EnvVar.HEARTBEAT_SECONDS, Integer.toString(settings.heartbeatSeconds()));
        env.put(EnvVar.DEFAULT_CHUNK_SIZE_BYTES, Long.toString(settings.defaultChunkSizeBytes()));
        env.put(EnvVar.MAX_RECEIVE_COUNT, Integer.toString(settings.maxReceiveCount()));
        env.put(EnvVar.WORKER_MEMORY_MB, Integer.toString(PipelineFunction.WORKER.memoryMb()));
        env.put(EnvVar.S3_FORCE_PATH_STYLE, "true");
        if (function.startsExecutions()) {
            env.put(EnvVar.STATE_MACHINE_ARN, stateMachineArn.orElseThrow(() -> new IllegalArgumentException(
                    function + " starts executions and needs " + EnvVar.STATE_MACHINE_ARN)));
        }
        Map<String, String> byName = new LinkedHashMap<>();
        env.forEach((name, value) -> byName.put(name.name(), value));
        return Map.copyOf(byName);
    }
}
