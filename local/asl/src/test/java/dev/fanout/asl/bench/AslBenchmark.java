package dev.fanout.asl.bench;

import dev.fanout.asl.AslEngine;
import dev.fanout.asl.Execution;
import dev.fanout.asl.ExecutionStatus;
import dev.fanout.asl.StateMachine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Prints state transitions per second of the engine for (a) a 10,000-item INLINE Map of Pass states and (b) a
 * Choice-heavy loop (a Pass increments a counter with States.MathAdd, a Choice loops on NumericLessThan).
 * A benchmark, not a test: it asserts nothing about speed. The goal is 50,000 transitions/s on one core, so pin it:
 *
 * <pre>
 * ./mvnw -q -pl local/asl test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath \
 *     -Dmdep.includeScope=test
 * taskset -c 0 /usr/lib/jvm/temurin-25-jdk-amd64/bin/java \
 *     -cp local/asl/target/test-classes:local/asl/target/classes:$(cat local/asl/target/test.classpath) \
 *     dev.fanout.asl.bench.AslBenchmark [warmupRuns measuredRuns]
 * </pre>
 *
 * A transition is one state entered, as AWS counts them for billing: a Map execution makes 1 (the Map) + its items
 * (one Pass each) + 1 (the final Succeed); a loop execution makes 2 per round + 1.
 *
 * <p>Each scenario runs its work as several executions, one after the other, so that every execution stays within
 * AWS's quota of 25,000 history events (the engine fails an execution that would pass it, as AWS does): 10,000 Map
 * items as 5 executions of 2,000 (about 8,000 events each), 50,000 loop rounds as 10 executions of 5,000 (about
 * 20,000 events each).
 */
public final class AslBenchmark {
    private static final int MAP_EXECUTIONS = 5;
    private static final int MAP_ITEMS = 2_000;
    private static final int LOOP_EXECUTIONS = 10;
    private static final int LOOP_ROUNDS = 5_000;
    /** AWS's history quota per execution. */
    private static final int HISTORY_QUOTA = 25_000;

    private AslBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int warmups = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.printf(Locale.ROOT, "ASL engine benchmark: %d warm-up + %d measured runs each, %d available "
                + "processor(s)%s%n", warmups, runs, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().availableProcessors() == 1 ? "" : " (pin with taskset -c 0 for one core)");
        try (AslEngine engine = AslEngine.builder().build()) {
            measure(engine, new Scenario(MAP_EXECUTIONS + " x inline Map of " + MAP_ITEMS + " Pass states",
                    mapDefinition(), mapInput(), 1 + MAP_ITEMS + 1, MAP_EXECUTIONS), warmups, runs);
            measure(engine, new Scenario(LOOP_EXECUTIONS + " x Choice loop of " + LOOP_ROUNDS
                    + " rounds (MathAdd + NumericLessThan)", loopDefinition(), "{\"i\":0}", 2L * LOOP_ROUNDS + 1,
                    LOOP_EXECUTIONS), warmups, runs);
        }
    }

    /** {@code transitions} per execution; {@code executions} run one after the other per measured run. */
    record Scenario(String title, String definition, String input, long transitions, int executions) {
    }

    private static void measure(AslEngine engine, Scenario scenario, int warmups, int runs) throws Exception {
        StateMachine machine = engine.parse(scenario.definition());
        System.out.printf(Locale.ROOT, "%n%s: %,d transitions per execution, %,d per run%n", scenario.title(),
                scenario.transitions(), scenario.transitions() * scenario.executions());
        long entered = countStatesEntered(engine, machine, scenario);
        if (entered != scenario.transitions()) {
            throw new IllegalStateException("the history shows " + entered + " states entered, not "
                    + scenario.transitions() + ": the rates below would be wrong");
        }
        for (int i = 0; i < warmups; i++) {
            run(engine, machine, scenario, "warmup-" + i);
        }
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            double seconds = run(engine, machine, scenario, "run-" + i);
            double rate = scenario.transitions() * scenario.executions() / seconds;
            rates.add(rate);
            System.out.printf(Locale.ROOT, "  run %d: %8.1f ms  %,12.0f transitions/s%n", i + 1, seconds * 1000,
                    rate);
        }
        Collections.sort(rates);
        System.out.printf(Locale.ROOT, "  median: %,.0f transitions/s (min %,.0f, max %,.0f)%n",
                rates.get(rates.size() / 2), rates.get(0), rates.get(rates.size() - 1));
    }

    /** The transitions of one execution as its history records them: one {@code *StateEntered} per state. */
    private static long countStatesEntered(AslEngine engine, StateMachine machine, Scenario scenario)
            throws InterruptedException {
        Execution execution = engine.start(machine, "arn:aws:states:us-east-1:123456789012:stateMachine:benchmark",
                "count-" + System.nanoTime(), scenario.input());
        execution.await(Duration.ofMinutes(10));
        if (execution.history().size() >= HISTORY_QUOTA) {
            throw new IllegalStateException("one execution has " + execution.history().size() + " history events: "
                    + "split the scenario further to stay within AWS's quota of " + HISTORY_QUOTA);
        }
        return execution.history().stream().filter(e -> e.type().endsWith("StateEntered")).count();
    }

    private static double run(AslEngine engine, StateMachine machine, Scenario scenario, String name)
            throws InterruptedException {
        long start = System.nanoTime();
        for (int k = 0; k < scenario.executions(); k++) {
            Execution execution = engine.start(machine, "arn:aws:states:us-east-1:123456789012:stateMachine:benchmark",
                    name + "-" + k + "-" + start, scenario.input());
            ExecutionStatus status = execution.await(Duration.ofMinutes(10));
            if (status != ExecutionStatus.SUCCEEDED) {
                throw new IllegalStateException(scenario.title() + " ended " + status + ": "
                        + execution.error().orElse("") + " " + execution.cause().orElse(""));
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static String mapDefinition() {
        return """
                {"StartAt": "EachItem", "States": {
                  "EachItem": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 0,
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Touch", "States": {
                      "Touch": {"Type": "Pass", "Parameters": {"id.$": "$.id", "seen": true}, "End": true}}},
                    "ResultPath": null, "Next": "Done"},
                  "Done": {"Type": "Succeed"}}}
                """;
    }

    private static String mapInput() {
        StringJoiner items = new StringJoiner(",", "{\"items\":[", "]}");
        for (int i = 0; i < MAP_ITEMS; i++) {
            items.add("{\"id\":" + i + "}");
        }
        return items.toString();
    }

    private static String loopDefinition() {
        return """
                {"StartAt": "Increment", "States": {
                  "Increment": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)"}, "Next": "Check"},
                  "Check": {"Type": "Choice",
                    "Choices": [{"Variable": "$.i", "NumericLessThan": %d, "Next": "Increment"}],
                    "Default": "Done"},
                  "Done": {"Type": "Succeed"}}}
                """.formatted(LOOP_ROUNDS);
    }
}
