package dev.fanout.local.runtime.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalFunctionTest {
    private static final FunctionConfig CONFIG =
            new FunctionConfig("fanout-worker", Duration.ofMillis(300), 2048, "us-east-1", "000000000000");
    private final LocalFunction function = new LocalFunction(CONFIG, Clock.systemUTC());

    @AfterEach
    void close() {
        function.close();
    }

    @Test
    void givesTheHandlerAContextDescribingTheFunction() {
        Context ctx = function.invoke(c -> c);

        assertThat(ctx.getFunctionName()).isEqualTo("fanout-worker");
        assertThat(ctx.getInvokedFunctionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:fanout-worker");
        assertThat(ctx.getFunctionVersion()).isEqualTo("$LATEST");
        assertThat(ctx.getMemoryLimitInMB()).isEqualTo(2048);
        assertThat(ctx.getLogGroupName()).isEqualTo("/aws/lambda/fanout-worker");
        assertThat(ctx.getAwsRequestId()).matches("[0-9a-f-]{36}");
        assertThat(ctx.getLogger()).isNotNull();
    }

    @Test
    void everyInvocationHasItsOwnRequestId() {
        String first = function.invoke(Context::getAwsRequestId);
        String second = function.invoke(Context::getAwsRequestId);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void remainingTimeStartsAtTheTimeout() {
        int remaining = function.invoke(Context::getRemainingTimeInMillis);
        assertThat(remaining).isPositive().isLessThanOrEqualTo(300);
    }

    @Test
    void reportsAThrownExceptionAsTheJavaRuntimeDoes() throws Exception {
        assertThatThrownBy(() -> function.invoke(c -> {
            throw new IllegalStateException("chunk 3 is broken");
        })).isInstanceOfSatisfying(FunctionError.class, e -> {
            assertThat(e.errorType()).isEqualTo("java.lang.IllegalStateException");
            assertThat(e.errorMessage()).isEqualTo("chunk 3 is broken");
        });

        FunctionError error = catchError(() -> function.invoke(c -> {
            throw new IllegalStateException("chunk 3 is broken");
        }));
        JsonNode payload = new ObjectMapper().readTree(error.payloadJson());
        assertThat(payload.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(payload.get("errorMessage").asText()).isEqualTo("chunk 3 is broken");
        assertThat(payload.get("stackTrace").isArray()).isTrue();
        assertThat(payload.get("stackTrace").get(0).asText()).contains("LocalFunctionTest");
    }

    @Test
    void keepsTheClassOfACheckedException() {
        FunctionError error = catchError(() -> function.invoke(c -> {
            throw new IOException("disk gone");
        }));
        assertThat(error.errorType()).isEqualTo("java.io.IOException");
    }

    @Test
    void failsAnInvocationThatRunsPastTheTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        FunctionError error = catchError(() -> function.invoke(c -> never.await(1, TimeUnit.MINUTES)));

        assertThat(error.errorType()).isEqualTo(FunctionError.TIMED_OUT);
        assertThat(error.errorMessage()).contains("Task timed out after 0.30 seconds");
    }

    @Test
    void aTimeoutKillsTheInvocation_itsThreadIsInterrupted_andItsContextHasNoTimeLeft() throws Exception {
        Context[] seen = new Context[1];
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        FunctionError error = catchError(() -> function.invoke(c -> {
            seen[0] = c;
            try {
                never.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return null;
        }));

        assertThat(error.errorType()).isEqualTo("Sandbox.Timedout");
        assertThat(interrupted.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(seen[0].getRemainingTimeInMillis()).isZero();
    }

    @Test
    void contextCountsDownAndStopsAtZero() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        LocalContext ctx = new LocalContext(CONFIG, "id", start.plusMillis(300),
                Clock.fixed(start.plusMillis(100), ZoneOffset.UTC), new Slf4jLambdaLogger("f"));
        assertThat(ctx.getRemainingTimeInMillis()).isEqualTo(200);
        LocalContext late = new LocalContext(CONFIG, "id", start, Clock.fixed(start.plusSeconds(5), ZoneOffset.UTC),
                new Slf4jLambdaLogger("f"));
        assertThat(late.getRemainingTimeInMillis()).isZero();
    }

    private static FunctionError catchError(Runnable call) {
        try {
            call.run();
        } catch (FunctionError e) {
            return e;
        }
        throw new AssertionError("no FunctionError");
    }
}
