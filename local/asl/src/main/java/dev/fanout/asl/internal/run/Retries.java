package dev.fanout.asl.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.asl.internal.expr.EvaluationException;
import dev.fanout.asl.internal.expr.JsonPathSupport;
import dev.fanout.asl.internal.expr.Jsonata;
import dev.fanout.asl.internal.expr.JsonataBindings;
import dev.fanout.asl.internal.model.Catcher;
import dev.fanout.asl.internal.model.ErrorHandling;
import dev.fanout.asl.internal.model.Retrier;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retry and Catch as the ASL specification defines them: the first Retrier whose ErrorEquals matches applies
 * (its own attempt counter, IntervalSeconds × BackoffRate^attempt, capped by MaxDelaySeconds, optional full
 * jitter); when it is exhausted or none matches, the first matching Catcher transitions with the error output.
 */
final class Retries {
    @FunctionalInterface
    interface Attempt {
        JsonNode run() throws InterruptedException;
    }

    private final EngineCore engine;

    Retries(EngineCore engine) {
        this.engine = engine;
    }

    Interpreter.Step run(StateRun run, ErrorHandling handling, Attempt attempt) throws InterruptedException {
        int[] attempts = new int[handling.retriers().size()];
        while (true) {
            StatesError error;
            try {
                return new Interpreter.Step(attempt.run(), run.state.common().next());
            } catch (StatesError e) {
                error = run.decorate(e);
            } catch (EvaluationException e) {
                error = run.decorate(StatesError.of(e));
            }
            if (error.terminal()) {
                throw error;
            }
            int r = firstRetrier(handling, error);
            if (r >= 0 && attempts[r] < handling.retriers().get(r).maxAttempts()) {
                Duration delay = delay(handling.retriers().get(r), attempts[r]);
                attempts[r]++;
                Instant until = engine.clock().now().plus(engine.scaled(delay));
                engine.interpreter().sleepUntil(run.frame.execution(), until);
                run.retried();
                continue;
            }
            for (Catcher c : handling.catchers()) {
                if (error.matchedBy(c.errorEquals())) {
                    return caught(run, c, error);
                }
            }
            throw error;
        }
    }

    static int firstRetrier(ErrorHandling handling, StatesError error) {
        for (int i = 0; i < handling.retriers().size(); i++) {
            if (error.matchedBy(handling.retriers().get(i).errorEquals())) {
                return i;
            }
        }
        return -1;
    }

    static Duration delay(Retrier r, int attempt) {
        double seconds = r.intervalSeconds() * Math.pow(r.backoffRate(), attempt);
        if (r.maxDelaySeconds() != null) {
            seconds = Math.min(seconds, r.maxDelaySeconds());
        }
        if (r.fullJitter()) {
            seconds = ThreadLocalRandom.current().nextDouble() * seconds;
        }
        return Duration.ofNanos((long) (Math.min(seconds, 1e9) * 1_000_000_000L));
    }

    static Interpreter.Step caught(StateRun run, Catcher c, StatesError error) {
        JsonNode errorOutput = Interpreter.errorOutput(error);
        JsonNode out;
        if (run.jsonata()) {
            JsonataBindings b = run.jb(null, errorOutput);
            Map<String, JsonNode> vars = run.evaluateAssign(c.assign(), null, b);
            out = c.output() == null ? errorOutput : Jsonata.evaluate(c.output(), b, "Output");
            run.assign(vars);
        } else {
            Map<String, JsonNode> vars = run.evaluateAssign(c.assign(), errorOutput, null);
            out = JsonPathSupport.applyResultPath(run.raw, c.resultPath(), errorOutput);
            run.assign(vars);
        }
        return new Interpreter.Step(out, c.next());
    }
}
