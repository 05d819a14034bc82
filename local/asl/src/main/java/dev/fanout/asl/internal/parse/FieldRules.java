package dev.fanout.asl.internal.parse;

import dev.fanout.asl.internal.model.QueryLanguage;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Which fields each state type accepts in each query language (the ASL specification's field tables). */
final class FieldRules {

    private static final Set<String> JSONPATH_ONLY = Set.of("InputPath", "OutputPath", "Parameters", "ResultSelector",
            "ResultPath", "SecondsPath", "TimestampPath", "TimeoutSecondsPath", "HeartbeatSecondsPath", "ErrorPath",
            "CausePath", "ItemsPath", "MaxConcurrencyPath", "ToleratedFailurePercentagePath",
            "ToleratedFailureCountPath", "Iterator");
    private static final Set<String> JSONATA_ONLY = Set.of("Arguments", "Output", "Items");

    private static final Map<String, Set<String>> BY_TYPE = new HashMap<>();

    static {
        BY_TYPE.put("Pass", Set.of("Next", "End", "InputPath", "OutputPath", "Parameters", "ResultPath", "Result",
                "Assign", "Output"));
        BY_TYPE.put("Task", Set.of("Next", "End", "Resource", "InputPath", "OutputPath", "Parameters",
                "ResultSelector", "ResultPath", "Retry", "Catch", "TimeoutSeconds", "TimeoutSecondsPath",
                "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials", "Assign", "Arguments", "Output"));
        BY_TYPE.put("Choice", Set.of("Choices", "Default", "InputPath", "OutputPath", "Assign", "Output"));
        BY_TYPE.put("Wait", Set.of("Next", "End", "Seconds", "SecondsPath", "Timestamp", "TimestampPath",
                "InputPath", "OutputPath", "Assign", "Output"));
        BY_TYPE.put("Succeed", Set.of("InputPath", "OutputPath", "Output"));
        BY_TYPE.put("Fail", Set.of("Error", "ErrorPath", "Cause", "CausePath"));
        BY_TYPE.put("Parallel", Set.of("Next", "End", "Branches", "InputPath", "OutputPath", "Parameters",
                "ResultSelector", "ResultPath", "Retry", "Catch", "Assign", "Arguments", "Output"));
        BY_TYPE.put("Map", Set.of("Next", "End", "ItemProcessor", "Iterator", "ItemsPath", "Items", "ItemSelector",
                "Parameters", "MaxConcurrency", "MaxConcurrencyPath", "ItemReader", "ItemBatcher", "ResultWriter",
                "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "ToleratedFailureCount",
                "ToleratedFailureCountPath", "Label", "InputPath", "OutputPath", "ResultSelector", "ResultPath",
                "Retry", "Catch", "Assign", "Output"));
    }

    private FieldRules() {}

    static boolean knownType(String type) {
        return BY_TYPE.containsKey(type);
    }

    /** Null if the field is allowed, otherwise the reason. */
    static String check(String type, QueryLanguage language, String field) {
        if (field.equals("Type") || field.equals("Comment") || field.equals("QueryLanguage")) {
            return null;
        }
        if (!BY_TYPE.get(type).contains(field)) {
            return "The field '" + field + "' is not supported by Step Functions";
        }
        if (language == QueryLanguage.JSONATA && JSONPATH_ONLY.contains(field)) {
            return "The field '" + field + "' is not supported for the query language 'JSONata'";
        }
        if (language == QueryLanguage.JSONPATH && JSONATA_ONLY.contains(field)) {
            return "The field '" + field + "' is not supported for the query language 'JSONPath'";
        }
        return null;
    }
}
