package dev.fanout.asl;

import java.util.Objects;

/**
 * A TestState request, as AWS documents it (API_TestState): one state, its input, and optionally a mock, a state
 * configuration, variables and a context object. Values holding JSON are JSON text, as on the API.
 *
 * <pre>{@code
 * TestStateResult r = engine.testState(TestStateRequest.of(definition, "{\"n\":1}")
 *         .withStateName("Charge")
 *         .withInspectionLevel(TestStateRequest.InspectionLevel.DEBUG)
 *         .withMock(TestStateRequest.Mock.error("Lambda.TooManyRequestsException", "Rate exceeded"))
 *         .withConfiguration(new TestStateRequest.Configuration(1, null, null, null)));
 * r.status();   // RETRIABLE, CAUGHT_ERROR, FAILED or SUCCEEDED
 * }</pre>
 *
 * @param definition         one state ({@code {"Type": ...}}) or a whole state machine ({@code {"States": ...}})
 * @param stateName          the state to test in a whole state machine (required there); for a single state, its
 *                           name ({@code $$.State.Name}); default {@code TestState}
 * @param input              the state's input; null for {@code {}}
 * @param inspectionLevel    null for INFO
 * @param mock               the result or error of the state's work instead of doing it; null to do it
 * @param stateConfiguration null, or the retry count and Map data AWS lets a test set
 * @param variables          a JSON object of the variables the state sees; null for none
 * @param context            a JSON object of context object members ({@code Execution}, {@code State}, ...) that
 *                           replace the engine's; null to use the engine's
 */
public record TestStateRequest(String definition, String stateName, String input, InspectionLevel inspectionLevel,
                               Mock mock, Configuration stateConfiguration, String variables, String context) {

    /** What the answer shows: INFO the output only; DEBUG and TRACE also the data-processing steps. */
    public enum InspectionLevel { INFO, DEBUG, TRACE }

    /** How strictly a mocked result must match the integration's response shape. */
    public enum FieldValidationMode { STRICT, PRESENT, NONE }

    /**
     * A mocked result (JSON text) or error output of the state's work.
     *
     * @param fieldValidationMode null for STRICT
     */
    public record Mock(String result, String error, String cause, FieldValidationMode fieldValidationMode) {
        public static Mock result(String resultJson) {
            return new Mock(Objects.requireNonNull(resultJson, "resultJson"), null, null, null);
        }

        public static Mock error(String error, String cause) {
            return new Mock(null, error, cause, null);
        }

        public Mock withFieldValidationMode(FieldValidationMode mode) {
            return new Mock(result, error, cause, mode);
        }

        public boolean isError() {
            return result == null;
        }
    }

    /**
     * AWS's {@code stateConfiguration}.
     *
     * @param retrierRetryCount        retries the matching Retrier already made (default 0)
     * @param errorCausedByState       the state inside a Map or Parallel a mocked error comes from
     * @param mapIterationFailureCount failed iterations of a mocked Map (checked against its tolerated failures)
     * @param mapItemReaderData        what a Distributed Map's ItemReader reads, in the source's format
     */
    public record Configuration(Integer retrierRetryCount, String errorCausedByState, Integer mapIterationFailureCount,
                                String mapItemReaderData) {
    }

    /** The input is not JSON: InvalidExecutionInput on the API. */
    public static final class InvalidInputException extends IllegalArgumentException {
        public InvalidInputException(String message) {
            super(message);
        }
    }

    public TestStateRequest {
        Objects.requireNonNull(definition, "definition");
    }

    public static TestStateRequest of(String definition, String input) {
        return new TestStateRequest(definition, null, input, null, null, null, null, null);
    }

    public TestStateRequest withStateName(String name) {
        return new TestStateRequest(definition, name, input, inspectionLevel, mock, stateConfiguration, variables,
                context);
    }

    public TestStateRequest withInspectionLevel(InspectionLevel level) {
        return new TestStateRequest(definition, stateName, input, level, mock, stateConfiguration, variables, context);
    }

    public TestStateRequest withMock(Mock m) {
        return new TestStateRequest(definition, stateName, input, inspectionLevel, m, stateConfiguration, variables,
                context);
    }

    public TestStateRequest withConfiguration(Configuration c) {
        return new TestStateRequest(definition, stateName, input, inspectionLevel, mock, c, variables, context);
    }

    public TestStateRequest withVariables(String variablesJson) {
        return new TestStateRequest(definition, stateName, input, inspectionLevel, mock, stateConfiguration,
                variablesJson, context);
    }

    public TestStateRequest withContext(String contextJson) {
        return new TestStateRequest(definition, stateName, input, inspectionLevel, mock, stateConfiguration, variables,
                contextJson);
    }
}
