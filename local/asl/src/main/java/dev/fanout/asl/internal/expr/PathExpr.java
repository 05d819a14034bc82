package dev.fanout.asl.internal.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One parsed JSONPath of the JSONPath query language: which document it starts from ({@code $}
 * the input, {@code $$} the context object, {@code $name} a variable) and either a list of plain
 * steps (names and indexes, walked directly: most paths in real definitions) or a compiled Jayway
 * path for everything else (filters, wildcards, slices, deep scan, functions).
 */
final class PathExpr {

    enum Root { INPUT, CONTEXT, VARIABLE }

    /** A plain step: an object member name, or an array index when name is null. */
    record Step(String name, int index) {}

    private static final Configuration JAYWAY = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .build();
    private static final Map<String, PathExpr> CACHE = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 10_000;

    final String text;
    final Root root;
    final String variable;
    /** The path relative to its root document, always starting with {@code $}. */
    final String relative;
    /** Plain steps, or null when the path needs Jayway. */
    final List<Step> steps;
    private final JsonPath compiled;

    private PathExpr(String text, Root root, String variable, String relative, List<Step> steps, JsonPath compiled) {
        this.text = text;
        this.root = root;
        this.variable = variable;
        this.relative = relative;
        this.steps = steps;
        this.compiled = compiled;
    }

