package dev.fanout.asl.internal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.asl.internal.model.Common;
import dev.fanout.asl.internal.model.QueryLanguage;
import dev.fanout.asl.internal.model.Resource;
import java.util.regex.Pattern;

/** Classifies a Task's {@code Resource}; anything the engine cannot run is rejected here, not at run time. */
final class ResourceParser {
    private static final Pattern LAMBDA_FUNCTION = Pattern.compile(
            "arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]{1,128})?");
    private static final Pattern STATES_INTEGRATION = Pattern.compile("arn:aws[a-z-]*:states:::([a-zA-Z0-9-]+):([a-zA-Z0-9.]+)");
    private static final String SUPPORTED = "supported: Lambda function ARNs, arn:aws:states:::lambda:invoke, "
            + "arn:aws:states:::sqs:sendMessage, each optionally with .waitForTaskToken";

    private final Problems problems;

    ResourceParser(Problems problems) {
        this.problems = problems;
    }

    Resource parse(String arn, JsonNode state, Common common, String where) {
        if (LAMBDA_FUNCTION.matcher(arn).matches()) {
            return new Resource(arn, Resource.Kind.LAMBDA_FUNCTION, false);
        }
        var m = STATES_INTEGRATION.matcher(arn);
        if (!m.matches()) {
            if (arn.matches("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:activity:.+")) {
                problems.add("UNSUPPORTED_FEATURE", "Activities are not supported by this engine (" + SUPPORTED + ")",
                        where);
            } else {
                problems.schema("The resource provided " + arn + " is not recognized. The value is not a valid "
                        + "resource ARN, or the resource is not available in this region.", where);
            }
            return null;
        }
        String service = m.group(1);
        String action = m.group(2);
        boolean wait = action.endsWith(".waitForTaskToken");
        String base = wait ? action.substring(0, action.length() - ".waitForTaskToken".length()) : action;
        if (base.endsWith(".sync") || base.contains(".sync:")) {
            problems.add("UNSUPPORTED_FEATURE", "The '.sync' integration pattern is not supported by this engine ("
                    + SUPPORTED + ")", where);
            return null;
        }
        Resource.Kind kind = null;
        if (service.equals("lambda") && base.equals("invoke")) {
            kind = Resource.Kind.LAMBDA_INVOKE;
            requireParameter(state, common, "FunctionName", where);
        } else if (service.equals("sqs") && base.equals("sendMessage")) {
            kind = Resource.Kind.SQS_SEND_MESSAGE;
            requireParameter(state, common, "QueueUrl", where);
            requireParameter(state, common, "MessageBody", where);
        }
        if (kind == null) {
            problems.add("UNSUPPORTED_FEATURE", "The service integration " + arn + " is not supported by this engine ("
                    + SUPPORTED + ")", where);
            return null;
        }
        return new Resource(arn, kind, wait);
    }

    private void requireParameter(JsonNode state, Common common, String name, String where) {
        boolean jsonata = common.language() == QueryLanguage.JSONATA;
        JsonNode params = state.get(jsonata ? "Arguments" : "Parameters");
        if (params != null && params.isTextual()) {
            return; // a JSONata expression producing the whole object: checked at run time
        }
        boolean present = params != null && params.isObject() && (params.has(name) || params.has(name + ".$"));
        if (!present) {
            problems.schema("The field '" + name + "' is required in '" + (jsonata ? "Arguments" : "Parameters")
                    + "' for " + state.path("Resource").asText(), where.substring(0, where.lastIndexOf('/')));
        }
    }
}
