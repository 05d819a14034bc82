package dev.fanout.local.runtime.lambda;

import dev.fanout.deployment.Arns;
import java.time.Duration;
import java.util.Objects;

/**
 * A local Lambda function's settings, as the stack deploys it (the contract's {@code FunctionSpec}).
 *
 * @param name     function name, e.g. {@code fanout-worker}
 * @param timeout  the function timeout; an invocation running longer fails as Lambda's does
 * @param memoryMb reported by {@code Context.getMemoryLimitInMB()}
 */
public record FunctionConfig(String name, Duration timeout, int memoryMb, String region, String accountId) {
    public FunctionConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (memoryMb < 128) {
            throw new IllegalArgumentException("memoryMb must be at least 128: " + memoryMb);
        }
    }

    /** {@code arn:aws:lambda:<region>:<account>:function:<name>}. */
    public String arn() {
        return Arns.aws(region, accountId).function(name);
    }
}
