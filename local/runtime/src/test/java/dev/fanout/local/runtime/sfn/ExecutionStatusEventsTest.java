package dev.fanout.local.runtime.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fanout.asl.AslEngine;
import dev.fanout.asl.Execution;
import dev.fanout.asl.ExecutionStatus;
import dev.fanout.asl.api.StateMachineType;
import dev.fanout.asl.api.StepFunctionsService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The failure-report rule, read from the engine in this process: each execution that ends FAILED (or TIMED_OUT,
 * ABORTED) reaches the target once, with the rule's input; a succeeded one never; a failed delivery comes again.
 */
class ExecutionStatusEventsTest {
    private static final String FAILING = """
            {"StartAt": "Fail", "States": {"Fail": {"Type": "Fail", "Error": "Boom", "Cause": "test"}}}""";
    private static final String SUCCEEDING = """
            {"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}""";

    private final AslEngine engine = AslEngine.builder().region("us-east-1").accountId("000000000000").build();
    private final StepFunctionsService service = new StepFunctionsService(engine);
    private final List<String> delivered = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        engine.close();
    }

    private String machine(String name, String definition) {
        return service.createStateMachine(name, definition, "arn:aws:iam::000000000000:role/test",
                StateMachineType.STANDARD).arn();
    }

    @Test
    void deliversEachFailedExecutionOnceAndNoSucceededOne() throws Exception {
        String arn = machine("fanout-pipeline", FAILING);
        try (ExecutionStatusEvents events = ExecutionStatusEvents.start(service, arn, Duration.ofMillis(10),
                delivered::add)) {
            Execution failed = service.startExecution(arn, "job-1", "{}");
            assertThat(failed.await(Duration.ofSeconds(30))).isEqualTo(ExecutionStatus.FAILED);

            await().atMost(Duration.ofSeconds(30)).until(() -> !delivered.isEmpty());
            // many more polls see the same end: it is not delivered again
            Thread.sleep(200);
            assertThat(delivered).containsExactly("{\"action\":\"reportFailure\",\"jobId\":\"job-1\","
                    + "\"executionArn\":\"arn:aws:states:us-east-1:000000000000:execution:fanout-pipeline:job-1\"}");
        }
    }

    @Test
    void ignoresSucceededExecutionsAndOtherMachines() throws Exception {
        String pipeline = machine("fanout-pipeline", SUCCEEDING);
        String other = machine("other", FAILING);
        try (ExecutionStatusEvents events = ExecutionStatusEvents.start(service, pipeline, Duration.ofMillis(10),
                delivered::add)) {
            assertThat(service.startExecution(pipeline, "job-ok", "{}").await(Duration.ofSeconds(30)))
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(service.startExecution(other, "job-other", "{}").await(Duration.ofSeconds(30)))
                    .isEqualTo(ExecutionStatus.FAILED);
            // some twenty polls later
            Thread.sleep(200);
            assertThat(delivered).isEmpty();
        }
    }

    @Test
    void aFailedDeliveryIsTriedAgain() throws Exception {
        String arn = machine("fanout-pipeline", FAILING);
        AtomicInteger attempts = new AtomicInteger();
        try (ExecutionStatusEvents events = ExecutionStatusEvents.start(service, arn, Duration.ofMillis(10),
                payload -> {
                    if (attempts.incrementAndGet() == 1) {
                        throw new IllegalStateException("the reducer failed");
                    }
                    delivered.add(payload);
                })) {
            service.startExecution(arn, "job-1", "{}").await(Duration.ofSeconds(30));

            await().atMost(Duration.ofSeconds(30)).until(() -> !delivered.isEmpty());
            Thread.sleep(200);
            assertThat(attempts).hasValue(2);
            assertThat(delivered).hasSize(1);
        }
    }
}
