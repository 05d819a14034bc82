package dev.fanout.asl;

import static dev.fanout.asl.Harness.json;
import static dev.fanout.asl.Harness.output;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.asl.port.Integrations;
import dev.fanout.asl.port.LambdaResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JsonataStatesTest {
    private final FakeLambda lambda = new FakeLambda()
            .function("Add", p -> {
                var in = json(p);
                return LambdaResponse.ok("{\"sum\":" + (in.get("a").asInt() + in.get("b").asInt()) + "}");
            })
            .function("Boom", p -> FakeLambda.javaError(IllegalArgumentException.class, "no"));
    private final Harness h = new Harness(Integrations.none().withLambda(lambda));

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void argumentsAndOutputUseStatesInputAndResult() throws Exception {
        Execution ex = h.run("""
                {'QueryLanguage':'JSONata','StartAt':'T','States':{'T':{'Type':'Task',
                  'Resource':'arn:aws:states:::lambda:invoke',
                  'Arguments':{'FunctionName':'Add','Payload':{'a':'{% $states.input.x %}','b':'{% $states.input.y %}'}},
                  'Output':{'total':'{% $states.result.Payload.sum %}','from':'{% $states.input.x %}'},
                  'End':true}}}""", "{'x':2,'y':3}");

        assertThat(output(ex)).isEqualTo(json("{'total':5,'from':2}"));
    }

    @Test
    void taskOutputDefaultsToTheResult() throws Exception {
        Execution ex = h.run("""
                {'QueryLanguage':'JSONata','StartAt':'T','States':{'T':{'Type':'Task',
                  'Resource':'arn:aws:states:::lambda:invoke','Arguments':{'FunctionName':'Add','Payload':{'a':1,'b':1}},
                  'End':true}}}""", "{}");

        assertThat(output(ex).get("Payload")).isEqualTo(json("{'sum':2}"));
    }

    @Test
    void passOutputDefaultsToTheInput_andVariablesCarryAcrossStates() throws Exception {
        Execution ex = h.run("""
                {'QueryLanguage':'JSONata','StartAt':'A','States':{
                  'A':{'Type':'Pass','Assign':{'count':'{% $states.input.n * 2 %}'},'Next':'B'},
                  'B':{'Type':'Pass','Output':{'count':'{% $count %}','input':'{% $states.input %}'},'End':true}}}""",
                "{'n':21}");

        assertThat(output(ex)).isEqualTo(json("{'count':42,'input':{'n':21}}"));
    }

    @Test
    void choiceConditionsPickTheBranch() throws Exception {
        String def = """
                {'QueryLanguage':'JSONata','StartAt':'C','States':{
                  'C':{'Type':'Choice','Choices':[{'Condition':'{% $states.input.n > 10 %}','Next':'Big',
                        'Output':{'size':'big'}}],'Default':'Small'},
                  'Big':{'Type':'Succeed'},'Small':{'Type':'Pass','Output':{'size':'small'},'End':true}}}""";

        assertThat(output(h.run(def, "{'n':11}"))).isEqualTo(json("{'size':'big'}"));
        assertThat(output(h.run(def, "{'n':1}"))).isEqualTo(json("{'size':'small'}"));
    }

    @Test
    void catchOutputSeesErrorOutput_andAssignWorks() throws Exception {
        Execution ex = h.run("""
                {'QueryLanguage':'JSONata','StartAt':'T','States':{
                  'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Arguments':{'FunctionName':'Boom'},
                       'Catch':[{'ErrorEquals':['States.ALL'],'Next':'H',
                                 'Assign':{'failed':'{% $states.errorOutput.Error %}'},
                                 'Output':{'orig':'{% $states.input %}'}}],'End':true},
                  'H':{'Type':'Pass','Output':{'orig':'{% $states.input.orig %}','failed':'{% $failed %}'},'End':true}}}""",
                "{'k':1}");

        assertThat(output(ex)).isEqualTo(json("{'orig':{'k':1},'failed':'java.lang.IllegalArgumentException'}"));
    }

    @Test
    void mapItemsAndItemSelectorUseJsonata() throws Exception {
        Execution ex = h.run("""
                {'QueryLanguage':'JSONata','StartAt':'M','States':{'M':{'Type':'Map','Items':'{% $states.input.xs %}',
                  'ItemSelector':{'v':'{% $states.context.Map.Item.Value %}','i':'{% $states.context.Map.Item.Index %}'},
                  'ItemProcessor':{'StartAt':'P','States':{'P':{'Type':'Pass','Output':'{% $states.input.v * 10 + $states.input.i %}',
                  'End':true}}},'End':true}}}""", "{'xs':[1,2]}");

        assertThat(output(ex)).isEqualTo(json("[10,21]"));
    }

    @Test
    void waitSecondsCanBeAnExpression() throws Exception {
        Execution ex = h.start("""
                {'QueryLanguage':'JSONata','StartAt':'W','States':{'W':{'Type':'Wait',
                  'Seconds':'{% $states.input.s %}','End':true}}}""", "{'s':12}");

        h.drive(ex);
        assertThat(Duration.between(ex.startDate(), ex.stopDate().orElseThrow())).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void failErrorAndCauseCanBeExpressions() throws Exception {
        Execution ex = h.run("""
                {'QueryLanguage':'JSONata','StartAt':'F','States':{'F':{'Type':'Fail',
                  'Error':'{% $states.input.code %}','Cause':'{% \\"bad \\" & $states.input.what %}'}}}""",
                "{'code':'E1','what':'thing'}");

        assertThat(ex.error()).contains("E1");
        assertThat(ex.cause()).contains("bad thing");
    }

    @Test
    void aFailingExpressionIsAQueryEvaluationError() throws Exception {
        Execution ex = h.run("""
                {'QueryLanguage':'JSONata','StartAt':'P','States':{'P':{'Type':'Pass',
                  'Output':'{% $states.input.missing.deeper %}','End':true}}}""", "{}");

        assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(ex.error()).contains("States.QueryEvaluationError");
    }

    @Test
    void aJsonataStateCanLiveInAJsonPathMachine() throws Exception {
        Execution ex = h.run("""
                {'StartAt':'A','States':{
                  'A':{'Type':'Pass','Parameters':{'x.$':'$.v'},'Next':'B'},
                  'B':{'Type':'Pass','QueryLanguage':'JSONata','Output':'{% $states.input.x + 1 %}','End':true}}}""",
                "{'v':1}");

        assertThat(output(ex).asInt()).isEqualTo(2);
    }
}
