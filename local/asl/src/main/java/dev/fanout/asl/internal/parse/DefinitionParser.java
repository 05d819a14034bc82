package dev.fanout.asl.internal.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.asl.Diagnostic;
import dev.fanout.asl.InvalidDefinitionException;
import dev.fanout.asl.internal.model.Graph;
import dev.fanout.asl.internal.model.QueryLanguage;
import dev.fanout.asl.internal.model.State;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parses and validates a definition the way CreateStateMachine does: every problem is collected and reported
 * together in one {@link InvalidDefinitionException}.
 */
public final class DefinitionParser {
    private static final ObjectMapper LOCATING_MAPPER = new ObjectMapper();
    private static final Set<String> TOP_FIELDS = Set.of("StartAt", "States", "Comment", "Version", "TimeoutSeconds",
            "QueryLanguage");
    private static final Set<String> GRAPH_FIELDS = Set.of("StartAt", "States", "Comment", "ProcessorConfig",
            "QueryLanguage");

    private final Problems problems = new Problems();
    private final Fields fields = new Fields(problems);
    private final Set<String> allStateNames = new HashSet<>();
    private final StateParser states = new StateParser(this, fields);

    private final boolean express;

    private DefinitionParser(boolean express) {
        this.express = express;
    }

    /** The top-level graph of a valid definition; throws {@link InvalidDefinitionException} otherwise. */
    public static Graph parse(String definitionJson) {
        Analysis a = analyse(definitionJson, false);
        if (!a.diagnostics().isEmpty()) {
            throw new InvalidDefinitionException(Problems.message(a.diagnostics()));
        }
        return a.graph();
    }

    /** The graph (null when invalid) and every problem found, as ValidateStateMachineDefinition lists them. */
    public record Analysis(Graph graph, List<Diagnostic> diagnostics) {
    }

    /**
     * Validates a definition; {@code express}: as the definition of an EXPRESS state machine, which may not wait for
     * task tokens. Wordings and locations follow AWS's recorded ValidateStateMachineDefinition answers (LocalStack's
     * test_sfn_api_validation snapshot).
     */
    public static Analysis analyse(String definitionJson, boolean express) {
        if (definitionJson.isBlank()) {
            return failed("SCHEMA_VALIDATION_FAILED", "Definition must be a valid JSON object", null);
        }
        JsonNode root;
        try {
            root = LOCATING_MAPPER.readTree(definitionJson);
        } catch (JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            String location = at == null ? null : "[Source: (String)" + quoted(definitionJson)
                    + "; line: " + at.getLineNr() + ", column: " + (at.getColumnNr()
                    + unrecognizedTokenLength(definitionJson, e, at)) + "]";
            return failed("INVALID_JSON_DESCRIPTION", e.getOriginalMessage()
                    + (location == null ? "" : "\n at " + location), location);
        }
        if (root == null || !root.isObject()) {
            return failed("SCHEMA_VALIDATION_FAILED", "Definition must be a valid JSON object", null);
        }
        DefinitionParser p = new DefinitionParser(express);
        Graph g = p.topLevel(root);
        if (p.problems.isEmpty()) {
            new VariableScopes(p.problems).check(g);
        }
        return new Analysis(p.problems.isEmpty() ? g : null, p.problems.diagnostics());
    }

    /**
     * AWS's Jackson locates an unrecognized token after the identifier characters it read ({@code not} of
     * {@code not a definition}: column 4); ours locates the token's start.
     */
    private static int unrecognizedTokenLength(String text, JsonProcessingException e,
                                               com.fasterxml.jackson.core.JsonLocation at) {
        String m = e.getOriginalMessage();
        long offset = at.getCharOffset();
        if (m == null || !m.startsWith("Unrecognized token") || offset < 0 || offset >= text.length()) {
            return 0;
        }
        int i = (int) offset;
        while (i < text.length() && Character.isJavaIdentifierPart(text.charAt(i))) {
            i++;
        }
        return i - (int) offset;
    }

    private static Analysis failed(String code, String message, String location) {
        return new Analysis(null, List.of(new Diagnostic(Diagnostic.Severity.ERROR, code, message, location)));
    }

    /** The definition as Jackson quotes its source in a location: in double quotes, at most 500 characters. */
    private static String quoted(String text) {
        String shown = text.length() > 500 ? text.substring(0, 500) + "\"[truncated " + (text.length() - 500)
                + " chars]" : text + "\"";
        return "\"" + shown;
    }

    boolean express() {
        return express;
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
        List<String> missing = new java.util.ArrayList<>();
        if (!node.has("States")) {
            missing.add("States");
        }
        if (!node.has("StartAt")) {
            missing.add("StartAt");
        }
        if (!missing.isEmpty()) {
            problems.schema("These fields are required: [" + String.join(", ", missing) + "]",
                    where.isEmpty() ? "/" : where);
        }
        String startAt = fields.string(node, "StartAt", where.isEmpty() ? "/" : where);
        JsonNode statesNode = node.get("States");
        Map<String, State> parsed = new LinkedHashMap<>();
        if (statesNode == null) {
            // reported above
        } else if (!statesNode.isObject() || statesNode.isEmpty()) {
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
