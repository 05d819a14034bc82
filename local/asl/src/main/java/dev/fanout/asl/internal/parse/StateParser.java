package dev.fanout.asl.internal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.asl.internal.expr.ChoiceRules;
import dev.fanout.asl.internal.expr.Intrinsics;
import dev.fanout.asl.internal.expr.Jsonata;
import dev.fanout.asl.internal.expr.JsonPathSupport;
import dev.fanout.asl.internal.model.ChoiceRule;
import dev.fanout.asl.internal.model.ChoiceState;
import dev.fanout.asl.internal.model.Common;
import dev.fanout.asl.internal.model.Dynamic;
import dev.fanout.asl.internal.model.FailState;
import dev.fanout.asl.internal.model.Graph;
import dev.fanout.asl.internal.model.Io;
import dev.fanout.asl.internal.model.ParallelState;
import dev.fanout.asl.internal.model.PassState;
import dev.fanout.asl.internal.model.QueryLanguage;
import dev.fanout.asl.internal.model.State;
import dev.fanout.asl.internal.model.SucceedState;
import dev.fanout.asl.internal.model.TaskState;
import dev.fanout.asl.internal.model.WaitState;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses one state of each type, checking the fields it may have. */
final class StateParser {
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,79}");
    private static final Set<String> WITH_TRANSITION = Set.of("Pass", "Task", "Wait", "Parallel", "Map");
    private static final Set<String> JSONATA_RULE_FIELDS = Set.of("Condition", "Next", "Output", "Assign", "Comment");

    private final DefinitionParser graphs;
    private final Fields fields;
    private final ErrorHandlingParser errors;
    private final ResourceParser resources;
    private final MapParser maps;

    StateParser(DefinitionParser graphs, Fields fields) {
        this.graphs = graphs;
        this.fields = fields;
        this.errors = new ErrorHandlingParser(fields);
        this.resources = new ResourceParser(fields.problems());
        this.maps = new MapParser(graphs, fields, errors);
    }

    private Problems problems() {
        return fields.problems();
    }

    State parse(String name, JsonNode node, String where, QueryLanguage inherited) {
        if (!node.isObject()) {
            problems().schema("A state must be an OBJECT", where);
            return null;
        }
        String type = fields.requiredString(node, "Type", where);
        if (type == null) {
            return null;
        }
        if (!FieldRules.knownType(type)) {
            problems().schema("The value for the field 'Type' must be one of [Pass, Task, Choice, Wait, Succeed, Fail, "
                    + "Parallel, Map]", where + "/Type");
            return null;
        }
        QueryLanguage lang = language(node, where, inherited);
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            String why = FieldRules.check(type, lang, f);
            if (why != null) {
                problems().schema(why, where);
            }
        }
        Common common = common(name, type, node, where, lang);
        return switch (type) {
            case "Pass" -> new PassState(common, node.get("Result"));
            case "Succeed" -> new SucceedState(common);
            case "Fail" -> fail(common, node, where, lang);
            case "Wait" -> waitState(common, node, where, lang);
            case "Choice" -> choice(common, node, where, lang);
            case "Task" -> task(common, node, where, lang);
            case "Parallel" -> parallel(common, node, where, lang);
            case "Map" -> maps.parse(common, node, where, lang);
            default -> throw new IllegalStateException(type);
        };
    }

    private QueryLanguage language(JsonNode node, String where, QueryLanguage inherited) {
        String ql = fields.string(node, "QueryLanguage", where);
        if (ql == null) {
            return inherited;
        }
        QueryLanguage lang = QueryLanguage.fromAsl(ql);
        if (lang == null) {
            problems().schema("The value for the field 'QueryLanguage' must be one of [JSONPath, JSONata]",
                    where + "/QueryLanguage");
            return inherited;
        }
        if (inherited == QueryLanguage.JSONATA && lang == QueryLanguage.JSONPATH) {
            // AWS's recorded wording and location (LocalStack's test_sfn_api_validation snapshot)
            problems().schema("'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
                    where);
        }
        return lang;
    }

    private Common common(String name, String type, JsonNode node, String where, QueryLanguage lang) {
        String next = null;
        if (WITH_TRANSITION.contains(type)) {
            next = fields.string(node, "Next", where);
            JsonNode end = node.get("End");
            boolean isEnd = end != null && end.isBoolean() && end.booleanValue();
            if (end != null && !end.isBoolean()) {
                problems().schema("The value for the field 'End' must be a BOOLEAN", where + "/End");
            }
            if (next != null && isEnd) {
                problems().schema("Only one of 'Next' or 'End' can be defined", where);
            } else if (next == null && !isEnd && !node.has("Next")) {
                problems().schema("These fields are required: [Next | End]", where);
            }
        }
        Io io;
        JsonNode assign;
        if (lang == QueryLanguage.JSONPATH) {
            io = new Io(fields.nullablePath(node, "InputPath", where, false), fields.template(node, "Parameters", where),
                    fields.template(node, "ResultSelector", where), fields.nullablePath(node, "ResultPath", where, true),
                    fields.nullablePath(node, "OutputPath", where, false), null, null);
            assign = fields.template(node, "Assign", where);
        } else {
            io = new Io("$", null, null, "$", "$", fields.jsonata(node, "Arguments", where),
                    fields.jsonata(node, "Output", where));
            assign = fields.jsonata(node, "Assign", where);
        }
        checkAssign(assign, where + "/Assign", lang);
        return new Common(name, type, lang, next, io, assign, usesContext(node, lang));
    }

    void checkAssign(JsonNode assign, String where, QueryLanguage lang) {
        if (assign == null) {
            return;
        }
        if (!assign.isObject()) {
            problems().schema("The value for the field 'Assign' must be an OBJECT", where);
            return;
        }
        Iterator<String> names = assign.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            String variable = lang == QueryLanguage.JSONPATH && n.endsWith(".$") ? n.substring(0, n.length() - 2) : n;
            if (variable.equals("states")) {
                problems().schema("The variable name 'states' is reserved", where);
            } else if (!VARIABLE.matcher(variable).matches()) {
                problems().schema("The variable name '" + variable + "' is invalid: it must start with a letter or '_', "
                        + "contain only letters, digits and '_', and be at most 80 characters long", where);
            }
        }
    }

    /** Whether anything in the state can read the context object; a textual check is enough to be safe. */
    static boolean usesContext(JsonNode node, QueryLanguage lang) {
        String text = node.toString();
        return text.contains("$$") || (lang == QueryLanguage.JSONATA && text.contains("context"))
                || text.contains(".waitForTaskToken");
    }

    private State fail(Common common, JsonNode node, String where, QueryLanguage lang) {
        return new FailState(common, failField(node, "Error", where, lang), failField(node, "Cause", where, lang));
    }

    private Dynamic failField(JsonNode node, String field, String where, QueryLanguage lang) {
        JsonNode v = node.get(field);
        if (v != null && !v.isTextual()) {
            problems().schema("The value for the field '" + field + "' must be a STRING", where + "/" + field);
            v = null;
        }
        if (v != null && lang == QueryLanguage.JSONATA) {
            problems().addAll(Jsonata.validate(v, where + "/" + field));
        }
        String path = null;
        if (lang == QueryLanguage.JSONPATH) {
            path = fields.string(node, field + "Path", where);
            if (path != null) {
                String at = where + "/" + field + "Path";
                problems().addAll(Intrinsics.isIntrinsic(path) ? Intrinsics.validate(path, at)
                        : JsonPathSupport.validatePath(path, at));
            }
            if (v != null && path != null) {
                problems().schema("The fields '" + field + "' and '" + field + "Path' are mutually exclusive", where);
            }
        }
        return new Dynamic(v, path, field);
    }

    private State waitState(Common common, JsonNode node, String where, QueryLanguage lang) {
        Dynamic seconds = fields.dynamicNumber(node, "Seconds", where, lang, 0, 99_999_999, true);
        Dynamic timestamp = Dynamic.none("Timestamp");
        JsonNode ts = node.get("Timestamp");
        String tsPath = lang == QueryLanguage.JSONPATH ? fields.path(node, "TimestampPath", where) : null;
        if (ts != null) {
            if (!ts.isTextual()) {
                problems().schema("The value for the field 'Timestamp' must be a STRING", where + "/Timestamp");
            } else if (lang == QueryLanguage.JSONATA && Jsonata.isExpression(ts)) {
                problems().addAll(Jsonata.validate(ts, where + "/Timestamp"));
                timestamp = new Dynamic(ts, null, "Timestamp");
            } else if (!validTimestamp(ts.textValue())) {
                problems().schema("The value for the field 'Timestamp' must be a valid ISO-8601 timestamp",
                        where + "/Timestamp");
            } else {
                timestamp = new Dynamic(ts, null, "Timestamp");
            }
        } else if (tsPath != null) {
            timestamp = new Dynamic(null, tsPath, "Timestamp");
        }
        int count = (node.has("Seconds") ? 1 : 0) + (node.has("SecondsPath") ? 1 : 0) + (node.has("Timestamp") ? 1 : 0)
                + (node.has("TimestampPath") ? 1 : 0);
        if (count != 1) {
            problems().schema("Exactly one of 'Seconds', 'SecondsPath', 'Timestamp' or 'TimestampPath' is required",
                    where);
        }
        return new WaitState(common, seconds, timestamp);
    }

    static boolean validTimestamp(String s) {
        try {
            OffsetDateTime.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private State choice(Common common, JsonNode node, String where, QueryLanguage lang) {
        JsonNode choices = node.get("Choices");
        List<ChoiceRule> rules = new ArrayList<>();
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            problems().schema("The field 'Choices' must be a non-empty ARRAY", where + "/Choices");
        } else {
            for (int i = 0; i < choices.size(); i++) {
                ChoiceRule r = choiceRule(choices.get(i), where + "/Choices[" + i + "]", lang);
                if (r != null) {
                    rules.add(r);
                }
            }
        }
        String defaultNext = fields.string(node, "Default", where);
        return new ChoiceState(common, rules, defaultNext);
    }

    private ChoiceRule choiceRule(JsonNode rule, String where, QueryLanguage lang) {
        if (!rule.isObject()) {
            problems().schema("A Choice Rule must be an OBJECT", where);
            return null;
        }
        String next = fields.requiredString(rule, "Next", where);
        if (lang == QueryLanguage.JSONATA) {
            graphs.unknown(rule, JSONATA_RULE_FIELDS, where);
            String condition = fields.requiredString(rule, "Condition", where);
            if (condition != null) {
                problems().addAll(Jsonata.validate(rule.get("Condition"), where + "/Condition"));
            }
            JsonNode assign = fields.jsonata(rule, "Assign", where);
            checkAssign(assign, where + "/Assign", lang);
            return new ChoiceRule(null, condition, next, assign, fields.jsonata(rule, "Output", where));
        }
        problems().addAll(ChoiceRules.validate(rule, where));
        JsonNode assign = fields.template(rule, "Assign", where);
        checkAssign(assign, where + "/Assign", lang);
        return new ChoiceRule(rule, null, next, assign, null);
    }

    private State task(Common common, JsonNode node, String where, QueryLanguage lang) {
        String resourceArn = fields.requiredString(node, "Resource", where);
        var resource = resourceArn == null ? null : resources.parse(resourceArn, node, common, where + "/Resource");
        Dynamic timeout = fields.dynamicNumber(node, "TimeoutSeconds", where, lang, 1, 99_999_999, true);
        Dynamic heartbeat = fields.dynamicNumber(node, "HeartbeatSeconds", where, lang, 1, 99_999_999, true);
        if (timeout.literal() != null && heartbeat.literal() != null && timeout.literal().isNumber()
                && heartbeat.literal().isNumber() && heartbeat.literal().asLong() >= timeout.literal().asLong()) {
            problems().schema("The value for the field 'HeartbeatSeconds' must be smaller than the value for the field "
                    + "'TimeoutSeconds'", where + "/HeartbeatSeconds");
        }
        if (graphs.express() && resource != null && resource.waitForToken()) {
            problems().schema(MapParser.EXPRESS_CALLBACK, where + "/Resource");
        }
        var eh = errors.parse(node, where, lang);
        return resource == null ? null : new TaskState(common, resource, timeout, heartbeat, eh);
    }

    private State parallel(Common common, JsonNode node, String where, QueryLanguage lang) {
        JsonNode branches = node.get("Branches");
        List<Graph> graphsOut = new ArrayList<>();
        if (branches == null || !branches.isArray() || branches.isEmpty()) {
            problems().schema("The field 'Branches' must be a non-empty ARRAY", where + "/Branches");
        } else {
            for (int i = 0; i < branches.size(); i++) {
                JsonNode b = branches.get(i);
                String at = where + "/Branches[" + i + "]";
                if (!b.isObject()) {
                    problems().schema("A branch must be an OBJECT", at);
                    continue;
                }
                graphsOut.add(graphs.graph(b, at, branchLanguage(b, at, lang), null));
            }
        }
        return new ParallelState(common, graphsOut, errors.parse(node, where, lang));
    }

    /** A Parallel branch or Map processor may set its own QueryLanguage. */
    QueryLanguage branchLanguage(JsonNode graph, String where, QueryLanguage inherited) {
        return language(graph, where, inherited);
    }
}