    /** Parses (cached) or throws IllegalArgumentException with the reason. */
    static PathExpr of(String text) {
        PathExpr cached = CACHE.get(text);
        if (cached != null) {
            return cached;
        }
        PathExpr parsed = parse(text);
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.putIfAbsent(text, parsed);
        }
        return parsed;
    }

    private static PathExpr parse(String text) {
        if (text == null || !text.startsWith("$")) {
            throw new IllegalArgumentException("a path must start with '$'");
        }
        Root root;
        String variable = null;
        String relative;
        if (text.startsWith("$$")) {
            root = Root.CONTEXT;
            relative = "$" + text.substring(2);
        } else if (text.length() > 1 && isNameStart(text.charAt(1))) {
            int end = 1;
            while (end < text.length() && isNamePart(text.charAt(end))) {
                end++;
            }
            root = Root.VARIABLE;
            variable = text.substring(1, end);
            relative = "$" + text.substring(end);
        } else {
            root = Root.INPUT;
            relative = text;
        }
        List<Step> steps = plainSteps(relative);
        JsonPath compiled = null;
        if (steps == null) {
            if (!balanced(relative)) {
                throw new IllegalArgumentException("unbalanced brackets or quotes");
            }
            try {
                compiled = JsonPath.compile(relative);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        return new PathExpr(text, root, variable, relative, steps, compiled);
    }

    /** Jayway accepts some truncated paths such as {@code $.a[}; AWS does not. */
    private static boolean balanced(String path) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++; // an escaped character inside a quoted key: \' or \\
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || c == ')') {
                if (--depth < 0) {
                    return false;
                }
            }
        }
        return depth == 0 && quote == 0;
    }

    static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** Steps of a path made only of {@code .name}, {@code ['name']} and {@code [n]}; null otherwise. */
    static List<Step> plainSteps(String relative) {
        List<Step> steps = new ArrayList<>();
        int i = 1;
        int n = relative.length();
        while (i < n) {
            char c = relative.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < n && isPlainNameChar(relative.charAt(i))) {
                    i++;
                }
                if (i == start) {
                    return null;
                }
                steps.add(new Step(relative.substring(start, i), -1));
            } else if (c == '[') {
                int close = closingBracket(relative, i);
                if (close < 0) {
                    return null;
                }
                String inside = relative.substring(i + 1, close);
                Step step = bracketStep(inside);
                if (step == null) {
                    return null;
                }
                steps.add(step);
                i = close + 1;
            } else {
                return null;
            }
        }
        return List.copyOf(steps);
    }

    private static boolean isPlainNameChar(char c) {
        return c != '.' && c != '[' && c != ']' && c != '*' && c != '(' && c != ')' && c != '@'
                && c != '?' && c != ',' && c != '\'' && c != '"' && c != ' ' && c != ':';
    }

    /** The {@code ]} closing the bracket at {@code open}, skipping quoted keys and their escapes; -1 if none. */
    private static int closingBracket(String path, int open) {
        char quote = 0;
        for (int i = open + 1; i < path.length(); i++) {
            char c = path.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ']') {
                return i;
            }
        }
        return -1;
    }

    /**
     * A quoted key, {@code ['name']} or {@code ["name"]}, where a backslash escapes the next character ({@code \'},
     * {@code \\}), as in Jayway JsonPath, which AWS evaluates paths with. Null when it is not a plain key.
     */
    private static String quotedKey(String inside) {
        if (inside.length() < 2) {
            return null;
        }
        char quote = inside.charAt(0);
        if ((quote != '\'' && quote != '"') || inside.charAt(inside.length() - 1) != quote) {
            return null;
        }
        StringBuilder name = new StringBuilder(inside.length());
        for (int i = 1; i < inside.length() - 1; i++) {
            char c = inside.charAt(i);
            if (c == '\\') {
                if (i + 1 >= inside.length() - 1) {
                    return null;
                }
                name.append(inside.charAt(++i));
            } else if (c == quote) {
                return null; // e.g. ['a','b']: several keys, not one
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }

    private static Step bracketStep(String inside) {
        String key = quotedKey(inside);
        if (key != null) {
            return new Step(key, -1);
        }
        if (!inside.isEmpty() && (inside.charAt(0) == '\'' || inside.charAt(0) == '"')) {
            return null;
        }
        if (inside.isEmpty() || inside.length() > 9) {
            return null;
        }
        for (int k = 0; k < inside.length(); k++) {
            if (!Character.isDigit(inside.charAt(k))) {
                return null;
            }
        }
        return new Step(null, Integer.parseInt(inside));
    }

    /** True when the path is a Reference Path (no wildcards, filters or other operators). */
    boolean isReference() {
        return steps != null;
    }

    JsonNode document(EvalContext ctx) {
        return switch (root) {
            case INPUT -> ctx.input();
            case CONTEXT -> ctx.context();
            case VARIABLE -> ctx.variables().get(variable);
        };
    }

    /**
     * The document the path applies to. AWS refuses to apply a path to a null input (the
     * message is AWS's), so that fails here rather than reading as "not found".
     */
    JsonNode documentOrFail(EvalContext ctx) {
        JsonNode doc = document(ctx);
        if (root == Root.INPUT && (doc == null || doc.isNull() || doc.isMissingNode())) {
            throw new EvaluationException("States.Runtime", "Unable to apply Path transformation to null or empty input.");
        }
        return doc;
    }

    /** The value, or null when the path matches nothing. */
    JsonNode find(JsonNode doc) {
        if (doc == null) {
            return null;
        }
        if (steps != null) {
            JsonNode node = doc;
            for (Step step : steps) {
                node = step.name() != null ? node.get(step.name()) : node.isArray() ? node.get(step.index()) : null;
                if (node == null) {
                    return null;
                }
            }
            return node;
        }
        try {
            Object value = compiled.read(doc, JAYWAY);
            return value instanceof JsonNode json ? json : Json.MAPPER.valueToTree(value);
        } catch (RuntimeException e) {
            // Jayway reports a missing property or a type mismatch on the way (e.g. a property of a
            // string) as exceptions. A definite path then matches nothing; an indefinite one (wildcard,
            // slice, filter, deep scan) yields an empty list, as on AWS ($.items[1:] over {} is []).
            return compiled.isDefinite() ? null : Json.NODES.arrayNode();
        }
    }

    /**
     * Why the path matched nothing, in the words of Jayway JsonPath (the library behind AWS's
     * JSONPath, whose messages AWS passes on): {@code No results for path: $['x']} or
     * {@code Missing property in path $['a']['x']}. Only computed on failure.
     */
    String notFoundReason(JsonNode doc) {
        if (doc != null) {
            try {
                JsonPath.compile(relative).read(doc, JAYWAY);
            } catch (PathNotFoundException e) {
                String message = e.getMessage();
                if (message != null && (message.startsWith("No results for path") || message.startsWith("Missing property in path"))) {
                    return message;
                }
            } catch (RuntimeException e) {
                // fall through to the generic reason
            }
        }
        return "No results for path: " + normalized();
    }

    /** Jayway's normalized form of the path, as AWS quotes it: {@code $['a']['b'][0]}. */
    String normalized() {
        if (steps == null) {
            return compiled.getPath();
        }
        StringBuilder sb = new StringBuilder("$");
        for (Step step : steps) {
            if (step.name() != null) {
                sb.append("['").append(step.name()).append("']");
            } else {
                sb.append('[').append(step.index()).append(']');
            }
        }
        return sb.toString();
    }
}
