package dev.fanout.lambda.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.error.StorageUnavailableException;
import dev.fanout.core.error.TaskTokenRejectedException;
import dev.fanout.core.model.JobStatus;
import dev.fanout.core.port.Executions;
import dev.fanout.core.port.Executions.StartOutcome;
import dev.fanout.lambda.support.SfnStub;
import dev.fanout.lambda.support.TestEnv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SfnAdaptersIT {
    private SfnStub stub;
    private AwsClients clients;

    @BeforeEach
    void start() throws Exception {
        stub = new SfnStub();
        clients = AwsClients.from(TestEnv.create().sfn(stub.endpoint()).toMap());
    }

    @AfterEach
    void stop() {
        clients.close();
        stub.close();
    }

    @Nested
    class TaskCallbacks {
        @Test
        void sendsTokenAndOutputOnSuccess() {
            new SfnTaskCallbacks(clients.sfn()).succeed("token-1", "{\"index\":4}");

            var call = stub.calls("SendTaskSuccess").getFirst();
            assertThat(call.body().path("taskToken").asText()).isEqualTo("token-1");
            assertThat(call.body().path("output").asText()).isEqualTo("{\"index\":4}");
        }

        @Test
        void sendsErrorAndCauseOnFailure_withinTheServiceLimits() {
            String longCause = "x".repeat(40_000);

            new SfnTaskCallbacks(clients.sfn()).fail("token-2", "dev.fanout.core.error.MalformedRecordException",
                    longCause);

            var call = stub.calls("SendTaskFailure").getFirst();
            assertThat(call.body().path("error").asText()).isEqualTo("dev.fanout.core.error.MalformedRecordException");
            assertThat(call.body().path("cause").asText()).hasSize(32_768).startsWith("xxx");
        }

        @Test
        void sendsHeartbeats() {
            new SfnTaskCallbacks(clients.sfn()).heartbeat("token-3");

            assertThat(stub.calls("SendTaskHeartbeat")).singleElement()
                    .satisfies(c -> assertThat(c.body().path("taskToken").asText()).isEqualTo("token-3"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"TaskTimedOut", "InvalidToken", "TaskDoesNotExist"})
        void rejectsWithTheServiceCode_whenTheTaskIsOverOrUnknown(String code) {
            stub.failNext("SendTaskSuccess", 400, code, "Task Timed Out: 'token'");

            assertThatThrownBy(() -> new SfnTaskCallbacks(clients.sfn()).succeed("token", "{}"))
                    .isInstanceOfSatisfying(TaskTokenRejectedException.class,
                            e -> assertThat(e.code()).isEqualTo(code))
                    .hasMessageContaining("SendTaskSuccess");
        }

        @Test
        void reportsServiceTroubleAsRetryable() {
            for (int i = 0; i < 5; i++) {
                stub.failNext("SendTaskHeartbeat", 500, "ServiceUnavailable", "try later");
            }

            assertThatThrownBy(() -> new SfnTaskCallbacks(clients.sfn()).heartbeat("token"))
                    .isInstanceOf(StorageUnavailableException.class);
        }
    }

    @Nested
    class ExecutionsOfTheStateMachine {
        private Executions executions() {
            return new SfnExecutions(clients.sfn(), SfnStub.STATE_MACHINE_ARN);
        }

        @Test
        void startsWithTheJobIdAsName() {
            assertThat(executions().start("job-1", "{\"jobId\":\"job-1\"}")).isEqualTo(StartOutcome.STARTED);

            var call = stub.calls("StartExecution").getFirst();
            assertThat(call.body().path("name").asText()).isEqualTo("job-1");
            assertThat(call.body().path("stateMachineArn").asText()).isEqualTo(SfnStub.STATE_MACHINE_ARN);
            assertThat(call.body().path("input").asText()).isEqualTo("{\"jobId\":\"job-1\"}");
        }

        @Test
        void reportsAlreadyExists_whenTheNameIsTaken() {
            stub.failNext("StartExecution", 400, "ExecutionAlreadyExists", "Execution Already Exists");

            assertThat(executions().start("job-2", "{}")).isEqualTo(StartOutcome.ALREADY_EXISTS);
        }

        @Test
        void describesByTheExecutionArnDerivedFromTheStateMachine() {
            executions().start("job-3", "{}");
            stub.mapRun("job-3", 10, 7, 1);

            Executions.ExecutionView view = executions().describe("job-3").orElseThrow();

            assertThat(stub.calls("DescribeExecution").getFirst().body().path("executionArn").asText())
                    .isEqualTo("arn:aws:states:us-east-1:000000000000:execution:fanout:job-3");
            assertThat(view.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(view.startedAt()).isNotNull();
            assertThat(view.chunksTotal()).isEqualTo(10);
            assertThat(view.chunksSucceeded()).isEqualTo(7);
            assertThat(view.chunksFailed()).isEqualTo(1);
        }

        @Test
        void describesChunkCountsAsUnknown_beforeTheMapRunStarts() {
            executions().start("job-4", "{}");

            Executions.ExecutionView view = executions().describe("job-4").orElseThrow();

            assertThat(view.chunksTotal()).isEqualTo(-1);
            assertThat(view.chunksSucceeded()).isEqualTo(-1);
            assertThat(view.chunksFailed()).isEqualTo(-1);
        }

        @Test
        void describesNothing_forAnUnknownJob() {
            assertThat(executions().describe("no-such-job")).isEmpty();
        }
    }
}
