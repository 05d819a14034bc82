package dev.fanout.asl.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.asl.AslEngine;
import dev.fanout.asl.port.Integrations;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveFilter;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveStatus;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.RedriveExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.SfnException;
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

    private String sqsToken() throws InterruptedException {
        return sqs.nextToken();
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
    class Redrive {
        @Test
        void redrivesAFailedExecutionFromItsFailedState() throws Exception {
            String execution = startChunk(createCallbackMachine("chunks"), "job-1", 7);
            String failedToken = sqsToken();
            sfn.sendTaskFailure(b -> b.taskToken(failedToken).error("Chunk.Transient").cause("try again"));
            awaitEnd(execution);
            DescribeExecutionResponse failed = sfn.describeExecution(b -> b.executionArn(execution));
            assertThat(failed.redriveStatus()).isEqualTo(ExecutionRedriveStatus.REDRIVABLE);
            assertThat(failed.redriveCount()).isZero();
            assertThat(failed.redriveDate()).isNull();

            RedriveExecutionResponse redriven = sfn.redriveExecution(b -> b.executionArn(execution)
                    .clientToken("redrive-1"));

            DescribeExecutionResponse running = sfn.describeExecution(b -> b.executionArn(execution));
            assertThat(running.status()).isEqualTo(ExecutionStatus.RUNNING);
            assertThat(running.redriveCount()).isEqualTo(1);
            assertThat(running.redriveDate()).isEqualTo(redriven.redriveDate());
            assertThat(running.error()).isNull();
            succeedNextTask("{\"partial\":14}");
            awaitEnd(execution);
            DescribeExecutionResponse done = sfn.describeExecution(b -> b.executionArn(execution));
            assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(json(done.output())).isEqualTo(json("{\"chunk\":7,\"result\":{\"partial\":14}}"));
            assertThat(done.redriveStatus()).isEqualTo(ExecutionRedriveStatus.NOT_REDRIVABLE);
            assertThat(done.redriveStatusReason()).isEqualTo("Execution is SUCCEEDED and cannot be redriven");
            List<HistoryEvent> events = sfn.getExecutionHistory(b -> b.executionArn(execution)).events();
            assertThat(events).extracting(HistoryEvent::type).containsSubsequence(HistoryEventType.EXECUTION_FAILED,
                    HistoryEventType.EXECUTION_REDRIVEN, HistoryEventType.TASK_STATE_ENTERED,
                    HistoryEventType.TASK_SUCCEEDED, HistoryEventType.EXECUTION_SUCCEEDED);
            assertThat(events.stream().filter(e -> e.type() == HistoryEventType.EXECUTION_REDRIVEN).findFirst()
                    .orElseThrow().executionRedrivenEventDetails().redriveCount()).isEqualTo(1);
            assertThat(sfn.listExecutions(b -> b.stateMachineArn(done.stateMachineArn())
                    .redriveFilter(ExecutionRedriveFilter.REDRIVEN)).executions())
                    .singleElement().satisfies(e -> assertThat(e.redriveCount()).isEqualTo(1));
        }

        @Test
        void theSameClientTokenAnswersTheSameRedrive() throws Exception {
            String execution = startChunk(createCallbackMachine("chunks"), "job-1", 7);
            String failedToken = sqsToken();
            sfn.sendTaskFailure(b -> b.taskToken(failedToken).error("Chunk.Transient"));
            awaitEnd(execution);
            RedriveExecutionResponse first = sfn.redriveExecution(b -> b.executionArn(execution).clientToken("t-1"));

            RedriveExecutionResponse again = sfn.redriveExecution(b -> b.executionArn(execution).clientToken("t-1"));

            assertThat(again.redriveDate()).isEqualTo(first.redriveDate());
            assertThat(sfn.describeExecution(b -> b.executionArn(execution)).redriveCount()).isEqualTo(1);
            assertThatThrownBy(() -> sfn.redriveExecution(b -> b.executionArn(execution).clientToken("t-2")))
                    .isInstanceOfSatisfying(ExecutionNotRedrivableException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Execution is RUNNING and cannot be redriven");
                    });
            succeedNextTask("{}");
        }

        @Test
        void refusesWhatAwsRefuses() throws Exception {
            String execution = startChunk(createCallbackMachine("chunks"), "job-1", 7);
            succeedNextTask("{}");
            awaitEnd(execution);

            assertThatThrownBy(() -> sfn.redriveExecution(b -> b.executionArn(execution)))
                    .isInstanceOf(ExecutionNotRedrivableException.class)
                    .hasMessageContaining("Execution is SUCCEEDED and cannot be redriven");
            assertThatThrownBy(() -> sfn.redriveExecution(b -> b.executionArn(
                    "arn:aws:states:us-east-1:123456789012:execution:chunks:nope")))
                    .isInstanceOf(ExecutionDoesNotExistException.class);
            assertThatThrownBy(() -> sfn.redriveExecution(b -> b.executionArn("not-an-arn")))
                    .isInstanceOf(InvalidArnException.class);
            assertThatThrownBy(() -> sfn.redriveExecution(b -> b.executionArn(execution).clientToken("a b")))
                    .isInstanceOf(ValidationException.class);
        }

        @Test
        void anExecutionOfADeletedStateMachineIsNotRedrivable() throws Exception {
            String machine = createCallbackMachine("chunks");
            String execution = startChunk(machine, "job-1", 7);
            String failedToken = sqsToken();
            sfn.sendTaskFailure(b -> b.taskToken(failedToken).error("Chunk.Transient"));
            awaitEnd(execution);

            sfn.deleteStateMachine(b -> b.stateMachineArn(machine));

            assertThat(sfn.describeExecution(b -> b.executionArn(execution)).redriveStatusReason())
                    .isEqualTo("State machine is in DELETING status");
            assertThatThrownBy(() -> sfn.redriveExecution(b -> b.executionArn(execution)))
                    .isInstanceOf(ExecutionNotRedrivableException.class);
        }
    }

    @Nested
    class MapRunChildren {
        /** Three chunks, two at a time, each a child execution waiting for its worker's task token. */
        private static final String FAN_OUT = """
                {"StartAt": "EachChunk", "States": {"EachChunk": {
                  "Type": "Map", "MaxConcurrency": 2, "ToleratedFailureCount": 1,
                  "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "Dispatch", "States": {"Dispatch": {
                      "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                      "Parameters": {"QueueUrl": "%s",
                                     "MessageBody": {"chunk.$": "$", "TaskToken.$": "$$.Task.Token"}},
                      "End": true}}},
                  "End": true}}}
                """.formatted(QUEUE);

        private String startFanOut() {
            String machine = sfn.createStateMachine(b -> b.name("fan").definition(FAN_OUT).roleArn(ROLE))
                    .stateMachineArn();
            return sfn.startExecution(b -> b.stateMachineArn(machine).name("job-1").input("[1,2,3]"))
                    .executionArn();
        }

        @Test
        void describesTheMapRunAndItsChildrenWhileTheyRun() throws Exception {
            String execution = startFanOut();
            JsonNode first = sqs.nextBody();
            JsonNode second = sqs.nextBody();
            String mapRunArn = sfn.listMapRuns(b -> b.executionArn(execution)).mapRuns().get(0).mapRunArn();

            DescribeMapRunResponse running = sfn.describeMapRun(b -> b.mapRunArn(mapRunArn));
            assertThat(running.statusAsString()).isEqualTo("RUNNING");
            assertThat(running.executionCounts().running()).isEqualTo(2);
            assertThat(running.executionCounts().pending()).isEqualTo(1);
            assertThat(running.executionCounts().total()).isEqualTo(3);
            assertThat(running.executionCounts().pendingRedrive()).isZero();
            assertThat(running.executionCounts().failuresNotRedrivable()).isZero();
            assertThat(running.itemCounts().running()).isEqualTo(2);
            List<ExecutionListItem> children = sfn.listExecutionsPaginator(b -> b.mapRunArn(mapRunArn).maxResults(1))
                    .executions().stream().toList();
            assertThat(children).hasSize(2).allSatisfy(child -> {
                assertThat(child.status()).isEqualTo(ExecutionStatus.RUNNING);
                assertThat(child.mapRunArn()).isEqualTo(mapRunArn);
                assertThat(child.stateMachineArn())
                        .isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:fan/EachChunk");
                assertThat(child.executionArn())
                        .startsWith("arn:aws:states:us-east-1:123456789012:execution:fan/EachChunk:");
            });
            String childArn = children.get(0).executionArn();
            DescribeExecutionResponse child = sfn.describeExecution(b -> b.executionArn(childArn));
            assertThat(child.mapRunArn()).isEqualTo(mapRunArn);
            assertThat(child.status()).isEqualTo(ExecutionStatus.RUNNING);
            assertThat(child.redriveStatusReason()).isEqualTo("Execution is RUNNING and cannot be redriven");
            assertThat(sfn.getExecutionHistory(b -> b.executionArn(childArn)).events())
                    .extracting(HistoryEvent::type).startsWith(HistoryEventType.EXECUTION_STARTED,
                            HistoryEventType.TASK_STATE_ENTERED, HistoryEventType.TASK_SCHEDULED,
                            HistoryEventType.TASK_STARTED)
                    .doesNotContain(HistoryEventType.TASK_SUCCEEDED, HistoryEventType.EXECUTION_SUCCEEDED);

            sfn.sendTaskSuccess(b -> b.taskToken(first.get("TaskToken").textValue()).output("{}"));
            sfn.sendTaskFailure(b -> b.taskToken(second.get("TaskToken").textValue()).error("Chunk.Bad"));
            JsonNode third = sqs.nextBody();
            assertThat(sfn.listExecutions(b -> b.mapRunArn(mapRunArn).statusFilter(ExecutionStatus.FAILED))
                    .executions()).singleElement().satisfies(e -> assertThat(e.status())
                    .isEqualTo(ExecutionStatus.FAILED));
            sfn.sendTaskSuccess(b -> b.taskToken(third.get("TaskToken").textValue()).output("{}"));
            awaitEnd(execution);
            DescribeMapRunResponse done = sfn.describeMapRun(b -> b.mapRunArn(mapRunArn));
            assertThat(done.statusAsString()).isEqualTo("SUCCEEDED");
            assertThat(done.executionCounts().succeeded()).isEqualTo(2);
            assertThat(done.executionCounts().failed()).isEqualTo(1);
            assertThat(done.executionCounts().running()).isZero();
            assertThat(sfn.listExecutions(b -> b.mapRunArn(mapRunArn)).executions()).hasSize(3);
        }

        @Test
        void redrivingTheParentRerunsTheFailedChildOnly() throws Exception {
            String machine = sfn.createStateMachine(b -> b.name("fan").roleArn(ROLE)
                    .definition(FAN_OUT.replace("\"ToleratedFailureCount\": 1", "\"ToleratedFailureCount\": 0")))
                    .stateMachineArn();
            String execution = sfn.startExecution(b -> b.stateMachineArn(machine).name("job-1").input("[1]"))
                    .executionArn();
            String failedToken = sqsToken();
            sfn.sendTaskFailure(b -> b.taskToken(failedToken).error("Chunk.Transient"));
            awaitEnd(execution);
            String mapRunArn = sfn.listMapRuns(b -> b.executionArn(execution)).mapRuns().get(0).mapRunArn();
            String childArn = sfn.listExecutions(b -> b.mapRunArn(mapRunArn)).executions().get(0).executionArn();
            assertThat(sfn.describeExecution(b -> b.executionArn(childArn)).redriveStatus())
                    .isEqualTo(ExecutionRedriveStatus.REDRIVABLE_BY_MAP_RUN);

            sfn.redriveExecution(b -> b.executionArn(execution));
            succeedNextTask("{\"ok\":true}");
            awaitEnd(execution);

            DescribeMapRunResponse run = sfn.describeMapRun(b -> b.mapRunArn(mapRunArn));
            assertThat(run.redriveCount()).isEqualTo(1);
            assertThat(run.redriveDate()).isNotNull();
            assertThat(run.executionCounts().succeeded()).isEqualTo(1);
            DescribeExecutionResponse child = sfn.describeExecution(b -> b.executionArn(childArn));
            assertThat(child.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(child.redriveCount()).isEqualTo(1);
            assertThat(sfn.listExecutions(b -> b.mapRunArn(mapRunArn).redriveFilter(ExecutionRedriveFilter.REDRIVEN))
                    .executions()).extracting(ExecutionListItem::executionArn).containsExactly(childArn);
            assertThat(sfn.getExecutionHistory(b -> b.executionArn(execution)).events())
                    .filteredOn(e -> e.type() == HistoryEventType.MAP_RUN_REDRIVEN).singleElement()
                    .satisfies(e -> assertThat(e.mapRunRedrivenEventDetails().mapRunArn()).isEqualTo(mapRunArn));
        }

        @Test
        void refusesListingRequestsAwsRefuses() throws Exception {
            String execution = startFanOut();
            sqs.nextBody();
            String mapRunArn = sfn.listMapRuns(b -> b.executionArn(execution)).mapRuns().get(0).mapRunArn();
            String machine = sfn.describeExecution(b -> b.executionArn(execution)).stateMachineArn();

            assertThatThrownBy(() -> sfn.listExecutions(b -> b.stateMachineArn(machine).mapRunArn(mapRunArn)))
                    .isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> sfn.listExecutions(b -> b.stateMachineArn(machine)
                    .statusFilter(ExecutionStatus.PENDING_REDRIVE)))
                    .isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> sfn.listExecutions(b -> b.mapRunArn(mapRunArn + "0")))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> sfn.describeExecution(b -> b.executionArn(
                    "arn:aws:states:us-east-1:123456789012:execution:fan/EachChunk:nope")))
                    .isInstanceOf(ExecutionDoesNotExistException.class);
        }
    }

    @Nested
    class InjectedFaults {
        @Test
        void aThrottledCallbackIsRetriedByTheSdksStandardRetryMode() throws Exception {
            AtomicInteger attempts = new AtomicInteger();
            RequestFilter throttleFirstSuccess = (operation, body) -> operation.equals("SendTaskSuccess")
                    && attempts.incrementAndGet() == 1 ? Optional.of(ErrorAnswer.throttling()) : Optional.empty();
            try (StepFunctionsServer throttled = StepFunctionsServer.start(server.service(), 0, throttleFirstSuccess);
                 SfnClient client = client(throttled, RetryMode.STANDARD)) {
                String execution = startChunk(createCallbackMachine("chunks"), "job-1", 7);
                String token = sqsToken();

                client.sendTaskSuccess(b -> b.taskToken(token).output("{\"ok\":true}"));

                assertThat(attempts.get()).isEqualTo(2);
                awaitEnd(execution);
                assertThat(sfn.describeExecution(b -> b.executionArn(execution)).status())
                        .isEqualTo(ExecutionStatus.SUCCEEDED);
            }
        }

        @Test
        void theSdkSeesARealThrottlingError() {
            RequestFilter throttleAll = (operation, body) -> Optional.of(ErrorAnswer.throttling());
            try (StepFunctionsServer throttled = StepFunctionsServer.start(server.service(), 0, throttleAll);
                 SfnClient client = SfnClient.builder()
                         .endpointOverride(throttled.endpoint())
                         .region(Region.US_EAST_1)
                         .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")))
                         .httpClient(UrlConnectionHttpClient.create())
                         .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                         .build()) {
                assertThatThrownBy(() -> client.sendTaskHeartbeat(b -> b.taskToken("AQ" + "a".repeat(64))))
                        .isInstanceOfSatisfying(SfnException.class, e -> {
                            assertThat(e.isThrottlingException()).isTrue();
                            assertThat(e.statusCode()).isEqualTo(400);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
                        });
            }
        }

        @Test
        void theFilterSeesTheOperationAndItsParsedBody() throws Exception {
            List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            RequestFilter record = (operation, body) -> {
                seen.add(operation + " " + body.path("name").asText());
                return Optional.empty();
            };
            try (StepFunctionsServer observed = StepFunctionsServer.start(server.service(), 0, record);
                 SfnClient client = client(observed, RetryMode.STANDARD)) {
                client.createStateMachine(b -> b.name("watched").definition(CALLBACK).roleArn(ROLE));
            }

            assertThat(seen).containsExactly("CreateStateMachine watched");
        }

        private SfnClient client(StepFunctionsServer target, RetryMode mode) {
            return SfnClient.builder()
                    .endpointOverride(target.endpoint())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(o -> o.retryStrategy(mode))
                    .build();
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
