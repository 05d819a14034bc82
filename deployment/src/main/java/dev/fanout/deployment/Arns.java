package dev.fanout.deployment;

import java.util.Objects;

/**
 * ARN formats of the pipeline's resources, for deployments that build ARNs themselves (the local runtime, the
 * LocalStack suite). The CDK stack gets every ARN from its constructs and never writes one.
 *
 * <pre>{@code
 * Arns arns = Arns.aws("us-east-1", "000000000000");
 * arns.stateMachine("fanout-pipeline");             // arn:aws:states:us-east-1:000000000000:stateMachine:fanout-pipeline
 * arns.execution("fanout-pipeline", "job-1");       // arn:aws:states:us-east-1:000000000000:execution:fanout-pipeline:job-1
 * }</pre>
 */
public record Arns(String partition, String region, String accountId) {
    public Arns {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
    }

    /** ARNs in the {@code aws} partition. */
    public static Arns aws(String region, String accountId) {
        return new Arns("aws", region, accountId);
    }

    /** {@code arn:aws:lambda:<region>:<account>:function:<name>}. */
    public String function(String name) {
        return prefix("lambda") + "function:" + name;
    }

    /** A function's alias (or version): {@code ...:function:<name>:<qualifier>}. */
    public String function(String name, String qualifier) {
        return function(name) + ":" + qualifier;
    }

    /** {@code arn:aws:states:<region>:<account>:stateMachine:<name>}. */
    public String stateMachine(String name) {
        return prefix("states") + "stateMachine:" + name;
    }

    /** {@code arn:aws:states:<region>:<account>:execution:<stateMachineName>:<executionName>}; execution name = job id. */
    public String execution(String stateMachineName, String executionName) {
        return prefix("states") + "execution:" + stateMachineName + ":" + executionName;
    }

    /** {@code arn:aws:sqs:<region>:<account>:<name>}. */
    public String queue(String name) {
        return prefix("sqs") + name;
    }

    /** {@code arn:aws:s3:::<name>}: bucket ARNs carry neither region nor account. */
    public String bucket(String name) {
        return "arn:" + partition + ":s3:::" + name;
    }

    /**
     * {@code arn:aws:execute-api:<region>:<account>:<apiId>/<stageMethodPath>}, where {@code stageMethodPath} is
     * {@code <stage>/<method>/<path>} and each part may be the wildcard {@code *}.
     */
    public String executeApi(String apiId, String stageMethodPath) {
        return prefix("execute-api") + apiId + "/" + stageMethodPath;
    }

    private String prefix(String service) {
        return "arn:" + partition + ":" + service + ":" + region + ":" + accountId + ":";
    }
}
