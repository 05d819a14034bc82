package dev.fanout.asl.internal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.asl.internal.expr.Jsonata;
import dev.fanout.asl.internal.expr.JsonPathSupport;
import dev.fanout.asl.internal.model.Dynamic;
import dev.fanout.asl.internal.model.QueryLanguage;

/** Typed reads of definition fields that report, rather than throw, what is wrong. */
final class Fields {
    private final Problems problems;

    Fields(Problems problems) {
        this.problems = problems;
    }

    Problems problems() {
        return problems;
    }

    /** A string field, or null when absent; a non-string is a problem. */
    String string(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            problems.schema("The value for the field '" + field + "' must be a STRING", where + "/" + field);
            return null;
        }
        return v.textValue();
    }

    String requiredString(JsonNode node, String field, String where) {
        if (!node.has(field)) {
            problems.schema("These fields are required: [" + field + "]", where);
            return null;
        }
        return string(node, field, where);
    }

    /**
     * A path field where JSON null has a meaning (InputPath, OutputPath, ResultPath): absent is {@code "$"},
     * JSON null is Java null.
     */
    String nullablePath(JsonNode node, String field, String where, boolean reference) {
        JsonNode v = node.get(field);
        if (v == null) {
            return "$";
        }
        if (v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            problems.schema("The value for the field '" + field + "' must be a STRING", where + "/" + field);
            return "$";
        }
        String at = where + "/" + field;
        problems.addAll(reference ? JsonPathSupport.validateReferencePath(v.textValue(), at)
                : JsonPathSupport.validatePath(v.textValue(), at));
        return v.textValue();
    }

    /** A JSONPath Path field that may not be null (ItemsPath, SecondsPath...). */
    String path(JsonNode node, String field, String where) {
        String p = string(node, field, where);
        if (p != null) {
            problems.addAll(JsonPathSupport.validatePath(p, where + "/" + field));
        }
        return p;
    }

    /** A Payload Template (Parameters, ResultSelector, ItemSelector, JSONPath Assign): must be an object. */
    JsonNode template(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            problems.schema("The value for the field '" + field + "' must be an OBJECT", where + "/" + field);
            return null;
        }
        problems.addAll(JsonPathSupport.validateTemplate(v, where + "/" + field));
        return v;
    }

    /** A JSONata field value (Arguments, Output, Assign...): any JSON, with {% %} strings validated. */
    JsonNode jsonata(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v != null) {
            problems.addAll(Jsonata.validate(v, where + "/" + field));
        }
        return v;
    }

    Integer integer(JsonNode node, String field, String where, long min, long max) {
        JsonNode v = node.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            problems.schema("The value for the field '" + field + "' must be an INTEGER between " + min + " and "
                    + max, where + "/" + field);
            return null;
        }
        return v.intValue();
    }

    /**
     * A numeric field with an optional {@code ...Path} twin (JSONPath) or a {@code {% %}} value (JSONata),
     * e.g. TimeoutSeconds/TimeoutSecondsPath.
     */
    Dynamic dynamicNumber(JsonNode node, String field, String where, QueryLanguage lang, double min, double max,
                          boolean integral) {
        JsonNode v = node.get(field);
        String path = lang == QueryLanguage.JSONPATH ? path(node, field + "Path", where) : null;
        if (v != null && path != null) {
            problems.schema("The fields '" + field + "' and '" + field + "Path' are mutually exclusive", where);
        }
        if (v == null) {
            return new Dynamic(null, path, field);
        }
        if (lang == QueryLanguage.JSONATA && Jsonata.isExpression(v)) {
            problems.addAll(Jsonata.validate(v, where + "/" + field));
            return new Dynamic(v, null, field);
        }
        boolean ok = v.isNumber() && (!integral || v.isIntegralNumber()) && v.asDouble() >= min && v.asDouble() <= max;
        if (!ok) {
            problems.schema("The value for the field '" + field + "' must be " + (integral ? "an INTEGER" : "a NUMBER")
                    + " between " + fmt(min) + " and " + fmt(max), where + "/" + field);
            return Dynamic.none(field);
        }
        return new Dynamic(v, null, field);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
