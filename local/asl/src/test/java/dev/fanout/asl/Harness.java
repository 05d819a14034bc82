package dev.fanout.asl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.asl.port.Integrations;
import dev.fanout.asl.testing.ManualClock;
import java.time.Duration;
import java.util.List;

/** An engine on a manual clock, and helpers to run a definition and read results as JSON. */
final class Harness implements AutoCloseable {
    static final String SM_ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:test";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    final ManualClock clock = new ManualClock();
    final AslEngine engine;
    private int runs;

    Harness() {
        this(Integrations.none());
    }

    Harness(Integrations integrations) {
        this(integrations, 1.0);
    }

    Harness(Integrations integrations, double timeScale) {
        engine = AslEngine.builder().clock(clock).integrations(integrations).timeScale(timeScale).build();
    }

    /** Single quotes stand for double quotes, to keep definitions readable in Java strings. */
    static String q(String json) {
        return json.replace('\'', '"');
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(q(text));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    Execution start(String definition, String input) {
        return startRaw(q(definition), q(input));
    }

    /** Starts with the definition and input exactly as given (for texts that need single quotes). */
    Execution startRaw(String definition, String input) {
        return engine.start(engine.parse(definition), SM_ARN, "run-" + (++runs), input);
    }

    /** Runs to the end (no waits on the clock expected). */
    Execution run(String definition, String input) throws InterruptedException {
        Execution ex = start(definition, input);
        assertThat(ex.await(WAIT)).as("execution finished").isNotEqualTo(ExecutionStatus.RUNNING);
        return ex;
    }

    /** Lets the clock jump from deadline to deadline while the execution waits on it, until it ends. */
    ExecutionStatus drive(Execution ex) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (ex.status() == ExecutionStatus.RUNNING && System.nanoTime() < end) {
            if (clock.awaitWaiters(1, Duration.ofMillis(20))) {
                clock.advanceToNextDeadline();
            }
        }
        return ex.await(WAIT);
    }

    /** Waits (real time) until someone waits on the clock for {@code deadline}, then moves the clock there. */
    void advanceWhenWaitingFor(java.time.Instant deadline) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!clock.nextDeadline().filter(deadline::equals).isPresent()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("nobody waits for " + deadline + "; next deadline " + clock.nextDeadline());
            }
            clock.awaitWaiters(clock.waiters() + 1, Duration.ofMillis(5));
        }
        clock.advance(Duration.between(clock.now(), deadline));
    }

    static JsonNode output(Execution ex) {
        assertThat(ex.status()).as("status of %s (error %s, cause %s)", ex.arn(), ex.error().orElse(null),
                ex.cause().orElse(null)).isEqualTo(ExecutionStatus.SUCCEEDED);
        return json(ex.output().orElseThrow());
    }

    static List<String> types(Execution ex) {
        return ex.history().stream().map(HistoryEvent::type).toList();
    }

    static ExecutionStatus finish(Execution ex) throws InterruptedException {
        return ex.await(WAIT);
    }

    @Override
    public void close() {
        engine.close();
    }
}
