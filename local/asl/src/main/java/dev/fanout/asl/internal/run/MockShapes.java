package dev.fanout.asl.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.asl.TestStateRequest.FieldValidationMode;
import dev.fanout.asl.internal.model.Resource;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * TestState's {@code fieldValidationMode} for the integrations this engine runs: STRICT (the default) and PRESENT
 * refuse a mocked result that is not an object or has a member the integration's response does not have, STRICT
 * also a member of the wrong type; NONE takes any JSON. A bare Lambda function ARN answers the function's own
 * payload: any JSON. The refusal's wording is ours (AWS's is not recorded anywhere we know).
 */
final class MockShapes {
    private static final Map<String, Set<String>> LAMBDA = Map.of(
            "ExecutedVersion", Set.of("STRING"), "FunctionError", Set.of("STRING"), "LogResult", Set.of("STRING"),
            "Payload", Set.of("ANY"), "StatusCode", Set.of("NUMBER"), "SdkHttpMetadata", Set.of("OBJECT"),
            "SdkResponseMetadata", Set.of("OBJECT"));
    private static final Map<String, Set<String>> SQS = Map.of(
            "MessageId", Set.of("STRING"), "MD5OfMessageBody", Set.of("STRING"),
            "MD5OfMessageAttributes", Set.of("STRING"), "MD5OfMessageSystemAttributes", Set.of("STRING"),
            "SequenceNumber", Set.of("STRING"), "SdkHttpMetadata", Set.of("OBJECT"),
            "SdkResponseMetadata", Set.of("OBJECT"));

    private MockShapes() {
    }

    static void check(Resource resource, JsonNode mocked, FieldValidationMode mode) {
        FieldValidationMode m = mode == null ? FieldValidationMode.STRICT : mode;
        if (m == FieldValidationMode.NONE || resource.kind() == Resource.Kind.LAMBDA_FUNCTION) {
            return;
        }
        Map<String, Set<String>> shape = resource.kind() == Resource.Kind.SQS_SEND_MESSAGE ? SQS : LAMBDA;
        if (!mocked.isObject()) {
            throw new IllegalArgumentException("The mock result of " + resource.arn() + " must be a JSON object");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = mocked.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            Set<String> types = shape.get(f.getKey());
            if (types == null) {
                throw new IllegalArgumentException("The mock result of " + resource.arn() + " has the field '"
                        + f.getKey() + "', which its response does not have");
            }
            if (m == FieldValidationMode.STRICT && !types.contains("ANY")
                    && !types.contains(f.getValue().getNodeType().name())) {
                throw new IllegalArgumentException("The field '" + f.getKey() + "' of the mock result of "
                        + resource.arn() + " must be " + types.iterator().next().toLowerCase() + ", but was "
                        + f.getValue().getNodeType().name().toLowerCase());
            }
        }
    }
}
