package dev.fanout.asl.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.asl.TestStateRequest;
import dev.fanout.asl.TestStateResult;

/**
 * TestState's request and answer members on the wire (API_TestState), for the endpoint and for tools that print or
 * read the same shapes (the {@code fanout asl test-state} command).
 */
public final class TestStateWire {
    private static final int MAX_ERROR_LENGTH = 256;
    private static final int MAX_CAUSE_LENGTH = 32768;
    private static final int MAX_DATA = 262_144;

    private TestStateWire() {
    }

    static TestStateRequest request(Request r) {
        String definition = r.requiredString("definition");
        r.optionalString("roleArn"); // accepted, not used: the engine has no IAM
        r.optionalBoolean("revealSecrets");
        TestStateRequest.Mock mock = mock(r.optionalObject("mock"));
        TestStateRequest.Configuration configuration = null;
        ObjectNode c = r.optionalObject("stateConfiguration");
        if (c != null) {
            Request cr = new Request("TestState.stateConfiguration", c);
            int retries = cr.optionalInt("retrierRetryCount", -1, Integer.MAX_VALUE);
            int failures = cr.optionalInt("mapIterationFailureCount", -1, Integer.MAX_VALUE);
            configuration = new TestStateRequest.Configuration(retries < 0 ? null : retries,
                    cr.optionalString("errorCausedByState", 80), failures < 0 ? null : failures,
                    cr.optionalString("mapItemReaderData", MAX_DATA));
        }
        return new TestStateRequest(definition, r.optionalString("stateName", 80), r.optionalString("input", MAX_DATA),
                r.optionalEnum("inspectionLevel", TestStateRequest.InspectionLevel.class), mock, configuration,
                r.optionalString("variables", MAX_DATA), r.optionalString("context", MAX_DATA));
    }

    /**
     * A {@code mock} member: {@code {"result": "<JSON text>"}} or {@code {"errorOutput": {"error", "cause"}}}, with an
     * optional {@code fieldValidationMode}; null for null.
     *
     * @throws StepFunctionsException ValidationException for a mock of another shape
     */
    public static TestStateRequest.Mock mock(ObjectNode m) {
        if (m == null) {
            return null;
        }
        Request mr = new Request("TestState.mock", m);
        ObjectNode errorOutput = mr.optionalObject("errorOutput");
        String result = mr.optionalString("result", MAX_DATA);
        if ((result == null) == (errorOutput == null)) {
            throw new StepFunctionsException(SfnErrorCode.VALIDATION,
                    "A mock must have either a result or an errorOutput");
        }
        TestStateRequest.FieldValidationMode mode = mr.optionalEnum("fieldValidationMode",
                TestStateRequest.FieldValidationMode.class);
        if (errorOutput != null) {
            Request er = new Request("TestState.mock.errorOutput", errorOutput);
            return TestStateRequest.Mock.error(er.optionalString("error", MAX_ERROR_LENGTH),
                    er.optionalString("cause", MAX_CAUSE_LENGTH)).withFieldValidationMode(mode);
        }
        return TestStateRequest.Mock.result(result).withFieldValidationMode(mode);
    }

    /** The TestState answer as the API sends it: JSON values as JSON text, absent members left out. */
    public static ObjectNode answer(TestStateResult result) {
        ObjectNode out = WireFormat.object();
        put(out, "output", result.output());
        put(out, "error", result.error());
        put(out, "cause", result.cause());
        TestStateResult.InspectionData d = result.inspectionData();
        if (d != null) {
            ObjectNode i = out.putObject("inspectionData");
            put(i, "input", d.input());
            put(i, "afterArguments", d.afterArguments());
            put(i, "afterInputPath", d.afterInputPath());
            put(i, "afterParameters", d.afterParameters());
            put(i, "result", d.result());
            put(i, "afterResultSelector", d.afterResultSelector());
            put(i, "afterResultPath", d.afterResultPath());
            put(i, "variables", d.variables());
            if (d.errorDetails() != null) {
                ObjectNode e = i.putObject("errorDetails");
                if (d.errorDetails().catchIndex() != null) {
                    e.put("catchIndex", d.errorDetails().catchIndex());
                }
                if (d.errorDetails().retryIndex() != null) {
                    e.put("retryIndex", d.errorDetails().retryIndex());
                }
                if (d.errorDetails().retryBackoffIntervalSeconds() != null) {
                    e.put("retryBackoffIntervalSeconds", d.errorDetails().retryBackoffIntervalSeconds());
                }
            }
            put(i, "afterItemsPath", d.afterItemsPath());
            put(i, "afterItemSelector", d.afterItemSelector());
            put(i, "afterItemBatcher", d.afterItemBatcher());
            if (d.toleratedFailureCount() != null) {
                i.put("toleratedFailureCount", d.toleratedFailureCount());
            }
            if (d.toleratedFailurePercentage() != null) {
                i.put("toleratedFailurePercentage", d.toleratedFailurePercentage());
            }
            if (d.maxConcurrency() != null) {
                i.put("maxConcurrency", d.maxConcurrency());
            }
        }
        put(out, "nextState", result.nextState());
        out.put("status", result.status().name());
        return out;
    }

    private static void put(ObjectNode node, String member, String value) {
        if (value != null) {
            node.put(member, value);
        }
    }
}
