package dev.fanout.asl.internal.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Conversions between Jackson trees and the plain Java values the JSONata engine works on. JSON
 * null is the engine's {@code Jsonata.NULL_VALUE}; Java null is JSONata's "undefined".
 */
final class JsonataValues {

    private static final Object JSON_NULL = com.dashjoin.jsonata.Jsonata.NULL_VALUE;

    /** Thrown when a result cannot be represented in JSON (a function, say). */
    static final class NotJsonException extends RuntimeException {
        NotJsonException(String message) {
            super(message, null, false, false);
        }
    }

    private JsonataValues() {}

    static Object toJava(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        return switch (node.getNodeType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>(node.size() * 2);
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    map.put(field.getKey(), toJava(field.getValue()));
                }
                yield map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode element : node) {
                    list.add(toJava(element));
                }
                yield list;
            }
            case STRING -> node.textValue();
            case NUMBER -> node.isIntegralNumber() && node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
            case BOOLEAN -> node.booleanValue();
            default -> JSON_NULL;
        };
    }

    static JsonNode toJson(Object value) {
        if (value == null || value == JSON_NULL) {
            return NullNode.getInstance();
        }
        if (value instanceof String s) {
            return Json.NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return Json.NODES.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return JsonValues.integer(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return Json.NODES.numberNode(big);
        }
        if (value instanceof Number number) {
            return number(number);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode out = Json.NODES.objectNode();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                // JSONata drops keys whose value is undefined
                if (entry.getValue() != null) {
                    out.set(String.valueOf(entry.getKey()), toJson(entry.getValue()));
                }
            }
            return out;
        }
        if (value instanceof List<?> list) {
            ArrayNode out = Json.NODES.arrayNode(list.size());
            for (Object element : list) {
                out.add(toJson(element));
            }
            return out;
        }
        throw new NotJsonException("the result is a " + value.getClass().getSimpleName() + ", which is not JSON");
    }

    /** JSONata numbers are doubles; an integral one prints as an integer, as in JavaScript. */
    private static JsonNode number(Number number) {
        double d = number.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new NotJsonException("the result " + d + " is not a JSON number");
        }
        if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) {
            return JsonValues.integer((long) d);
        }
        if (number instanceof BigDecimal decimal) {
            return Json.NODES.numberNode(decimal);
        }
        return DoubleNode.valueOf(d);
    }

    /** {@code $states}: converts each member only when an expression reads it. */
    static final class LazyStates extends AbstractMap<String, Object> {
        private final JsonataBindings bindings;
        private final Map<String, Object> converted = new LinkedHashMap<>();

        LazyStates(JsonataBindings bindings) {
            this.bindings = bindings;
        }

        private JsonNode source(Object key) {
            if (!(key instanceof String name)) {
                return null;
            }
            return switch (name) {
                case "input" -> bindings.input();
                case "context" -> bindings.context();
                case "result" -> bindings.result();
                case "errorOutput" -> bindings.errorOutput();
                default -> null;
            };
        }

        @Override
        public Object get(Object key) {
            JsonNode source = source(key);
            if (source == null) {
                return null;
            }
            return converted.computeIfAbsent((String) key, k -> toJava(source));
        }

        @Override
        public boolean containsKey(Object key) {
            return source(key) != null;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            Map<String, Object> all = new LinkedHashMap<>();
            for (String key : List.of("input", "context", "result", "errorOutput")) {
                Object value = get(key);
                if (value != null) {
                    all.put(key, value);
                }
            }
            return all.entrySet();
        }
    }
}
