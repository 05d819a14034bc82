package dev.fanout.infra;

import java.nio.file.Path;
import java.util.Objects;
import software.constructs.Node;

/**
 * Everything the stack is configured with. {@link #fromContext} reads the CDK context ({@code cdk.json} or
 * {@code cdk deploy -c key=value}); every key is optional.
 *
 * <pre>{@code
 * cdk deploy -c fanout:workerMaxConcurrency=500 -c fanout:workDataExpirationDays=3
 * }</pre>
 *
 * @param lambdaJar              the functions' shaded jar
 * @param workDataExpirationDays days after which manifests and partials ({@code jobs/}) and inline inputs expire
 * @param autoDeleteObjects      empty and delete the buckets with the stack (default false: data is retained)
 */
public record FanoutStackProps(Path lambdaJar, PipelineSizing sizing, int workDataExpirationDays,
                               boolean autoDeleteObjects) {

    public static final String WORKER_MAX_CONCURRENCY = "fanout:workerMaxConcurrency";
    public static final String WORKER_BATCH_SIZE = "fanout:workerBatchSize";
    public static final String HEARTBEAT_SECONDS = "fanout:heartbeatSeconds";
    public static final String MAX_RECEIVE_COUNT = "fanout:maxReceiveCount";
    public static final String WORKER_MEMORY_MB = "fanout:workerMemoryMb";
    public static final String WORKER_TIMEOUT_SECONDS = "fanout:workerTimeoutSeconds";
    public static final String WORK_DATA_EXPIRATION_DAYS = "fanout:workDataExpirationDays";
    public static final String AUTO_DELETE_OBJECTS = "fanout:autoDeleteObjects";
    public static final String LAMBDA_JAR = "fanout:lambdaJar";

    public static final int DEFAULT_WORK_DATA_EXPIRATION_DAYS = 7;

    public FanoutStackProps {
        Objects.requireNonNull(lambdaJar, "lambdaJar");
        Objects.requireNonNull(sizing, "sizing");
        if (workDataExpirationDays < 1) {
            throw new IllegalArgumentException("workDataExpirationDays must be at least 1, was "
                    + workDataExpirationDays);
        }
    }

    /** Props from the context, with defaults; the jar from {@code fanout:lambdaJar}, -Dfanout.lambdaJar or the repository. */
    public static FanoutStackProps fromContext(Node node) {
        PipelineSizing d = PipelineSizing.defaults();
        PipelineSizing sizing = new PipelineSizing(
                intOf(node, WORKER_MAX_CONCURRENCY, d.workerMaxConcurrency()),
                intOf(node, WORKER_BATCH_SIZE, d.workerBatchSize()),
                intOf(node, HEARTBEAT_SECONDS, d.heartbeatSeconds()),
                intOf(node, MAX_RECEIVE_COUNT, d.maxReceiveCount()),
                intOf(node, WORKER_MEMORY_MB, d.workerMemoryMb()),
                intOf(node, WORKER_TIMEOUT_SECONDS, d.workerTimeoutSeconds()));
        Object jarOverride = node.tryGetContext(LAMBDA_JAR);
        String override = jarOverride != null ? jarOverride.toString() : System.getProperty(LambdaJar.PROPERTY);
        return new FanoutStackProps(
                LambdaJar.resolve(override, Path.of("")),
                sizing,
                intOf(node, WORK_DATA_EXPIRATION_DAYS, DEFAULT_WORK_DATA_EXPIRATION_DAYS),
                Boolean.parseBoolean(String.valueOf(node.tryGetContext(AUTO_DELETE_OBJECTS))));
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
