package dev.fanout.asl;

import static dev.fanout.asl.Harness.json;
import static dev.fanout.asl.Harness.output;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FlowStatesTest {
    private final Harness h = new Harness();

    @AfterEach
    void close() {
        h.close();
    }

    @Nested
    class Choice {
        private static final String DEF = """
                {'StartAt':'C','States':{
                  'C':{'Type':'Choice','Choices':[
                     {'Variable':'$.n','NumericGreaterThan':10,'Next':'Big'},
                     {'And':[{'Variable':'$.n','NumericGreaterThanEquals':0},{'Variable':'$.n','NumericLessThanEquals':10}],
                      'Next':'Small'}],
                   'Default':'Negative'},
                  'Big':{'Type':'Pass','Result':'big','End':true},
                  'Small':{'Type':'Pass','Result':'small','End':true},
                  'Negative':{'Type':'Pass','Result':'negative','End':true}}}""";

        @Test
        void takesTheFirstMatchingRuleThenTheDefault() throws Exception {
            assertThat(output(h.run(DEF, "{'n':11}")).asText()).isEqualTo("big");
            assertThat(output(h.run(DEF, "{'n':10}")).asText()).isEqualTo("small");
            assertThat(output(h.run(DEF, "{'n':-1}")).asText()).isEqualTo("negative");
        }

        @Test
        void failsWithNoChoiceMatchedWhenNothingMatchesAndThereIsNoDefault() throws Exception {
            Execution ex = h.run("""
                    {'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[
                      {'Variable':'$.s','StringEquals':'x','Next':'X'}]},'X':{'Type':'Succeed'}}}""", "{'s':'y'}");

            assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(ex.error()).contains("States.NoChoiceMatched");
            assertThat(Harness.types(ex)).contains("ChoiceStateEntered");
        }

        @Test
        void theMatchedRulesAssignSetsVariables_andTheStatesAssignAppliesOnDefault() throws Exception {
            String def = """
                    {'StartAt':'C','States':{
                      'C':{'Type':'Choice','Assign':{'path':'default'},'Choices':[
                         {'Variable':'$.n','NumericGreaterThan':0,'Assign':{'path':'positive','n.$':'$.n'},'Next':'P'}],
                       'Default':'P'},
                      'P':{'Type':'Pass','Parameters':{'path.$':'$path'},'End':true}}}""";

            assertThat(output(h.run(def, "{'n':3}"))).isEqualTo(json("{'path':'positive'}"));
            assertThat(output(h.run(def, "{'n':-3}"))).isEqualTo(json("{'path':'default'}"));
        }

        @Test
        void loopsUntilAConditionHolds() throws Exception {
            Execution ex = h.run("""
                    {'StartAt':'Check','States':{
                      'Check':{'Type':'Choice','Choices':[{'Variable':'$.i','NumericGreaterThanEquals':5,'Next':'Done'}],
                               'Default':'Inc'},
                      'Inc':{'Type':'Pass','Parameters':{'i.$':'States.MathAdd($.i, 1)'},'Next':'Check'},
                      'Done':{'Type':'Succeed'}}}""", "{'i':0}");

            assertThat(output(ex)).isEqualTo(json("{'i':5}"));
        }
    }

    @Nested
    class Wait {
        @Test
        void secondsWaitOnTheClock() throws Exception {
            Instant start = h.clock.now();
            Execution ex = h.start("{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':30,'End':true}}}", "{'a':1}");

            assertThat(h.clock.awaitWaiters(1, Duration.ofSeconds(5))).isTrue();
            h.clock.advance(Duration.ofSeconds(29));
            assertThat(ex.await(Duration.ofMillis(50))).isEqualTo(ExecutionStatus.RUNNING);
            h.clock.advance(Duration.ofSeconds(1));

            assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(output(ex)).isEqualTo(json("{'a':1}"));
            assertThat(Duration.between(start, ex.stopDate().orElseThrow())).isEqualTo(Duration.ofSeconds(30));
            assertThat(Harness.types(ex)).contains("WaitStateEntered", "WaitStateExited");
        }

        @Test
        void secondsPathReadsTheInput() throws Exception {
            Instant start = h.clock.now();
            Execution ex = h.start("{'StartAt':'W','States':{'W':{'Type':'Wait','SecondsPath':'$.s','End':true}}}",
                    "{'s':7}");

            h.drive(ex);
            assertThat(Duration.between(start, ex.stopDate().orElseThrow())).isEqualTo(Duration.ofSeconds(7));
        }

        @Test
        void timestampAndTimestampPathWaitUntilThatInstant() throws Exception {
            Execution literal = h.start("{'StartAt':'W','States':{'W':{'Type':'Wait',"
                    + "'Timestamp':'2026-01-01T00:10:00Z','End':true}}}", "{}");
            h.drive(literal);
            assertThat(literal.stopDate()).contains(Instant.parse("2026-01-01T00:10:00Z"));

            Execution path = h.start("{'StartAt':'W','States':{'W':{'Type':'Wait','TimestampPath':'$.at',"
                    + "'End':true}}}", "{'at':'2026-01-01T01:00:00+01:00'}");
            h.drive(path);
            // the same instant as 00:00Z: nothing to wait for
            assertThat(path.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(path.stopDate()).contains(Instant.parse("2026-01-01T00:10:00Z"));
        }

        @Test
        void secondsPathToANonNumberIsARuntimeError() throws Exception {
            Execution ex = h.run("{'StartAt':'W','States':{'W':{'Type':'Wait','SecondsPath':'$.s','End':true}}}",
                    "{'s':'soon'}");

            assertThat(ex.error()).contains("States.Runtime");
        }
    }

    @Nested
    class SucceedAndFail {
        @Test
        void succeedEndsWithItsInputAfterInputAndOutputPath() throws Exception {
            Execution ex = h.run("{'StartAt':'S','States':{'S':{'Type':'Succeed','InputPath':'$.a','OutputPath':'$.b'}}}",
                    "{'a':{'b':3}}");

            assertThat(output(ex).asInt()).isEqualTo(3);
        }

        @Test
        void failReportsErrorAndCause() throws Exception {
            Execution ex = h.run("{'StartAt':'F','States':{'F':{'Type':'Fail','Error':'ErrorA','Cause':'Kaiju attack'}}}",
                    "{}");

            assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(ex.error()).contains("ErrorA");
            assertThat(ex.cause()).contains("Kaiju attack");
            assertThat(Harness.types(ex)).containsExactly("ExecutionStarted", "FailStateEntered", "ExecutionFailed");
        }

        @Test
        void failPathsReadTheInputAndIntrinsics() throws Exception {
            Execution ex = h.startRaw("""
                    {"StartAt":"F","States":{"F":{"Type":"Fail","ErrorPath":"$.e",
                     "CausePath":"States.Format('code {}', $.code)"}}}""", "{\"e\":\"Custom\",\"code\":42}");
            Harness.finish(ex);

            assertThat(ex.error()).contains("Custom");
            assertThat(ex.cause()).contains("code 42");
        }
    }
}
