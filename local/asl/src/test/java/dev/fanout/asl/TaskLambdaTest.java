package dev.fanout.asl;

import static dev.fanout.asl.Harness.json;
import static dev.fanout.asl.Harness.output;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.asl.port.Integrations;
import dev.fanout.asl.port.LambdaResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TaskLambdaTest {
    private static final String FN = "arn:aws:lambda:us-east-1:123456789012:function:Echo";
    private final FakeLambda lambda = new FakeLambda()
            .function(FN, p -> LambdaResponse.ok("{\"echo\":" + p + "}"))
            .function("Echo", p -> LambdaResponse.ok("{\"echo\":" + p + "}"))
            .function("Boom", p -> FakeLambda.javaError(IllegalStateException.class, "bad state"));
    private final Harness h = new Harness(Integrations.none().withLambda(lambda));

    @AfterEach
    void close() {
        h.close();
    }

    @Nested
    class BareFunctionArn {
        @Test
        void outputIsThePayload_andTheInputIsTheEffectiveInput() throws Exception {
            Execution ex = h.run("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'" + FN
                    + "','InputPath':'$.in','End':true}}}", "{'in':{'x':1},'other':2}");

            assertThat(output(ex)).isEqualTo(json("{'echo':{'x':1}}"));
            assertThat(lambda.calls).extracting(FakeLambda.Call::functionName).containsExactly(FN);
            assertThat(Harness.types(ex)).containsSubsequence("TaskStateEntered", "LambdaFunctionScheduled",
                    "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited");
        }

        @Test
        void functionErrorFailsWithTheJavaExceptionClassAsError() throws Exception {
            String boom = "arn:aws:lambda:us-east-1:123456789012:function:Boom2";
            lambda.function(boom, p -> FakeLambda.javaError(IllegalStateException.class, "bad state"));

            Execution ex = h.run("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'" + boom + "','End':true}}}",
                    "{}");

            assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(ex.error()).contains("java.lang.IllegalStateException");
            assertThat(json(ex.cause().orElseThrow()).get("errorMessage").asText()).isEqualTo("bad state");
            assertThat(Harness.types(ex)).contains("LambdaFunctionFailed", "ExecutionFailed");
        }
    }

    @Nested
    class LambdaInvoke {
        @Test
        void wrapsThePayloadInTheInvokeResponse() throws Exception {
            Execution ex = h.run("""
                    {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
                     'Parameters':{'FunctionName':'Echo','Payload':{'v.$':'$.v'}},'End':true}}}""", "{'v':7}");

            var out = output(ex);
            assertThat(out.get("Payload")).isEqualTo(json("{'echo':{'v':7}}"));
            assertThat(out.get("StatusCode").asInt()).isEqualTo(200);
            assertThat(out.has("ExecutedVersion")).isTrue();
        }

        @Test
        void resultSelectorPicksThePayload_thenResultPathPlacesIt() throws Exception {
            Execution ex = h.run("""
                    {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
                     'Parameters':{'FunctionName':'Echo','Payload.$':'$'},
                     'ResultSelector':{'body.$':'$.Payload.echo'},'ResultPath':'$.result',
                     'OutputPath':'$.result','End':true}}}""", "{'v':7}");

            assertThat(output(ex)).isEqualTo(json("{'body':{'v':7}}"));
        }

        @Test
        void functionErrorHasTheErrorTypeAsErrorAndThePayloadAsCause() throws Exception {
            Execution ex = h.run("""
                    {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
                     'Parameters':{'FunctionName':'Boom'},'End':true}}}""", "{}");

            assertThat(ex.error()).contains("java.lang.IllegalStateException");
            assertThat(json(ex.cause().orElseThrow()).get("errorType").asText())
                    .isEqualTo("java.lang.IllegalStateException");
            assertThat(Harness.types(ex)).contains("TaskScheduled", "TaskStarted", "TaskFailed");
        }

        @Test
        void serviceExceptionFromTheInvokerBecomesLambdaPrefixedError() throws Exception {
            Execution ex = h.run("""
                    {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
                     'Parameters':{'FunctionName':'Missing'},'End':true}}}""", "{}");

            assertThat(ex.error()).contains("Lambda.ResourceNotFoundException");
            assertThat(ex.cause()).contains("Function not found: Missing");
        }
    }

    @Test
    void missingLambdaIntegrationIsARuntimeErrorNamingIt() throws Exception {
        try (Harness bare = new Harness()) {
            Execution ex = bare.run("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'" + FN + "','End':true}}}",
                    "{}");

            assertThat(ex.error()).contains("States.Runtime");
            assertThat(ex.cause().orElseThrow()).contains("Lambda");
        }
    }

    @Test
    void timeoutSecondsEndsASlowFunctionWithStatesTimeout() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        lambda.function("Slow", p -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return LambdaResponse.ok("{}");
        });
        try {
            Execution ex = h.start("""
                    {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
                     'TimeoutSeconds':3,'Parameters':{'FunctionName':'Slow'},'End':true}}}""", "{}");

            h.advanceWhenWaitingFor(h.clock.now().plusSeconds(3));

            assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.FAILED);
            assertThat(ex.error()).contains("States.Timeout");
            assertThat(Harness.types(ex)).contains("TaskTimedOut");
        } finally {
            release.countDown();
        }
    }

    @Test
    void intrinsicFailuresInParametersCanBeCaught() throws Exception {
        Execution ex = h.startRaw("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                 "Parameters":{"FunctionName":"Echo","Payload":{"n.$":"States.StringToJson($.text)"}},
                 "Catch":[{"ErrorEquals":["States.ALL"],"Next":"H"}],"End":true},"H":{"Type":"Pass","End":true}}}""",
                "{\"text\":\"{not json\"}");
        Harness.finish(ex);

        assertThat(ex.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Harness.JSON.readTree(ex.output().orElseThrow()).get("Error").asText())
                .isEqualTo("States.IntrinsicFailure");
    }

    @Test
    void lambdaInvokeWaitForTaskToken_acceptsAnAnswerSentBeforeTheInvocationReturns() throws Exception {
        lambda.function("Answers", p -> {
            h.engine.sendTaskSuccess(json(p).get("token").asText(), "{\"answered\":true}");
            return LambdaResponse.ok("null");
        });

        Execution ex = h.run("""
                {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke.waitForTaskToken',
                 'Parameters':{'FunctionName':'Answers','Payload':{'token.$':'$$.Task.Token'}},'End':true}}}""", "{}");

        assertThat(output(ex)).isEqualTo(json("{'answered':true}"));
        assertThat(Harness.types(ex)).containsSubsequence("TaskStarted", "TaskSubmitted", "TaskSucceeded");
    }
}
