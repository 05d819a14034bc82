package dev.fanout.infra;

import dev.fanout.cdk.FanoutPipelineProps;
import dev.fanout.deployment.DeploymentSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import software.constructs.Node;

/**
 * Everything the stack is configured with: the contract's {@link DeploymentSettings} (what every deployment of the
 * pipeline takes) plus what only the CDK needs. {@link #fromContext} reads the CDK context ({@code cdk.json} or
 * {@code cdk deploy -c key=value}); every key is optional and the defaults are the contract's.
 *
 * <pre>{@code
 * cdk deploy -c fanout:workerMaxConcurrency=500 -c fanout:workDataExpirationDays=3
 * }</pre>
 *
 * @param lambdaJar         the functions' shaded jar
 * @param autoDeleteObjects empty and delete the buckets with the stack (default false: data is retained)
 */
public record FanoutStackProps(Path lambdaJar, DeploymentSettings settings, boolean autoDeleteObjects) {

    public static final String WORKER_MAX_CONCURRENCY = "fanout:workerMaxConcurrency";
    public static final String WORKER_BATCH_SIZE = "fanout:workerBatchSize";
    /** The base heartbeat; the stack deploys it plus the event source mapping's ramp-up time. */
    public static final String HEARTBEAT_SECONDS = "fanout:heartbeatSeconds";
    public static final String MAX_RECEIVE_COUNT = "fanout:maxReceiveCount";
    public static final String WORKER_MEMORY_MB = "fanout:workerMemoryMb";
    public static final String WORKER_TIMEOUT_SECONDS = "fanout:workerTimeoutSeconds";
    public static final String WORK_DATA_EXPIRATION_DAYS = "fanout:workDataExpirationDays";
    public static final String AUTO_DELETE_OBJECTS = "fanout:autoDeleteObjects";
    public static final String LAMBDA_JAR = "fanout:lambdaJar";

    public FanoutStackProps {
        Objects.requireNonNull(lambdaJar, "lambdaJar");
        Objects.requireNonNull(settings, "settings");
    }

    /** The pipeline's props: these settings, the built-in job types, the API and the upload trigger. */
    public FanoutPipelineProps pipelineProps() {
        return FanoutPipelineProps.builder()
                .lambdaJar(lambdaJar)
                .settings(settings)
                .autoDeleteObjects(autoDeleteObjects)
                .build();
    }

    /**
     * Props from the context, with the contract's defaults; the jar from {@code fanout:lambdaJar}, -Dfanout.lambdaJar
     * or the repository.
     *
     * @throws IllegalArgumentException naming the key, for a value that is not a whole number or that AWS would refuse
     */
    public static FanoutStackProps fromContext(Node node) {
        DeploymentSettings settings = settingsFromContext(node);
        Object jarOverride = node.tryGetContext(LAMBDA_JAR);
        String override = jarOverride != null ? jarOverride.toString() : System.getProperty(LambdaJar.PROPERTY);
        return new FanoutStackProps(LambdaJar.resolve(override, Path.of("")), settings,
                Boolean.parseBoolean(String.valueOf(node.tryGetContext(AUTO_DELETE_OBJECTS))));
    }

    private static DeploymentSettings settingsFromContext(Node node) {
        DeploymentSettings d = DeploymentSettings.defaults();
        int workerMaxConcurrency = intOf(node, WORKER_MAX_CONCURRENCY, d.workerMaxConcurrency());
        int workerBatchSize = intOf(node, WORKER_BATCH_SIZE, d.workerBatchSize());
        int heartbeatSeconds = intOf(node, HEARTBEAT_SECONDS, (int) d.baseHeartbeat().getSeconds());
        int maxReceiveCount = intOf(node, MAX_RECEIVE_COUNT, d.maxReceiveCount());
        int workerMemoryMb = intOf(node, WORKER_MEMORY_MB, d.workerMemoryMb());
        int workerTimeoutSeconds = intOf(node, WORKER_TIMEOUT_SECONDS, (int) d.workerTimeout().getSeconds());
        int workDataExpirationDays = intOf(node, WORK_DATA_EXPIRATION_DAYS, d.workDataExpirationDays());
        try {
            return new DeploymentSettings(workerMaxConcurrency, workerBatchSize, Duration.ofSeconds(heartbeatSeconds),
                    maxReceiveCount, workerMemoryMb, Duration.ofSeconds(workerTimeoutSeconds), workDataExpirationDays);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid fanout:* context: " + e.getMessage(), e);
        }
    }

    private static int intOf(Node node, String key, int fallback) {
        Object value = node.tryGetContext(key);
        if (value == null) {
            return fallback;
        }
        String text = value.toString().trim();
        try {
            // context from cdk.json arrives as a number (possibly 100.0), from -c as a string
            double number = Double.parseDouble(text);
            if (number != Math.rint(number)) {
                throw new NumberFormatException();
            }
            return (int) number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("context " + key + " must be a whole number, was '" + text + "'");
        }
    }
}
