package dev.fanout.deployment;

import java.time.Duration;
import java.util.Objects;

/**
 * One function as deployed: handler, memory, timeout; every function runs {@value #RUNTIME} on {@value #ARCHITECTURE}
 * with SnapStart on published versions, and every caller invokes its {@value #ALIAS} alias.
 *
 * <pre>{@code
 * FunctionSpec worker = Deployment.of(DeploymentSettings.defaults()).function(PipelineFunction.WORKER);
 * worker.memoryMb();   // 2048
 * worker.timeout();    // PT5M
 * }</pre>
 *
 * @param memoryMb memory in MB (Lambda: 128..10,240)
 * @param timeout  the function timeout (Lambda: whole seconds, 1..900 s; a scaled deployment's may be a fraction)
 */
public record FunctionSpec(PipelineFunction function, int memoryMb, Duration timeout) {

    /** Lambda runtime identifier of every function. */
    public static final String RUNTIME = "java21";
    /** Instruction set of every function. */
    public static final String ARCHITECTURE = "arm64";
    /** The alias every caller (state machine, event source mapping, API Gateway, S3) invokes. */
    public static final String ALIAS = "live";

    /**
     * When Lambda creates a snapshot, "your initialization code can run for up to 15 minutes. The time limit is
     * 130 seconds or the configured function timeout (maximum 900 seconds), whichever is higher."
     * (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-troubleshooting.html, "Snapshot creation latency")
     */
    static final Duration MIN_SNAPSHOT_INIT_LIMIT = Duration.ofSeconds(130);
    /** Lambda's longest function timeout. */
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(900);

    public FunctionSpec {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(timeout, "timeout");
        if (memoryMb < 128 || memoryMb > 10_240) {
            throw new IllegalArgumentException(function + " memory must be within [128, 10240] MB, was " + memoryMb);
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(function + " timeout must be within (0, 900] s, was " + timeout);
        }
    }

    public String handler() {
        return function.handler();
    }

    public String description() {
        return function.description();
    }

    /**
     * How long an inactive SnapStart version may take to become active again: Lambda deletes a Java function's
     * snapshot after 14 days without an invocation, answers the next invocation with
     * {@code SnapStartNotReadyException} and initializes a new snapshot, whose initialization may run this long
     * (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-activate.html, "Lambda SnapStart and function
     * states"). A caller's retry of {@code Lambda.SnapStartNotReadyException} must wait at least this long in total.
     */
    public Duration snapshotInitializationLimit() {
        return timeout.compareTo(MIN_SNAPSHOT_INIT_LIMIT) > 0 ? timeout : MIN_SNAPSHOT_INIT_LIMIT;
    }
}
