package dev.fanout.asl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ValidateStateMachineDefinition's answers; the expected codes, messages and locations are AWS's, as recorded in
 * LocalStack's test_sfn_api_validation snapshot.
 */
class ValidateDefinitionTest {
    private final AslEngine engine = AslEngine.builder().build();

    @AfterEach
    void close() {
        engine.close();
    }

    private static Diagnostic error(String code, String message, String location) {
        return new Diagnostic(Diagnostic.Severity.ERROR, code, message, location);
    }

    @Test
    void answersOkWithNoDiagnosticsForAValidDefinition() {
        ValidationResult r = engine.validate("{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}",
                false);

        assertThat(r.result()).isEqualTo("OK");
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.truncated()).isFalse();
    }

    @Test
    void anEmptyDefinitionIsNotAJsonObject() {
        assertThat(engine.validate("", false).diagnostics()).containsExactly(
                error("SCHEMA_VALIDATION_FAILED", "Definition must be a valid JSON object", null));
    }

    @Test
    void textThatIsNotJsonIsAnInvalidJsonDescriptionLocatedAsJacksonLocatesIt() {
        ValidationResult r = engine.validate("not a definition", false);

        assertThat(r.result()).isEqualTo("FAIL");
        assertThat(r.diagnostics()).containsExactly(error("INVALID_JSON_DESCRIPTION",
                "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' "
                        + "or 'false')\n at [Source: (String)\"not a definition\"; line: 1, column: 4]",
                "[Source: (String)\"not a definition\"; line: 1, column: 4]"));
    }

    @Test
    void namesTheMissingTopLevelFieldsTogether() {
        assertThat(engine.validate("{}", false).diagnostics()).containsExactly(
                error("SCHEMA_VALIDATION_FAILED", "These fields are required: [States, StartAt]", "/"));
        assertThat(engine.validate("{\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}", false).diagnostics())
                .containsExactly(error("SCHEMA_VALIDATION_FAILED", "These fields are required: [StartAt]", "/"));
    }

    @Test
    void anExpressMachineMayNotWaitForATaskToken() {
        String definition = "{\"StartAt\":\"SendMessageWithWait\",\"States\":{\"SendMessageWithWait\":{\"Type\":\"Task\","
                + "\"Resource\":\"arn:aws:states:::sqs:sendMessage.waitForTaskToken\",\"Parameters\":{\"QueueUrl\":\"q\","
                + "\"MessageBody\":{\"t.$\":\"$$.Task.Token\"}},\"End\":true}}}";

        assertThat(engine.validate(definition, false).result()).isEqualTo("OK");
        assertThat(engine.validate(definition, true).diagnostics()).containsExactly(error("SCHEMA_VALIDATION_FAILED",
                "Express state machine does not support '.waitForTaskToken' service integration ",
                "/States/SendMessageWithWait/Resource"));
    }

    @Test
    void aStateMayNotGoBackToJsonPathInAJsonataMachine() {
        assertThat(engine.validate("{\"QueryLanguage\":\"JSONata\",\"StartAt\":\"Pass\",\"States\":{\"Pass\":{"
                + "\"Type\":\"Pass\",\"QueryLanguage\":\"JSONPath\",\"End\":true}}}", false).diagnostics())
                .containsExactly(error("SCHEMA_VALIDATION_FAILED",
                        "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", "/States/Pass"));
    }

    @Test
    void listsEveryProblemWithItsCodeAndLocation() {
        ValidationResult r = engine.validate("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"},"
                + "\"C\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::dynamodb:putItem\",\"End\":true}}}", false);

        assertThat(r.diagnostics()).extracting(Diagnostic::code, Diagnostic::location).contains(
                org.assertj.core.groups.Tuple.tuple("UNSUPPORTED_FEATURE", "/States/C/Resource"));
        assertThat(r.result()).isEqualTo("FAIL");
    }
}
