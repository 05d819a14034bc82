package dev.fanout.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.asl.TestStateRequest.InspectionLevel;
import dev.fanout.asl.TestStateRequest.Mock;
import dev.fanout.asl.TestStateResult.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * TestState. The expected answers of the Pass, Fail and Choice cases are AWS's, recorded in LocalStack's
 * test_test_state_scenarios snapshot (test_base_inspection_level_info/debug).
 */
class TestStateTest {
    private final AslEngine engine = AslEngine.builder().build();

    @AfterEach
    void close() {
        engine.close();
    }

    private static String q(String s) {
        return s.replace('\'', '"');
    }

    private TestStateResult test(TestStateRequest r) {
        return engine.testState(r);
    }

    @Test
    void infoShowsTheOutputAndStatusOnly() {
        TestStateResult r = test(TestStateRequest.of(q("{'Type':'Pass','End':true}"), q("{'Value':'HelloWorld'}")));

        assertThat(r.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(r.output()).isEqualTo(q("{'Value':'HelloWorld'}"));
        assertThat(r.nextState()).isNull();
        assertThat(r.inspectionData()).isNull();
    }

    @Test
    void debugShowsEachStepOfAPassAsAwsRecordedIt() {
        String pass = q("{'Type':'Pass','InputPath':'$.initialData','Parameters':{'staticValue':'some value',"
                + "'inputValue.$':'$.fieldFromInput'},'ResultPath':'$.modifiedData','End':true}");
        TestStateResult r = test(TestStateRequest.of(pass, q("{'initialData':{'fieldFromInput':'value from input',"
                + "'otherField':'other'},'unrelatedData':{'someOtherField':1234}}")).withInspectionLevel(InspectionLevel.DEBUG));

        TestStateResult.InspectionData d = r.inspectionData();
        assertThat(d.afterInputPath()).isEqualTo(q("{'fieldFromInput':'value from input','otherField':'other'}"));
        assertThat(d.afterParameters()).isEqualTo(q("{'staticValue':'some value','inputValue':'value from input'}"));
        assertThat(d.afterResultSelector()).isEqualTo(d.afterParameters());
        assertThat(d.afterResultPath()).isEqualTo(r.output());
        assertThat(d.result()).isNull();
    }

    @Test
    void aPassWithResultShowsTheResultButNoInputPathStep() {
        TestStateResult r = test(TestStateRequest.of(q("{'Type':'Pass','Result':{'resultKey':'result value'},'End':true}"),
                q("{'Value':'HelloWorld'}")).withInspectionLevel(InspectionLevel.TRACE));

        assertThat(r.inspectionData().result()).isEqualTo(q("{'resultKey':'result value'}"));
        assertThat(r.inspectionData().afterInputPath()).isNull();
        assertThat(r.inspectionData().afterParameters()).isNull();
        assertThat(r.output()).isEqualTo(q("{'resultKey':'result value'}"));
    }

    @Test
    void aFailStateFailsWithItsErrorAndCause() {
        TestStateResult r = test(TestStateRequest.of(q("{'Type':'Fail','Error':'SomeFailure','Cause':"
                + "'This state machines raises a \\u0027SomeFailure\\u0027 failure.'}"), "{}"));

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.error()).isEqualTo("SomeFailure");
        assertThat(r.cause()).isEqualTo("This state machines raises a 'SomeFailure' failure.");
    }

    @Test
    void aChoiceNamesTheNextState() {
        TestStateResult r = test(TestStateRequest.of(q("{'Type':'Choice','Choices':[{'Variable':'$.value',"
                + "'NumericGreaterThanEquals':20,'Next':'ValueInTwenties'}],'Default':'Other'}"),
                q("{'type':'Private','value':22}")));

        assertThat(r.nextState()).isEqualTo("ValueInTwenties");
        assertThat(r.output()).isEqualTo(q("{'type':'Private','value':22}"));
    }

