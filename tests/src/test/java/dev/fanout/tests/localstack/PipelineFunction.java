package dev.fanout.tests.localstack;

import java.time.Duration;

/**
 * The five functions of the pipeline, all from the one shaded jar, as the stack deploys them.
 *
 * <pre>{@code
 * String handler = PipelineFunction.WORKER.handler(); // dev.fanout.lambda.WorkerHandler::handleRequest
 * }</pre>
 */
public enum PipelineFunction {
    SPLITTER("Splitter", 1024, Duration.ofMinutes(5)),
    WORKER("Worker", 1024, Duration.ofMinutes(5)),
    REDUCER("Reducer", 1024, Duration.ofMinutes(5)),
    API("Api", 512, Duration.ofSeconds(29)),
    S3_TRIGGER("S3Trigger", 512, Duration.ofMinutes(1));

    private static final String HANDLER_PACKAGE = "dev.fanout.lambda.";

    private final String baseName;
    private final int memoryMb;
    private final Duration timeout;

    PipelineFunction(String baseName, int memoryMb, Duration timeout) {
        this.baseName = baseName;
        this.memoryMb = memoryMb;
        this.timeout = timeout;
    }

    /** The Lambda handler string: {@code dev.fanout.lambda.<Name>Handler::handleRequest}. */
    public String handler() {
        return handlerClassName() + "::handleRequest";
    }

    public String handlerClassName() {
        return HANDLER_PACKAGE + baseName + "Handler";
    }

    /** Function name inside one deployment, e.g. {@code fanout-s3-trigger}. */
    public String functionName(String prefix) {
        return prefix + "-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public int memoryMb() {
        return memoryMb;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Only the submitting functions start executions, so only they need the state machine's ARN. */
    public boolean startsExecutions() {
        return this == API || this == S3_TRIGGER;
    }
}
