package dev.fanout.asl;

import static dev.fanout.asl.Harness.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DefinitionValidationTest {
    private final Harness h = new Harness();

    @AfterEach
    void close() {
        h.close();
    }

    private String problems(String definition) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> h.engine.parse(q(definition)));
        assertThat(t).as("rejected").isInstanceOf(InvalidDefinitionException.class);
        return t.getMessage();
    }

    @Test
    void acceptsAValidDefinition() {
        StateMachine sm = h.engine.parse(q("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true}}}"));

        assertThat(sm.startAt()).isEqualTo("A");
    }

    @Test
    void rejectsNonJson() {
        assertThatThrownBy(() -> h.engine.parse("{not json")).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("INVALID_JSON_DESCRIPTION");
    }

    @Test
    void reportsAMissingNextTargetWithItsLocation() {
        assertThat(problems("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'Y'}}}"))
                .contains("MISSING_TRANSITION_TARGET: Missing 'Next' target: Y at /States/A/Next");
    }

    @Test
    void reportsAMissingStartAtTarget() {
        assertThat(problems("{'StartAt':'Nope','States':{'A':{'Type':'Pass','End':true}}}"))
                .contains("Missing 'StartAt' target: Nope");
    }

    @Test
    void reportsUnreachableStates() {
        assertThat(problems("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true},'B':{'Type':'Pass','End':true}}}"))
                .contains("State \"B\" is not reachable");
    }

    @Test
    void reportsUnknownStateTypesAndFieldsInsteadOfIgnoringThem() {
        assertThat(problems("{'StartAt':'A','States':{'A':{'Type':'Magic','End':true}}}")).contains("/States/A/Type");
        assertThat(problems("{'StartAt':'A','States':{'A':{'Type':'Pass','Resource':'x','End':true}}}"))
                .contains("SCHEMA_VALIDATION_FAILED: The field 'Resource' is not supported by Step Functions at /States/A");
    }

    @Test
    void requiresNextOrEndButNotBoth() {
        assertThat(problems("{'StartAt':'A','States':{'A':{'Type':'Pass'}}}")).contains("/States/A");
        assertThat(problems("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'A','End':true}}}"))
                .contains("Only one of 'Next' or 'End'");
    }

    @Test
    void listsEveryProblemAtOnce() {
        String message = problems("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'X'},'B':{'Type':'Wait','End':true}}}");

        assertThat(message).contains("Missing 'Next' target: X").contains("/States/B");
    }

    @Test
    void statesAllMustBeAloneAndLast() {
        assertThat(problems("""
                {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
                 'Parameters':{'FunctionName':'f'},'End':true,
                 'Retry':[{'ErrorEquals':['States.ALL']},{'ErrorEquals':['X']}]}}}""")).contains("/States/T/Retry[0]");
        assertThat(problems("""
                {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
                 'Parameters':{'FunctionName':'f'},'End':true,
                 'Catch':[{'ErrorEquals':['States.ALL','X'],'Next':'T'}]}}}""")).contains("/States/T/Catch[0]");
    }

    @Test
    void checksRetrierFieldRanges() {
        assertThat(problems("""
                {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
                 'Parameters':{'FunctionName':'f'},'End':true,
                 'Retry':[{'ErrorEquals':['X'],'BackoffRate':0.5,'MaxAttempts':-1,'JitterStrategy':'SOME'}]}}}"""))
                .contains("BackoffRate").contains("MaxAttempts").contains("JitterStrategy");
    }

    @Test
    void checksPathsAndTemplates() {
        assertThat(problems("{'StartAt':'A','States':{'A':{'Type':'Pass','ResultPath':'$.a[?(@.x)]','End':true}}}"))
                .contains("/States/A/ResultPath");
        assertThat(problems("{'StartAt':'A','States':{'A':{'Type':'Pass','Parameters':{'x.$':'nope'},'End':true}}}"))
                .contains("/States/A/Parameters/x.$");
    }

    @Test
    void rejectsJsonPathFieldsInJsonataStatesAndViceVersa() {
        assertThat(problems("{'QueryLanguage':'JSONata','StartAt':'A','States':{'A':{'Type':'Pass',"
                + "'InputPath':'$.a','End':true}}}")).contains("'InputPath'").contains("JSONata");
        assertThat(problems("{'StartAt':'A','States':{'A':{'Type':'Pass','Output':{},'End':true}}}"))
                .contains("'Output'");
        assertThat(problems("{'QueryLanguage':'JSONata','StartAt':'A','States':{'A':{'Type':'Pass',"
                + "'QueryLanguage':'JSONPath','End':true}}}"))
                .contains("'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine at /States/A");
    }

    @Test
    void rejectsUnsupportedIntegrationsLoudly() {
        assertThat(problems("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::dynamodb:putItem',"
                + "'End':true}}}")).contains("UNSUPPORTED_FEATURE").contains("dynamodb:putItem");
        assertThat(problems("{'StartAt':'T','States':{'T':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::states:startExecution.sync:2','End':true}}}")).contains(".sync");
        assertThat(problems("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'not an arn','End':true}}}"))
                .contains("is not recognized");
    }

    @Test
    void lambdaInvokeNeedsFunctionName() {
        assertThat(problems("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                + "'Parameters':{'Payload':{}},'End':true}}}")).contains("FunctionName");
    }

    @Test
    void heartbeatMustBeShorterThanTimeout() {
        assertThat(problems("{'StartAt':'T','States':{'T':{'Type':'Task',"
                + "'Resource':'arn:aws:lambda:us-east-1:123456789012:function:f','TimeoutSeconds':10,"
                + "'HeartbeatSeconds':10,'End':true}}}")).contains("HeartbeatSeconds");
    }

    @Test
    void distributedOnlyFieldsNeedDistributedMode() {
        assertThat(problems("{'StartAt':'M','States':{'M':{'Type':'Map','ToleratedFailureCount':1,'End':true,"
                + "'ItemProcessor':{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}}}}"))
                .contains("ToleratedFailureCount");
    }

    @Test
    void checksStatesInsideBranchesAndProcessors() {
        assertThat(problems("{'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':[{'StartAt':'A',"
                + "'States':{'A':{'Type':'Pass','Next':'Outside'}}}]},'Outside':{'Type':'Succeed'}}}"))
                .contains("/States/P/Branches[0]/States/A/Next");
    }

    @Test
    void stateNamesMustBeUniqueAcrossTheMachine() {
        assertThat(problems("{'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':[{'StartAt':'P',"
                + "'States':{'P':{'Type':'Pass','End':true}}}]}}}")).contains("unique");
    }

    @Test
    void waitNeedsExactlyOneDuration() {
        assertThat(problems("{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':1,'SecondsPath':'$.s','End':true}}}"))
                .contains("Exactly one");
        assertThat(problems("{'StartAt':'W','States':{'W':{'Type':'Wait','Timestamp':'tomorrow','End':true}}}"))
                .contains("Timestamp");
    }

    @Test
    void choiceNeedsRulesAndValidOperators() {
        assertThat(problems("{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[]}}}")).contains("Choices");
        assertThat(problems("{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.a',"
                + "'NumericEquals':'one','Next':'C'}],'Default':'C'},'E':{'Type':'Succeed'}}}"))
                .contains("/States/C/Choices[0]");
    }

    @Test
    void innerScopesCannotAssignOuterVariables() {
        assertThat(problems("{'StartAt':'A','States':{'A':{'Type':'Pass','Assign':{'x':1},'Next':'P'},"
                + "'P':{'Type':'Parallel','End':true,'Branches':[{'StartAt':'B','States':{'B':{'Type':'Pass',"
                + "'Assign':{'x':2},'End':true}}}]}}}")).contains("'x'");
    }

    @Test
    void expressChildrenCannotWaitForTaskTokens() {
        assertThat(problems("{'StartAt':'M','States':{'M':{'Type':'Map','End':true,'ItemProcessor':{"
                + "'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'EXPRESS'},'StartAt':'T','States':{'T':{"
                + "'Type':'Task','Resource':'arn:aws:states:::sqs:sendMessage.waitForTaskToken',"
                + "'Parameters':{'QueueUrl':'q','MessageBody.$':'$$.Task.Token'},'End':true}}}}}}"))
                .contains(".waitForTaskToken").contains("/States/M/ItemProcessor/States/T/Resource");
    }
}
