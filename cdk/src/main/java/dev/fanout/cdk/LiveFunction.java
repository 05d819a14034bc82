package dev.fanout.cdk;

import java.util.Objects;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;

/**
 * A function and its {@code live} alias. Everything that invokes the function (the state machine, the event
 * source mapping, API Gateway, S3) targets the alias, so each invocation runs the published, SnapStart-restored
 * version.
 */
public record LiveFunction(Function function, Alias alias) {
    public LiveFunction {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(alias, "alias");
    }
}
