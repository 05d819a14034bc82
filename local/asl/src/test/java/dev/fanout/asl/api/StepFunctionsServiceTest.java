package dev.fanout.asl.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.asl.AslEngine;
import dev.fanout.asl.Execution;
import dev.fanout.asl.ExecutionStatus;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StepFunctionsServiceTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/r";
    private static final String PASS = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";

    private final AslEngine engine = AslEngine.builder().region("eu-west-1").accountId("111122223333").build();
    private final StepFunctionsService service = new StepFunctionsService(engine);

    @AfterEach
    void close() {
        engine.close();
    }

    private static Consumer<Throwable> code(SfnErrorCode expected) {
        return t -> assertThat(((StepFunctionsException) t).errorCode()).isEqualTo(expected);
    }

    @Test
    void usesTheEnginesRegionAndAccountInArns() throws Exception {
        StateMachineInfo machine = service.createStateMachine("m", PASS, ROLE, StateMachineType.STANDARD);
        Execution execution = service.startExecution(machine.arn(), "e", "{}");
        execution.await(Duration.ofSeconds(5));

        assertThat(machine.arn()).isEqualTo("arn:aws:states:eu-west-1:111122223333:stateMachine:m");
        assertThat(execution.arn()).isEqualTo("arn:aws:states:eu-west-1:111122223333:execution:m:e");
        assertThat(service.describeExecution(execution.arn())).isSameAs(execution);
    }

    @Test
    void runsTheExecutionWithTheGivenInput() throws Exception {
        StateMachineInfo machine = service.createStateMachine("m", PASS, ROLE, StateMachineType.STANDARD);

        Execution execution = service.startExecution(machine.arn(), "e", "{\"a\":[1,2]}");

        assertThat(execution.await(Duration.ofSeconds(5))).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(execution.output()).hasValueSatisfying(o -> assertThat(o.replace(" ", "")).isEqualTo("{\"a\":[1,2]}"));
    }

    @Test
    void startsWithEmptyObjectInputWhenNoneIsGiven() throws Exception {
        StateMachineInfo machine = service.createStateMachine("m", PASS, ROLE, StateMachineType.STANDARD);

        Execution execution = service.startExecution(machine.arn(), null, null);

        assertThat(execution.await(Duration.ofSeconds(5))).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(execution.input().replace(" ", "")).isEqualTo("{}");
    }

    @Test
    void keepsExecutionsVisibleAfterTheirStateMachineIsDeleted() throws Exception {
        StateMachineInfo machine = service.createStateMachine("m", PASS, ROLE, StateMachineType.STANDARD);
        Execution execution = service.startExecution(machine.arn(), "e", "{}");
        execution.await(Duration.ofSeconds(5));

        service.deleteStateMachine(machine.arn());

        assertThat(service.describeExecution(execution.arn()).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(service.listStateMachines()).isEmpty();
    }

    @Test
    void refusesToListExecutionsOfExpressMachinesAsAwsDoes() {
        StateMachineInfo machine = service.createStateMachine("x", PASS, ROLE, StateMachineType.EXPRESS);

        assertThatThrownBy(() -> service.listExecutions(machine.arn(), null))
                .satisfies(code(SfnErrorCode.STATE_MACHINE_TYPE_NOT_SUPPORTED));
    }

    @Test
    void sameDefinitionWithAnotherTypeIsAnotherStateMachine() {
        service.createStateMachine("m", PASS, ROLE, StateMachineType.STANDARD);

        assertThatThrownBy(() -> service.createStateMachine("m", PASS, ROLE, StateMachineType.EXPRESS))
                .satisfies(code(SfnErrorCode.STATE_MACHINE_ALREADY_EXISTS));
    }

    @Test
    void sendTaskSuccessRefusesOutputThatIsNotJson() {
        assertThatThrownBy(() -> service.sendTaskSuccess("token", "{oops"))
                .satisfies(code(SfnErrorCode.INVALID_OUTPUT));
    }

    @Test
    void unknownMapRunIsResourceNotFound() {
        assertThatThrownBy(() -> service.describeMapRun(
                "arn:aws:states:eu-west-1:111122223333:mapRun:m/Map:00000000-0000-0000-0000-000000000000"))
                .satisfies(code(SfnErrorCode.RESOURCE_NOT_FOUND));
    }

    @Test
    void stoppingAFinishedExecutionLeavesItAsItWas() throws Exception {
        StateMachineInfo machine = service.createStateMachine("m", PASS, ROLE, StateMachineType.STANDARD);
        Execution execution = service.startExecution(machine.arn(), "e", "{}");
        execution.await(Duration.ofSeconds(5));

        service.stopExecution(execution.arn(), "E", "C");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }
}
