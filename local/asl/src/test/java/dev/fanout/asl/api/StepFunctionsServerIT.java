package dev.fanout.asl.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.asl.AslEngine;
import dev.fanout.asl.port.Integrations;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** Drives the endpoint with the real SDK v2 SfnClient, as the handlers and the AWS CLI would. */
class StepFunctionsServerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::123456789012:role/StepFunctions";
    private static final String QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/work";

    /** A chunk is sent to a queue with a task token; the worker's answer becomes $.result. */
    private static final String CALLBACK = """
            {"StartAt": "Dispatch", "States": {"Dispatch": {
              "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Parameters": {"QueueUrl": "%s",
                             "MessageBody": {"chunk.$": "$.chunk", "TaskToken.$": "$$.Task.Token"}},
              "ResultPath": "$.result", "End": true}}}
            """.formatted(QUEUE);

    private final CapturingSqsSender sqs = new CapturingSqsSender();
    private AslEngine engine;
    private StepFunctionsServer server;
    private SfnClient sfn;

    @BeforeEach
    void start() {
        engine = AslEngine.builder().integrations(Integrations.none().withSqs(sqs)).build();
        server = StepFunctionsServer.start(new StepFunctionsService(engine), 0);
        sfn = SfnClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterEach
    void stop() {
        sfn.close();
        server.close();
        engine.close();
    }

    private String createCallbackMachine(String name) {
        return sfn.createStateMachine(b -> b.name(name).definition(CALLBACK).roleArn(ROLE)).stateMachineArn();
    }

    private String startChunk(String machineArn, String name, int chunk) {
        return sfn.startExecution(b -> b.stateMachineArn(machineArn).name(name).input("{\"chunk\":" + chunk + "}"))
                .executionArn();
    }

    private void awaitEnd(String executionArn) throws InterruptedException {
        assertThat(server.service().describeExecution(executionArn).await(Duration.ofSeconds(10)))
                .isNotEqualTo(dev.fanout.asl.ExecutionStatus.RUNNING);
    }

    /** Answers the next task token sent to the queue with SendTaskSuccess. */
    private void succeedNextTask(String output) throws InterruptedException {
        String token = sqs.nextToken();
        sfn.sendTaskSuccess(b -> b.taskToken(token).output(output));
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Nested
    class Callback {
        @Test
        void completesWithTheOutputSentBySendTaskSuccess() throws Exception {
            String machine = createCallbackMachine("chunks");
            String execution = startChunk(machine, "job-1", 7);

            JsonNode message = sqs.nextBody();
            assertThat(message.get("chunk").asInt()).isEqualTo(7);
            sfn.sendTaskSuccess(b -> b.taskToken(message.get("TaskToken").textValue()).output("{\"partial\":14}"));
            awaitEnd(execution);

            DescribeExecutionResponse described = sfn.describeExecution(b -> b.executionArn(execution));
            assertThat(described.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(json(described.output())).isEqualTo(json("{\"chunk\":7,\"result\":{\"partial\":14}}"));
            assertThat(json(described.input())).isEqualTo(json("{\"chunk\":7}"));
            assertThat(described.name()).isEqualTo("job-1");
            assertThat(described.stateMachineArn()).isEqualTo(machine);
            assertThat(described.stopDate()).isAfterOrEqualTo(described.startDate());
        }

        @Test
        void recordsTheCallbackInTheHistory() throws Exception {
            String execution = startChunk(createCallbackMachine("chunks"), "job-1", 7);
            succeedNextTask("{\"partial\":14}");
            awaitEnd(execution);

            List<HistoryEvent> events = sfn.getExecutionHistory(b -> b.executionArn(execution)).events();

            assertThat(events).extracting(HistoryEvent::type).containsSubsequence(
                    HistoryEventType.EXECUTION_STARTED, HistoryEventType.TASK_STATE_ENTERED,
                    HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_SUCCEEDED,
                    HistoryEventType.TASK_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED);
            assertThat(events).extracting(HistoryEvent::id)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, events.size()).boxed().toList());
            assertThat(events.get(0).executionStartedEventDetails().input()).isNotNull();
            assertThat(json(events.get(0).executionStartedEventDetails().input())).isEqualTo(json("{\"chunk\":7}"));
            HistoryEvent scheduled = events.stream()
                    .filter(e -> e.type() == HistoryEventType.TASK_SCHEDULED).findFirst().orElseThrow();
            assertThat(scheduled.taskScheduledEventDetails().resourceType()).isEqualTo("sqs");
            assertThat(scheduled.taskScheduledEventDetails().resource()).isEqualTo("sendMessage.waitForTaskToken");
            HistoryEvent succeeded = events.stream()
                    .filter(e -> e.type() == HistoryEventType.TASK_SUCCEEDED).findFirst().orElseThrow();
            assertThat(json(succeeded.taskSucceededEventDetails().output())).isEqualTo(json("{\"partial\":14}"));
            HistoryEvent last = events.get(events.size() - 1);
            assertThat(json(last.executionSucceededEventDetails().output()))
                    .isEqualTo(json("{\"chunk\":7,\"result\":{\"partial\":14}}"));
            assertThat(events).allSatisfy(e -> assertThat(e.timestamp()).isNotNull());
        }

        @Test
        void pagesTheHistoryInReverseOrder() throws Exception {
            String execution = startChunk(createCallbackMachine("chunks"), "job-1", 7);
            succeedNextTask("{}");
            awaitEnd(execution);
            List<HistoryEvent> all = sfn.getExecutionHistory(b -> b.executionArn(execution)).events();

            List<HistoryEvent> reversed = sfn.getExecutionHistoryPaginator(
                    b -> b.executionArn(execution).reverseOrder(true).maxResults(2)).events().stream().toList();

            assertThat(reversed).extracting(HistoryEvent::id)
                    .containsExactlyElementsOf(all.stream().map(HistoryEvent::id).sorted((a, b) -> Long.compare(b, a))
                            .toList());
            assertThat(sfn.getExecutionHistory(b -> b.executionArn(execution).maxResults(2)).nextToken()).isNotNull();
        }

        @Test
        void failsWithTheErrorAndCauseSentBySendTaskFailure() throws Exception {
            String execution = startChunk(createCallbackMachine("chunks"), "job-2", 3);

            String token = sqs.nextToken();
            sfn.sendTaskFailure(b -> b.taskToken(token).error("Chunk.BadData").cause("line 12 is not CSV"));
            awaitEnd(execution);

            DescribeExecutionResponse described = sfn.describeExecution(b -> b.executionArn(execution));
            assertThat(described.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(described.error()).isEqualTo("Chunk.BadData");
            assertThat(described.cause()).isEqualTo("line 12 is not CSV");
            assertThat(described.output()).isNull();
        }

        @Test
        void refusesALateSecondAnswerWithTaskTimedOut() throws Exception {
            String execution = startChunk(createCallbackMachine("chunks"), "job-3", 1);
            String token = sqs.nextToken();
            sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}"));
            awaitEnd(execution);

            assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")))
                    .isInstanceOf(TaskTimedOutException.class);
            assertThatThrownBy(() -> sfn.sendTaskHeartbeat(b -> b.taskToken(token)))
                    .isInstanceOf(TaskTimedOutException.class);
        }

        @Test
        void refusesAnswersForAStoppedExecutionWithTaskTimedOut() throws Exception {
            String execution = startChunk(createCallbackMachine("chunks"), "job-4", 1);
            String token = sqs.nextToken();

            sfn.stopExecution(b -> b.executionArn(execution).error("Operator.Stop").cause("no longer needed"));
            awaitEnd(execution);

            DescribeExecutionResponse described = sfn.describeExecution(b -> b.executionArn(execution));
            assertThat(described.status()).isEqualTo(ExecutionStatus.ABORTED);
            assertThat(described.error()).isEqualTo("Operator.Stop");
            assertThat(described.cause()).isEqualTo("no longer needed");
            assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")))
                    .isInstanceOf(TaskTimedOutException.class);
        }

        @Test
        void acceptsHeartbeatsWhileTheTaskWaits() throws Exception {
            String execution = startChunk(createCallbackMachine("chunks"), "job-5", 1);
            String token = sqs.nextToken();

            sfn.sendTaskHeartbeat(b -> b.taskToken(token));
            sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"done\":true}"));
            awaitEnd(execution);

            assertThat(sfn.describeExecution(b -> b.executionArn(execution)).status())
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
        }
    }

    @Nested
    class StartExecution {
        @Test
        void isIdempotentForTheSameNameAndInputWhileRunning() throws Exception {
            String machine = createCallbackMachine("chunks");
            StartExecutionResponse first = sfn.startExecution(b -> b.stateMachineArn(machine).name("job-1")
                    .input("{\"chunk\":1}"));
            StartExecutionResponse again = sfn.startExecution(b -> b.stateMachineArn(machine).name("job-1")
                    .input("{\"chunk\":1}"));

            assertThat(again.executionArn()).isEqualTo(first.executionArn());
            assertThat(again.startDate()).isEqualTo(first.startDate());
            assertThat(first.executionArn()).isEqualTo("arn:aws:states:us-east-1:123456789012:execution:chunks:job-1");
            succeedNextTask("{}");
        }

        @Test
        void refusesTheSameNameWithOtherInput() {
            String machine = createCallbackMachine("chunks");
            startChunk(machine, "job-1", 1);

            assertThatThrownBy(() -> startChunk(machine, "job-1", 2))
                    .isInstanceOf(ExecutionAlreadyExistsException.class)
                    .hasMessageContaining("arn:aws:states:us-east-1:123456789012:execution:chunks:job-1");
        }

        @Test
        void refusesTheSameNameAndInputOnceTheExecutionHasEnded() throws Exception {
            String machine = createCallbackMachine("chunks");
            String execution = startChunk(machine, "job-1", 1);
            succeedNextTask("{}");
            awaitEnd(execution);

            assertThatThrownBy(() -> startChunk(machine, "job-1", 1))
                    .isInstanceOf(ExecutionAlreadyExistsException.class);
        }

        @Test
        void refusesNamesAwsRejects() {
            String machine = createCallbackMachine("chunks");

            assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(machine).name("job 1")))
                    .isInstanceOf(InvalidNameException.class);
            assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(machine).name("x".repeat(81))))
                    .isInstanceOf(InvalidNameException.class);
        }

        @Test
        void refusesInputThatIsNotJson() {
            String machine = createCallbackMachine("chunks");

            assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(machine).input("{chunk: 1")))
                    .isInstanceOf(InvalidExecutionInputException.class);
        }

        @Test
        void refusesAnUnknownStateMachine() {
            assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(
                    "arn:aws:states:us-east-1:123456789012:stateMachine:nothing-here")))
                    .isInstanceOf(StateMachineDoesNotExistException.class);
        }

        @Test
        void generatesANameWhenNoneIsGiven() throws Exception {
            String machine = createCallbackMachine("chunks");
            String execution = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"chunk\":1}"))
                    .executionArn();

            assertThat(execution).startsWith("arn:aws:states:us-east-1:123456789012:execution:chunks:");
            assertThat(sfn.describeExecution(b -> b.executionArn(execution)).name()).isNotBlank();
            succeedNextTask("{}");
        }
    }

    @Nested
    class StateMachines {
        @Test
        void describesACreatedStateMachine() {
            CreateStateMachineResponse created = sfn.createStateMachine(b -> b.name("chunks").definition(CALLBACK)
                    .roleArn(ROLE));

            var described = sfn.describeStateMachine(b -> b.stateMachineArn(created.stateMachineArn()));

            assertThat(created.stateMachineArn()).isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:chunks");
            assertThat(described.name()).isEqualTo("chunks");
            assertThat(described.definition()).isEqualTo(CALLBACK);
            assertThat(described.roleArn()).isEqualTo(ROLE);
            assertThat(described.typeAsString()).isEqualTo("STANDARD");
            assertThat(described.statusAsString()).isEqualTo("ACTIVE");
            assertThat(described.creationDate()).isEqualTo(created.creationDate());
        }

        @Test
        void createIsIdempotentForTheSameDefinition() {
            String first = createCallbackMachine("chunks");
            String again = sfn.createStateMachine(b -> b.name("chunks").definition(CALLBACK)
                    .roleArn("arn:aws:iam::123456789012:role/Other")).stateMachineArn();

            assertThat(again).isEqualTo(first);
        }

        @Test
        void refusesTheSameNameWithAnotherDefinition() {
            createCallbackMachine("chunks");

            assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("chunks").roleArn(ROLE).definition(
                    "{\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Succeed\"}}}")))
                    .isInstanceOf(StateMachineAlreadyExistsException.class);
        }

        @Test
        void refusesADefinitionWithTheEnginesMessage() {
            assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("broken").roleArn(ROLE).definition(
                    "{\"StartAt\":\"Nowhere\",\"States\":{\"S\":{\"Type\":\"Succeed\"}}}")))
                    .isInstanceOf(InvalidDefinitionException.class)
                    .hasMessageContaining("Nowhere");
        }

        @Test
        void listsStateMachinesByNameAcrossPages() {
            for (String name : List.of("c", "a", "b")) {
                sfn.createStateMachine(b -> b.name(name).definition(CALLBACK).roleArn(ROLE));
            }

            List<String> names = sfn.listStateMachinesPaginator(b -> b.maxResults(2)).stateMachines().stream()
                    .map(StateMachineListItem::name).toList();

            assertThat(names).containsExactly("a", "b", "c");
        }

        @Test
        void forgetsADeletedStateMachine() {
            String machine = createCallbackMachine("chunks");

            sfn.deleteStateMachine(b -> b.stateMachineArn(machine));

            assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn(machine)))
                    .isInstanceOf(StateMachineDoesNotExistException.class);
        }

        @Test
        void requiresARoleArn() {
            assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("x").definition(CALLBACK)))
                    .isInstanceOf(ValidationException.class);
        }
    }

    @Nested
    class ListExecutions {
        @Test
        void listsNewestFirstAndFiltersByStatus() throws Exception {
            String machine = createCallbackMachine("chunks");
            String done = startChunk(machine, "first", 1);
            succeedNextTask("{}");
            awaitEnd(done);
            startChunk(machine, "second", 2);
            startChunk(machine, "third", 3);

            List<String> all = sfn.listExecutionsPaginator(b -> b.stateMachineArn(machine).maxResults(1))
                    .executions().stream().map(ExecutionListItem::name).toList();
            List<String> running = sfn.listExecutions(b -> b.stateMachineArn(machine)
                    .statusFilter(ExecutionStatus.RUNNING)).executions().stream().map(ExecutionListItem::name).toList();

            assertThat(all).containsExactly("third", "second", "first");
            assertThat(running).containsExactly("third", "second");
        }
    }

    @Nested
    class MapRuns {
        private static final String DISTRIBUTED = """
                {"StartAt": "EachItem", "States": {"EachItem": {
                  "Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2, "ToleratedFailureCount": 1,
                  "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "Double", "States": {"Double": {"Type": "Pass", "End": true}}},
                  "End": true}}}
                """;

        @Test
        void listsAndDescribesTheMapRunOfADistributedMap() throws Exception {
            String machine = sfn.createStateMachine(b -> b.name("fan").definition(DISTRIBUTED).roleArn(ROLE))
                    .stateMachineArn();
            String execution = sfn.startExecution(b -> b.stateMachineArn(machine).name("run-1")
                    .input("{\"items\":[1,2,3]}")).executionArn();
            awaitEnd(execution);

            var runs = sfn.listMapRuns(b -> b.executionArn(execution)).mapRuns();
            assertThat(runs).singleElement().satisfies(run -> {
                assertThat(run.executionArn()).isEqualTo(execution);
                assertThat(run.mapRunArn()).startsWith("arn:aws:states:us-east-1:123456789012:mapRun:fan/");
                assertThat(run.stateMachineArn()).startsWith("arn:aws:states:us-east-1:123456789012:stateMachine:fan/");
            });
            var described = sfn.describeMapRun(b -> b.mapRunArn(runs.get(0).mapRunArn()));

            assertThat(described.statusAsString()).isEqualTo("SUCCEEDED");
            assertThat(described.maxConcurrency()).isEqualTo(2);
            assertThat(described.toleratedFailureCount()).isEqualTo(1);
            assertThat(described.itemCounts().total()).isEqualTo(3);
            assertThat(described.itemCounts().succeeded()).isEqualTo(3);
            assertThat(described.executionCounts().succeeded()).isEqualTo(3);
            assertThat(described.stopDate()).isNotNull();
            assertThat(json(sfn.describeExecution(b -> b.executionArn(execution)).output()))
                    .isEqualTo(json("[1,2,3]"));
        }
    }

    @Nested
    class Errors {
        @Test
        void unknownExecutionIsExecutionDoesNotExist() {
            assertThatThrownBy(() -> sfn.describeExecution(b -> b.executionArn(
                    "arn:aws:states:us-east-1:123456789012:execution:chunks:nope")))
                    .isInstanceOf(ExecutionDoesNotExistException.class);
        }

        @Test
        void arnOfTheWrongKindIsInvalidArn() {
            assertThatThrownBy(() -> sfn.describeExecution(b -> b.executionArn(
                    "arn:aws:states:us-east-1:123456789012:stateMachine:chunks")))
                    .isInstanceOf(InvalidArnException.class);
        }

        @Test
        void malformedTaskTokenIsInvalidToken() {
            assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken("not-a-token").output("{}")))
                    .isInstanceOf(InvalidTokenException.class);
        }

        @Test
        void errorsCarryTheHttpStatusAndCode() {
            assertThatThrownBy(() -> sfn.describeExecution(b -> b.executionArn(
                    "arn:aws:states:us-east-1:123456789012:execution:chunks:nope")))
                    .isInstanceOfSatisfying(ExecutionDoesNotExistException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExecutionDoesNotExist");
                    });
        }
    }
}