    @Test
    void testsOneStateOfAWholeMachineByName() {
        String machine = q("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},'B':{'Type':'Pass',"
                + "'Result':2,'Next':'C'},'C':{'Type':'Succeed'}}}");

        TestStateResult r = test(TestStateRequest.of(machine, "{}").withStateName("B"));

        assertThat(r.output()).isEqualTo("2");
        assertThat(r.nextState()).isEqualTo("C");
        assertThatThrownBy(() -> test(TestStateRequest.of(machine, "{}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stateName");
    }

    private static final String TASK = q("{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
            + "'Parameters':{'FunctionName':'f','Payload.$':'$'},'ResultSelector':{'v.$':'$.Payload.v'},"
            + "'Retry':[{'ErrorEquals':['Lambda.TooManyRequestsException'],'IntervalSeconds':2,'BackoffRate':3,"
            + "'MaxAttempts':2}],'Catch':[{'ErrorEquals':['States.ALL'],'ResultPath':'$.error','Next':'Handle'}],"
            + "'Next':'Done'}");

    @Test
    void aMockedResultIsTheTaskResult() {
        TestStateResult r = test(TestStateRequest.of(TASK, q("{'n':1}"))
                .withMock(Mock.result(q("{'Payload':{'v':7},'StatusCode':200}")))
                .withInspectionLevel(InspectionLevel.DEBUG));

        assertThat(r.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(r.output()).isEqualTo(q("{'v':7}"));
        assertThat(r.nextState()).isEqualTo("Done");
        assertThat(r.inspectionData().afterParameters()).isEqualTo(q("{'FunctionName':'f','Payload':{'n':1}}"));
        assertThat(r.inspectionData().result()).isEqualTo(q("{'Payload':{'v':7},'StatusCode':200}"));
    }

    @Test
    void aMockedErrorIsRetriableWhileTheRetrierHasAttemptsLeft() {
        TestStateRequest base = TestStateRequest.of(TASK, "{}").withInspectionLevel(InspectionLevel.DEBUG)
                .withMock(Mock.error("Lambda.TooManyRequestsException", "Rate exceeded"));

        TestStateResult first = test(base);
        TestStateResult second = test(base.withConfiguration(new TestStateRequest.Configuration(1, null, null, null)));
        TestStateResult exhausted = test(base.withConfiguration(new TestStateRequest.Configuration(2, null, null, null)));

        assertThat(first.status()).isEqualTo(Status.RETRIABLE);
        assertThat(first.inspectionData().errorDetails()).isEqualTo(new TestStateResult.ErrorDetails(null, 0, 2));
        assertThat(second.inspectionData().errorDetails()).isEqualTo(new TestStateResult.ErrorDetails(null, 0, 6));
        assertThat(exhausted.status()).isEqualTo(Status.CAUGHT_ERROR);
        assertThat(exhausted.nextState()).isEqualTo("Handle");
        assertThat(exhausted.output()).isEqualTo(q("{'error':{'Error':'Lambda.TooManyRequestsException',"
                + "'Cause':'Rate exceeded'}}"));
        assertThat(exhausted.inspectionData().errorDetails()).isEqualTo(new TestStateResult.ErrorDetails(0, null, null));
    }

    @Test
    void strictFieldValidationRefusesAMockThatIsNotTheIntegrationsResponse() {
        TestStateRequest wrong = TestStateRequest.of(TASK, "{}").withMock(Mock.result(q("{'Payload':{},'Nope':1}")));

        assertThatThrownBy(() -> test(wrong)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Nope'");
        assertThat(test(wrong.withMock(Mock.result(q("{'Payload':{'v':1},'Nope':1}"))
                .withFieldValidationMode(TestStateRequest.FieldValidationMode.NONE))).status())
                .isEqualTo(Status.SUCCEEDED);
    }

    @Test
    void aMapNeedsAMockAndChecksTheIterationFailuresAgainstItsTolerance() {
        String map = q("{'Type':'Map','ItemsPath':'$.items','ItemSelector':{'i.$':'$$.Map.Item.Value'},"
                + "'ToleratedFailureCount':1,'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED',"
                + "'ExecutionType':'STANDARD'},'StartAt':'I','States':{'I':{'Type':'Pass','End':true}}},'End':true}");
        TestStateRequest base = TestStateRequest.of(map, q("{'items':[1,2]}")).withInspectionLevel(InspectionLevel.DEBUG);

        assertThatThrownBy(() -> test(base)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mock");
        TestStateResult ok = test(base.withMock(Mock.result("[1,2]"))
                .withConfiguration(new TestStateRequest.Configuration(null, null, 1, null)));
        TestStateResult tooMany = test(base.withMock(Mock.result("[1,2]"))
                .withConfiguration(new TestStateRequest.Configuration(null, null, 2, null)));

        assertThat(ok.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(ok.inspectionData().afterItemsPath()).isEqualTo("[1,2]");
        assertThat(ok.inspectionData().afterItemSelector()).isEqualTo(q("[{'i':1},{'i':2}]"));
        assertThat(ok.inspectionData().toleratedFailureCount()).isEqualTo(1L);
        assertThat(tooMany.status()).isEqualTo(Status.FAILED);
        assertThat(tooMany.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
    }

    @Test
    void variablesAreSeenAndAssignedOnesShown() {
        TestStateResult r = test(TestStateRequest.of(q("{'Type':'Pass','QueryLanguage':'JSONata',"
                + "'Assign':{'total':'{% $base + $states.input.n %}'},'Output':'{% $base * 2 %}','End':true}"), q("{'n':2}"))
                .withVariables(q("{'base':40}")).withInspectionLevel(InspectionLevel.DEBUG));

        assertThat(r.output()).isEqualTo("80"); // Output sees the variables before Assign takes effect
        assertThat(r.inspectionData().variables()).isEqualTo(q("{'base':40,'total':42}"));
    }

    @Test
    void refusesAnInvalidStateAndInputThatIsNotJson() {
        assertThatThrownBy(() -> test(TestStateRequest.of(q("{'Type':'Pass'}"), "{}")))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("[Next | End]");
        assertThatThrownBy(() -> test(TestStateRequest.of(q("{'Type':'Pass','End':true}"), "{nope")))
                .isInstanceOf(TestStateRequest.InvalidInputException.class);
    }
}
