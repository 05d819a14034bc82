package dev.fanout.infra;

import dev.fanout.core.config.EnvVar;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment the stack gives every function: the settings {@code PipelineSettings.fromEnv} reads, from the
 * deployed names and {@link PipelineSizing}. Plain strings, no CDK types, so that other deployments of the same
 * artefacts (the LocalStack suite) set exactly what the stack sets.
 *
 * <pre>{@code
 * Map<String, String> env = FunctionEnvironment.common(new FunctionEnvironment.Names(in, work, results, queueUrl), sizing);
 * }</pre>
 */
public final class FunctionEnvironment {

    /** Powertools' service name: the {@code service} field of every log line. */
    public static final String SERVICE_NAME = "fanout";
    public static final String POWERTOOLS_SERVICE_NAME = "POWERTOOLS_SERVICE_NAME";

    /** What the functions address: bucket names and the work queue's URL (CDK tokens in the stack). */
    public record Names(String inputBucket, String workBucket, String resultsBucket, String workQueueUrl) {
    }

    private FunctionEnvironment() {
    }

    /** Variables set on every function; the API and upload functions also get {@link EnvVar#STATE_MACHINE_ARN}. */
    public static Map<String, String> common(Names names, PipelineSizing sizing) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(EnvVar.INPUT_BUCKET.name(), names.inputBucket());
        env.put(EnvVar.WORK_BUCKET.name(), names.workBucket());
        env.put(EnvVar.RESULTS_BUCKET.name(), names.resultsBucket());
        env.put(EnvVar.WORK_QUEUE_URL.name(), names.workQueueUrl());
        env.put(EnvVar.MAX_CONCURRENCY.name(), Integer.toString(sizing.mapMaxConcurrency()));
        env.put(EnvVar.HEARTBEAT_SECONDS.name(), Integer.toString(sizing.heartbeatSeconds()));
        env.put(EnvVar.MAX_RECEIVE_COUNT.name(), Integer.toString(sizing.maxReceiveCount()));
        env.put(EnvVar.WORKER_MEMORY_MB.name(), Integer.toString(sizing.workerMemoryMb()));
        env.put(POWERTOOLS_SERVICE_NAME, SERVICE_NAME);
        return env;
    }
}
