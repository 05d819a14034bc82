package dev.fanout.local.runtime.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The Lambda {@link Context} of one local invocation: its remaining time counts down to the function timeout, and is
 * 0 from the moment the invocation is killed ({@link #expire()}), whatever the clock says.
 */
public final class LocalContext implements Context {
    private final FunctionConfig function;
    private final String requestId;
    private final Instant deadline;
    private final Clock clock;
    private final LambdaLogger logger;
    private volatile boolean expired;

    public LocalContext(FunctionConfig function, String requestId, Instant deadline, Clock clock, LambdaLogger logger) {
        this.function = Objects.requireNonNull(function, "function");
        this.requestId = Objects.requireNonNull(requestId, "requestId");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.logger = Objects.requireNonNull(logger, "logger");
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + function.name();
    }

    @Override
    public String getLogStreamName() {
        return "local/[$LATEST]" + requestId.replace("-", "");
    }

    @Override
    public String getFunctionName() {
        return function.name();
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return function.arn();
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    /** The invocation was killed: no time is left. */
    public void expire() {
        expired = true;
    }

    @Override
    public int getRemainingTimeInMillis() {
        if (expired) {
            return 0;
        }
        long left = deadline.toEpochMilli() - clock.millis();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, left));
    }

    @Override
    public int getMemoryLimitInMB() {
        return function.memoryMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
