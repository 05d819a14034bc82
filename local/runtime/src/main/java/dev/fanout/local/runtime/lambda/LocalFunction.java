package dev.fanout.local.runtime.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Lambda function, run in-process: every invocation gets a fresh {@link LocalContext} whose remaining time
 * counts down from the function timeout, and runs on its own thread so that the timeout can be enforced. A timeout
 * is a kill, as far as a JVM allows one: the invocation ends with {@code Sandbox.Timedout}, its thread is
 * interrupted and its context has no time left from then on (so a worker's heartbeats stop, as they do when Lambda
 * ends a timed-out sandbox).
 *
 * <pre>{@code
 * try (LocalFunction fn = new LocalFunction(new FunctionConfig("fanout-splitter", Duration.ofMinutes(5), 1024,
 *         "us-east-1", "000000000000"), Clock.systemUTC())) {
 *     String out = fn.invoke(ctx -> handler.handle(input, ctx));   // throws FunctionError on failure
 * }
 * }</pre>
 *
 * <p>Unlike Lambda, a timed-out invocation cannot be frozen: a thread that ignores the interrupt runs on.
 */
public final class LocalFunction implements AutoCloseable {
    private final FunctionConfig config;
    private final Clock clock;
    private final ExecutorService threads;
    private final Slf4jLambdaLogger logger;

    public LocalFunction(FunctionConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.threads = Executors.newCachedThreadPool(daemonThreads(config.name()));
        this.logger = new Slf4jLambdaLogger(config.name());
    }

    public FunctionConfig config() {
        return config;
    }

    /**
     * Runs one invocation.
     *
     * @throws FunctionError when the handler throws (errorType = the exception's class name) or times out
     *                       ({@link FunctionError#TIMED_OUT})
     */
    public <T> T invoke(Invocation<T> handler) {
        String requestId = UUID.randomUUID().toString();
        Instant deadline = clock.instant().plus(config.timeout());
        LocalContext context = new LocalContext(config, requestId, deadline, clock, logger);
        Future<T> run = threads.submit(() -> handler.run(context));
        try {
            return run.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            context.expire();
            run.cancel(true);
            throw FunctionError.timedOut(requestId, config.timeout().toMillis() / 1000.0);
        } catch (ExecutionException e) {
            throw FunctionError.of(e.getCause());
        } catch (InterruptedException e) {
            context.expire();
            run.cancel(true);
            Thread.currentThread().interrupt();
            throw FunctionError.of(e);
        }
    }

    /** The handler call of one invocation; may throw what the handler throws, checked exceptions included. */
    @FunctionalInterface
    public interface Invocation<T> {
        T run(Context context) throws Exception;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
