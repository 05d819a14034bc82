package dev.fanout.deployment;

import java.util.Locale;
import java.util.Objects;

/**
 * Physical names where a deployment names its resources itself — the local runtime and the LocalStack suite;
 * the CDK stack leaves naming to CloudFormation. Every name is {@code <prefix>-<role>}.
 *
 * <pre>{@code
 * ResourceNames.LOCAL.function(PipelineFunction.WORKER);   // "fanout-worker"
 * ResourceNames.LOCAL.bucket(DataBucket.INPUT);                // "fanout-input"
 * }</pre>
 *
 * @param prefix lower-case letters, digits and '-', starting with a letter (bucket and queue names allow no more)
 */
public record ResourceNames(String prefix) {

    /** The names the local runtime uses. */
    public static final ResourceNames LOCAL = new ResourceNames("fanout");

    public ResourceNames {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.matches("[a-z][a-z0-9-]{1,30}")) {
            throw new IllegalArgumentException("prefix must be 2..31 lower-case letters, digits and '-', starting "
                    + "with a letter, was " + prefix);
        }
    }

    public String bucket(DataBucket bucket) {
        return prefix + "-" + bucket.suffix();
    }

    public String workQueue() {
        return prefix + "-work";
    }

    public String deadLetterQueue() {
        return prefix + "-work-dlq";
    }

    public String stateMachine() {
        return prefix + "-pipeline";
    }

    /** E.g. {@code fanout-s3trigger}. */
    public String function(PipelineFunction function) {
        return prefix + "-" + function.id().toLowerCase(Locale.ROOT);
    }
}
