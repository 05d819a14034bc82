package dev.fanout.asl.internal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.asl.internal.model.Catcher;
import dev.fanout.asl.internal.model.ErrorHandling;
import dev.fanout.asl.internal.model.QueryLanguage;
import dev.fanout.asl.internal.model.Retrier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** {@code Retry} and {@code Catch}, with the defaults of the ASL specification. */
final class ErrorHandlingParser {
    static final String ALL = "States.ALL";
    private static final Set<String> RETRIER_FIELDS = Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts",
            "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment");
    private static final Set<String> CATCHER_FIELDS_JSONPATH = Set.of("ErrorEquals", "Next", "ResultPath", "Assign",
            "Comment");
    private static final Set<String> CATCHER_FIELDS_JSONATA = Set.of("ErrorEquals", "Next", "Output", "Assign",
            "Comment");
    private static final int MAX_INT_FIELD = 99_999_999;

    private final Fields fields;

    ErrorHandlingParser(Fields fields) {
        this.fields = fields;
    }

    ErrorHandling parse(JsonNode state, String where, QueryLanguage lang) {
        List<Retrier> retriers = new ArrayList<>();
        List<Catcher> catchers = new ArrayList<>();
        JsonNode retry = state.get("Retry");
        if (retry != null) {
            if (!retry.isArray()) {
                fields.problems().schema("The value for the field 'Retry' must be an ARRAY", where + "/Retry");
            } else {
                for (int i = 0; i < retry.size(); i++) {
                    Retrier r = retrier(retry.get(i), where + "/Retry[" + i + "]", i == retry.size() - 1);
                    if (r != null) {
                        retriers.add(r);
                    }
                }
            }
        }
        JsonNode katch = state.get("Catch");
        if (katch != null) {
            if (!katch.isArray()) {
                fields.problems().schema("The value for the field 'Catch' must be an ARRAY", where + "/Catch");
            } else {
                for (int i = 0; i < katch.size(); i++) {
                    Catcher c = catcher(katch.get(i), where + "/Catch[" + i + "]", i == katch.size() - 1, lang);
                    if (c != null) {
                        catchers.add(c);
                    }
                }
            }
        }
        return retriers.isEmpty() && catchers.isEmpty() ? ErrorHandling.NONE : new ErrorHandling(retriers, catchers);
    }

    private Retrier retrier(JsonNode node, String where, boolean last) {
        if (!node.isObject()) {
            fields.problems().schema("A Retrier must be an OBJECT", where);
            return null;
        }
        unknownFields(node, RETRIER_FIELDS, where);
        List<String> errors = errorEquals(node, where, last, "Retrier");
        Integer interval = fields.integer(node, "IntervalSeconds", where, 1, MAX_INT_FIELD);
        Integer maxAttempts = fields.integer(node, "MaxAttempts", where, 0, MAX_INT_FIELD);
        Integer maxDelay = fields.integer(node, "MaxDelaySeconds", where, 1, 31_622_400);
        double backoff = 2.0;
        JsonNode b = node.get("BackoffRate");
        if (b != null) {
            if (!b.isNumber() || b.asDouble() < 1.0) {
                fields.problems().schema("The value for the field 'BackoffRate' must be a NUMBER greater than or equal to 1.0",
                        where + "/BackoffRate");
            } else {
                backoff = b.asDouble();
            }
        }
        String jitter = fields.string(node, "JitterStrategy", where);
        if (jitter != null && !jitter.equals("FULL") && !jitter.equals("NONE")) {
            fields.problems().schema("The value for the field 'JitterStrategy' must be one of [FULL, NONE]",
                    where + "/JitterStrategy");
        }
        return new Retrier(errors, interval == null ? 1 : interval, maxAttempts == null ? 3 : maxAttempts, backoff,
                maxDelay, "FULL".equals(jitter));
    }

    private Catcher catcher(JsonNode node, String where, boolean last, QueryLanguage lang) {
        if (!node.isObject()) {
            fields.problems().schema("A Catcher must be an OBJECT", where);
            return null;
        }
        boolean jsonata = lang == QueryLanguage.JSONATA;
        Set<String> allowed = jsonata ? CATCHER_FIELDS_JSONATA : CATCHER_FIELDS_JSONPATH;
        unknownFields(node, allowed, where);
        List<String> errors = errorEquals(node, where, last, "Catcher");
        String next = fields.requiredString(node, "Next", where);
        String resultPath = jsonata ? "$" : fields.nullablePath(node, "ResultPath", where, true);
        JsonNode output = jsonata ? fields.jsonata(node, "Output", where) : null;
        JsonNode assign = jsonata ? fields.jsonata(node, "Assign", where) : fields.template(node, "Assign", where);
        return new Catcher(errors, next == null ? "" : next, resultPath, output, assign);
    }

    private List<String> errorEquals(JsonNode node, String where, boolean last, String what) {
        JsonNode ee = node.get("ErrorEquals");
        List<String> out = new ArrayList<>();
        if (ee == null) {
            fields.problems().schema("These fields are required: [ErrorEquals]", where);
            return out;
        }
        if (!ee.isArray() || ee.isEmpty()) {
            fields.problems().schema("The value for the field 'ErrorEquals' must be a non-empty ARRAY of STRINGs",
                    where + "/ErrorEquals");
            return out;
        }
        for (JsonNode e : ee) {
            if (!e.isTextual()) {
                fields.problems().schema("The value for the field 'ErrorEquals' must be a non-empty ARRAY of STRINGs",
                        where + "/ErrorEquals");
                continue;
            }
            out.add(e.textValue());
        }
        if (out.contains(ALL)) {
            if (out.size() > 1) {
                fields.problems().schema("Error names must not be combined with States.ALL in the same "
                        + "'ErrorEquals'", where + "/ErrorEquals");
            }
            if (!last) {
                fields.problems().schema("States.ALL must appear alone in the last " + what, where + "/ErrorEquals");
            }
        }
        return out;
    }

    private void unknownFields(JsonNode node, Set<String> allowed, String where) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!allowed.contains(n)) {
                fields.problems().schema("The field '" + n + "' is not supported by Step Functions", where);
            }
        }
    }
}
