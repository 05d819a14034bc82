package dev.fanout.asl.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The members of one JSON-protocol request body. A member of the wrong JSON type is a
 * {@code SerializationException}, a missing required one or a value out of range a {@code ValidationException},
 * as on AWS.
 */
record Request(String operation, ObjectNode body) {

    String requiredString(String member) {
        String value = optionalString(member);
        if (value == null) {
            throw StepFunctionsException.validation(member, "Member must not be null", null);
        }
        return value;
    }

    String optionalString(String member) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw wrongType(member, "a string");
        }
        return node.textValue();
    }

    String optionalString(String member, int maxLength) {
        String value = optionalString(member);
        if (value != null && value.length() > maxLength) {
            throw StepFunctionsException.validation(member,
                    "Member must have length less than or equal to " + maxLength, value);
        }
        return value;
    }

    /** {@code maxResults}: 0 (the default) means 100; at most 1000. */
    int maxResults() {
        JsonNode node = body.get("maxResults");
        if (node == null || node.isNull()) {
            return Pages.DEFAULT_PAGE_SIZE;
        }
        if (!node.isIntegralNumber()) {
            throw wrongType("maxResults", "an integer");
        }
        long value = node.longValue();
        if (value < 0) {
            throw StepFunctionsException.validation("maxResults",
                    "Member must have value greater than or equal to 0", value);
        }
        if (value > Pages.MAX_PAGE_SIZE) {
            throw StepFunctionsException.validation("maxResults",
                    "Member must have value less than or equal to " + Pages.MAX_PAGE_SIZE, value);
        }
        return value == 0 ? Pages.DEFAULT_PAGE_SIZE : (int) value;
    }

    /** An optional integer member in [min, max]; {@code absent} when it is not given. */
    int optionalInt(String member, int absent, int max) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isIntegralNumber()) {
            throw wrongType(member, "an integer");
        }
        long value = node.longValue();
        if (value < 0) {
            throw StepFunctionsException.validation(member, "Member must have value greater than or equal to 0",
                    value);
        }
        if (value > max) {
            throw StepFunctionsException.validation(member, "Member must have value less than or equal to " + max,
                    value);
        }
        return (int) value;
    }

    /** An optional object member, or null. */
    ObjectNode optionalObject(String member) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw wrongType(member, "a structure");
        }
        return (ObjectNode) node;
    }

    boolean optionalBoolean(String member) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw wrongType(member, "a boolean");
        }
        return node.booleanValue();
    }

    <E extends Enum<E>> E optionalEnum(String member, Class<E> type) {
        String value = optionalString(member);
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw StepFunctionsException.validation(member, "Member must satisfy enum value set: "
                + java.util.Arrays.toString(type.getEnumConstants()), value);
    }

    private StepFunctionsException wrongType(String member, String expected) {
        return new StepFunctionsException(SfnErrorCode.SERIALIZATION,
                "Member '" + member + "' of " + operation + " must be " + expected);
    }
}
