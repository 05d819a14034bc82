package dev.fanout.asl.internal.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.asl.InvalidDefinitionException;
import dev.fanout.asl.internal.model.Graph;
import dev.fanout.asl.internal.model.QueryLanguage;
import dev.fanout.asl.internal.model.State;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parses and validates a definition the way CreateStateMachine does: every problem is collected and reported
 * together in one {@link InvalidDefinitionException}.
 */
public final class DefinitionParser {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> TOP_FIELDS = Set.of("StartAt", "States", "Comment", "Version", "TimeoutSeconds",
            "QueryLanguage");
    private static final Set<String> GRAPH_FIELDS = Set.of("StartAt", "States", "Comment", "ProcessorConfig",
            "QueryLanguage");

    private final Problems problems = new Problems();
    private final Fields fields = new Fields(problems);
    private final Set<String> allStateNames = new HashSet<>();
    private final StateParser states = new StateParser(this, fields);

    private DefinitionParser() {}

    /** The top-level graph of a valid definition; throws {@link InvalidDefinitionException} otherwise. */
    public static Graph parse(String definitionJson) {
        JsonNode root;
        try {
            root = MAPPER.readTree(definitionJson);
        } catch (JsonProcessingException e) {
            throw new InvalidDefinitionException("Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: "
                    + e.getOriginalMessage() + "'");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidDefinitionException(
                    "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The definition must be a JSON object at /'");
        }
        DefinitionParser p = new DefinitionParser();
        Graph g = p.topLevel(root);
        p.problems.throwIfAny();
        new VariableScopes(p.problems).check(g);
        p.problems.throwIfAny();
        return g;
    }

    private Graph topLevel(JsonNode root) {
        unknown(root, TOP_FIELDS, "/");
        QueryLanguage lang = QueryLanguage.JSONPATH;
        String ql = fields.string(root, "QueryLanguage", "");
        if (ql != null) {
            lang = QueryLanguage.fromAsl(ql);
            if (lang == null) {
                problems.schema("The value for the field 'QueryLanguage' must be one of [JSONPath, JSONata]",
                        "/QueryLanguage");
                lang = QueryLanguage.JSONPATH;
            }
        }
        Integer timeout = fields.integer(root, "TimeoutSeconds", "", 1, 99_999_999);
        return graph(root, "", lang, timeout);
    }

    /** A StartAt + States object: the machine itself, a Parallel branch or a Map's ItemProcessor. */
    Graph graph(JsonNode node, String where, QueryLanguage lang, Integer timeoutSeconds) {
        if (!where.isEmpty()) {
            unknown(node, GRAPH_FIELDS, where);
        }
        String startAt = fields.requiredString(node, "StartAt", where.isEmpty() ? "/" : where);
        JsonNode statesNode = node.get("States");
        Map<String, State> parsed = new LinkedHashMap<>();
        if (statesNode == null || !statesNode.isObject() || statesNode.isEmpty()) {
            problems.schema("The field 'States' must be a non-empty OBJECT", where + "/States");
        } else {
            Iterator<Map.Entry<String, JsonNode>> it = statesNode.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = e.getKey();
                String at = where + "/States/" + name;
                checkName(name, at);
                State s = states.parse(name, e.getValue(), at, lang);
                if (s != null) {
                    parsed.put(name, s);
                }
            }
        }
        if (startAt != null && statesNode != null && statesNode.isObject() && !statesNode.has(startAt)) {
            problems.add("MISSING_TRANSITION_TARGET", "Missing 'StartAt' target: " + startAt, where + "/StartAt");
        }
        Graph g = new Graph(startAt == null ? "" : startAt, parsed, timeoutSeconds);
        if (startAt != null && parsed.containsKey(startAt) && statesNode.size() == parsed.size()) {
            new Transitions(problems).check(g, where);
        }
        return g;
    }

    private void checkName(String name, String where) {
        if (!allStateNames.add(name)) {
            problems.schema("State names must be unique across the state machine: '" + name + "'", where);
        }
        if (name.isEmpty() || name.length() > 80) {
            problems.schema("State names must be 1 to 80 characters long", where);
        }
    }

    void unknown(JsonNode node, Set<String> allowed, String where) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!allowed.contains(n)) {
                problems.schema("The field '" + n + "' is not supported by Step Functions", where);
            }
        }
    }
}
