package dev.fanout.asl;

import static dev.fanout.asl.Harness.json;
import static dev.fanout.asl.Harness.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExecutionTest {
    private final Harness h = new Harness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void contextObjectDescribesExecutionStateAndStateMachine() throws Exception {
        Execution ex = h.run("""
                {'StartAt':'Look','States':{'Look':{'Type':'Pass','Parameters':{
                  'id.$':'$$.Execution.Id','name.$':'$$.Execution.Name','input.$':'$$.Execution.Input',
                  'start.$':'$$.Execution.StartTime','state.$':'$$.State.Name','entered.$':'$$.State.EnteredTime',
                  'sm.$':'$$.StateMachine.Id','smName.$':'$$.StateMachine.Name'},
                  'End':true}}}""", "{'a':1}");

        JsonNode out = output(ex);
        assertThat(out.get("id").asText()).isEqualTo(ex.arn())
                .isEqualTo("arn:aws:states:us-east-1:123456789012:execution:test:" + ex.name());
        assertThat(out.get("name").asText()).isEqualTo(ex.name());
        assertThat(out.get("input")).isEqualTo(json("{'a':1}"));
        assertThat(out.get("start").asText()).isEqualTo("2026-01-01T00:00:00.000Z");
        assertThat(out.get("state").asText()).isEqualTo("Look");
        assertThat(out.get("entered").asText()).isEqualTo("2026-01-01T00:00:00.000Z");
        assertThat(out.get("sm").asText()).isEqualTo(Harness.SM_ARN);
        assertThat(out.get("smName").asText()).isEqualTo("test");
    }

    @Test
    void aPassStateContextHasNoRetryCount_asAwsRecordedIt() throws Exception {
        Execution ex = h.run("{'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'s.$':'$$.State'},'End':true}}}",
                "{}");

        assertThat(output(ex).get("s")).isEqualTo(json("{'Name':'P','EnteredTime':'2026-01-01T00:00:00.000Z'}"));
    }

    @Test
    void roleArnGivenAtStartIsInTheContextObject() throws Exception {
        StateMachine sm = h.engine.parse(Harness.q(
                "{'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'role.$':'$$.Execution.RoleArn'},'End':true}}}"));
        Execution ex = h.engine.start(sm, Harness.SM_ARN, "with-role", "{}", "arn:aws:iam::123456789012:role/r");
        Harness.finish(ex);

        assertThat(output(ex)).isEqualTo(json("{'role':'arn:aws:iam::123456789012:role/r'}"));
    }

    @Test
    void stopEndsAWaitingExecutionAsAborted() throws Exception {
        Execution ex = h.start("{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':100,'End':true}}}", "{}");
        h.clock.awaitWaiters(1, Duration.ofSeconds(5));

        ex.stop("Stopped", "by the operator");

        assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(ex.error()).contains("Stopped");
        assertThat(ex.cause()).contains("by the operator");
        assertThat(ex.stopDate()).isPresent();
        assertThat(Harness.types(ex)).endsWith("ExecutionAborted");
    }

    @Test
    void stoppingAFinishedExecutionChangesNothing() throws Exception {
        Execution ex = h.run("{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}", "{}");

        ex.stop("Late", null);

        assertThat(ex.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Harness.types(ex)).endsWith("ExecutionSucceeded");
    }

    @Test
    void topLevelTimeoutSecondsTimesTheExecutionOut() throws Exception {
        Execution ex = h.start("{'TimeoutSeconds':5,'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':100,"
                + "'End':true}}}", "{}");
        h.advanceWhenWaitingFor(ex.startDate().plusSeconds(5));

        Harness.finish(ex);

        assertThat(ex.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(ex.error()).contains("States.Timeout");
        assertThat(Duration.between(ex.startDate(), ex.stopDate().orElseThrow())).isEqualTo(Duration.ofSeconds(5));
        assertThat(Harness.types(ex)).endsWith("ExecutionTimedOut");
    }

    @Test
    void rejectsInputThatIsNotJson() {
        StateMachine sm = h.engine.parse(Harness.q("{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}"));

        assertThatThrownBy(() -> h.engine.start(sm, Harness.SM_ARN, "x", "{oops")).isInstanceOf(
                IllegalArgumentException.class);
    }

    @Nested
    class PayloadLimit {
        private String big(int chars) {
            return "x".repeat(chars);
        }

        @Test
        void aStateOutputOverTheQuotaFailsWithDataLimitExceeded() throws Exception {
            Execution ex = h.run("""
                    {'StartAt':'Grow','States':{'Grow':{'Type':'Pass','Parameters':{
                      'a.$':'$.s','b.$':'$.s'},'End':true}}}""", "{'s':'" + big(140_000) + "'}");

            assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(ex.error()).contains("States.DataLimitExceeded");
            assertThat(ex.cause().orElseThrow()).contains("'Grow'");
        }

        @Test
        void exactlyTheQuotaIsAllowed() throws Exception {
            // {"s":"xxx..."} is 8 bytes of JSON around the string
            Execution ex = h.run("{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}",
                    "{'s':'" + big(262_144 - 8) + "'}");

            assertThat(ex.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        }

        @Test
        void statesAllDoesNotCatchDataLimitExceeded() throws Exception {
            Execution ex = h.run("""
                    {'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,
                      'Catch':[{'ErrorEquals':['States.ALL'],'Next':'H'}],
                      'Branches':[{'StartAt':'G','States':{'G':{'Type':'Pass','Parameters':{'a.$':'$.s','b.$':'$.s'},
                      'End':true}}}]},'H':{'Type':'Pass','End':true}}}""", "{'s':'" + big(140_000) + "'}");

            assertThat(ex.error()).contains("States.DataLimitExceeded");
        }

        @Test
        void inputOverTheQuotaIsRefusedAtStart() {
            StateMachine sm = h.engine.parse(Harness.q("{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}"));

            assertThatThrownBy(() -> h.engine.start(sm, Harness.SM_ARN, "x", "\"" + big(262_144) + "\""))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("262144");
        }
    }

    @Nested
    class Variables {
        @Test
        void assignStoresValuesForLaterStates_usingTheResultAsDollar() throws Exception {
            Execution ex = h.run("""
                    {'StartAt':'A','States':{
                      'A':{'Type':'Pass','Result':{'n':5},'Assign':{'count.$':'$.n','label':'fixed'},'ResultPath':null,
                           'Next':'B'},
                      'B':{'Type':'Pass','Parameters':{'c.$':'$count','l.$':'$label','in.$':'$'},'End':true}}}""",
                    "{'x':1}");

            assertThat(output(ex)).isEqualTo(json("{'c':5,'l':'fixed','in':{'x':1}}"));
        }

        @Test
        void assignmentsInOneStateSeeTheOldValues() throws Exception {
            Execution ex = h.run("""
                    {'StartAt':'A','States':{
                      'A':{'Type':'Pass','Assign':{'x':1},'Next':'B'},
                      'B':{'Type':'Pass','Assign':{'x':2,'old.$':'$x'},'Next':'C'},
                      'C':{'Type':'Pass','Parameters':{'x.$':'$x','old.$':'$old'},'End':true}}}""", "{}");

            assertThat(output(ex)).isEqualTo(json("{'x':2,'old':1}"));
        }

        @Test
        void branchesAndIterationsReadOuterVariables_butTheirOwnStayInside() throws Exception {
            Execution ex = h.run("""
                    {'StartAt':'A','States':{
                      'A':{'Type':'Pass','Assign':{'factor':10},'Next':'M'},
                      'M':{'Type':'Map','ItemsPath':'$.xs','Next':'After','ItemProcessor':{'StartAt':'I','States':{
                         'I':{'Type':'Pass','Assign':{'inner.$':'$'},'Next':'J'},
                         'J':{'Type':'Pass','Parameters':{'v.$':'$inner','f.$':'$factor'},'End':true}}}},
                      'After':{'Type':'Pass','Parameters':{'r.$':'$','f.$':'$factor'},'End':true}}}""",
                    "{'xs':[1,2]}");

            assertThat(output(ex)).isEqualTo(json("{'r':[{'v':1,'f':10},{'v':2,'f':10}],'f':10}"));
        }

        @Test
        void readingAnUnassignedVariableFails() throws Exception {
            Execution ex = h.run("{'StartAt':'A','States':{'A':{'Type':'Pass','Parameters':{'v.$':'$nope'},"
                    + "'End':true}}}", "{}");

            assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
        }

        @Test
        void stateExitedEventsListAssignedVariables() throws Exception {
            Execution ex = h.run("{'StartAt':'A','States':{'A':{'Type':'Pass','Assign':{'x':[1]},'End':true}}}", "{}");

            HistoryEvent exited = ex.history().stream().filter(e -> e.type().equals("PassStateExited")).findFirst()
                    .orElseThrow();
            assertThat(exited.details().get("assignedVariables").get("x").asText()).isEqualTo("[1]");
        }
    }

    @Test
    void historyEventsCarryIdsAndApiShapedDetails() throws Exception {
        Execution ex = h.run("{'StartAt':'P','States':{'P':{'Type':'Pass','Result':{'r':1},'End':true}}}", "{'a':1}");

        List<HistoryEvent> events = ex.history();
        assertThat(events).extracting(HistoryEvent::id).containsExactly(1L, 2L, 3L, 4L);
        assertThat(events).extracting(HistoryEvent::previousEventId).containsExactly(0L, 1L, 2L, 3L);
        assertThat(json(events.get(0).details().get("input").asText())).isEqualTo(json("{'a':1}"));
        assertThat(events.get(0).detailsKey()).isEqualTo("executionStartedEventDetails");
        assertThat(events.get(1).details().get("name").asText()).isEqualTo("P");
        assertThat(events.get(2).detailsKey()).isEqualTo("stateExitedEventDetails");
        assertThat(json(events.get(2).details().get("output").asText())).isEqualTo(json("{'r':1}"));
        assertThat(json(events.get(3).details().get("output").asText())).isEqualTo(json("{'r':1}"));
    }
}
